import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../api/client';
import type { DispositionUpdate, LibraryObjection, RequestDisposition } from '../api/queries/formal-response';
import { renderWithTheme } from '../test/render';
import { DispositionEditor } from './DispositionEditor';

const overbroad: LibraryObjection = {
  id: 'obj-1',
  code: 'OVERBROAD',
  title: 'Overbroad',
  wording: 'The Responding Party objects to this Request as overbroad.',
  usedBy: 1,
  updatedAt: '2023-05-25T12:00:00Z',
};
const provisions = [{ id: 'prov-1', reference: 'VII', title: 'Compliance Audit' }];

function request(extra: Partial<RequestDisposition> = {}): RequestDisposition {
  return {
    requestId: 'req-1',
    ordinal: 2,
    title: 'Content held',
    text: 'All Twitter content under your control.',
    provisionReference: null,
    disposition: 'COMPLY_IN_PART',
    responseText: 'Acme will describe the content held.',
    objections: [
      {
        objectionId: overbroad.id,
        code: overbroad.code,
        title: overbroad.title,
        wording: overbroad.wording,
        provisionId: 'prov-1',
        provisionReference: 'VII',
        note: null,
        composed: `${overbroad.wording} See the Agreement, section VII.`,
      },
    ],
    reservation:
      'Subject to and without waiving the foregoing objections, Acme will provide the information described below, and no more.',
    version: 3,
    updatedAt: '2023-05-25T12:00:00Z',
    updatedBy: { id: 'u1', name: 'Helen Byrne' },
    answers: [{ responseId: 'resp-1', subjectName: 'Xbox One Social', status: 'IN_REVIEW', answer: 'We hold 2 TB.' }],
    subjectDispositions: [],
    subjectLines: [],
    disposed: true,
    ...extra,
  };
}

/** Saves like the API: checks the version, bumps it, returns the request as saved. */
function fakeServer(start: RequestDisposition) {
  let current = start;
  const onSave = vi.fn((update: DispositionUpdate): Promise<RequestDisposition> => {
    if (update.version !== current.version)
      return Promise.reject(new ApiError(409, { status: 409, code: 'VERSION_CONFLICT', detail: 'Saved first.' }));
    current = {
      ...current,
      responseText: update.responseText ?? null,
      objections: current.objections.map((o, i) => ({ ...o, note: update.objections?.[i]?.note ?? null })),
      version: current.version + 1,
    };
    return Promise.resolve(current);
  });
  return {
    onSave,
    onLoadLatest: vi.fn(() => Promise.resolve(current)),
    saveByOther: (responseText: string) => (current = { ...current, responseText, version: current.version + 1 }),
  };
}

const renderEditor = (
  r: RequestDisposition,
  server: ReturnType<typeof fakeServer>,
  canDraft = true,
  onUnsavedChange?: (unsaved: boolean) => void,
) =>
  renderWithTheme(
    <DispositionEditor
      request={r}
      library={[overbroad]}
      provisions={provisions}
      respondingParty="Acme"
      canDraft={canDraft}
      onSave={server.onSave}
      onSaveSubject={vi.fn()}
      onLoadLatest={server.onLoadLatest}
      onUnsavedChange={onUnsavedChange}
    />,
  );

describe('DispositionEditor', () => {
  it('shows the request, the internal answers beside the outward text, and the composed objection and reservation', async () => {
    const user = userEvent.setup();
    renderEditor(request(), fakeServer(request()));
    expect(screen.getByRole('heading', { name: 'Request No. 2: Content held' })).toBeInTheDocument();
    expect(screen.getByText('All Twitter content under your control.')).toBeInTheDocument();
    expect(screen.getByText('We hold 2 TB.')).toBeInTheDocument();
    expect(screen.getByLabelText('Response sent for request 2')).toHaveValue('Acme will describe the content held.');
    expect(screen.getByTestId('composed-objection')).toHaveTextContent(
      'The Responding Party objects to this Request as overbroad. See the Agreement, section VII.',
    );
    expect(screen.getByTestId('reservation')).toHaveTextContent(
      'Subject to and without waiving the foregoing objections, Acme will provide the information described below, and no more.',
    );
    await user.type(screen.getByLabelText('Note for this request (Overbroad)'), 'It reaches every app');
    expect(screen.getByTestId('composed-objection')).toHaveTextContent('section VII. It reaches every app.');
  });

  it('saves the draft with the version it is based on', async () => {
    const user = userEvent.setup();
    const server = fakeServer(request());
    renderEditor(request(), server);
    const text = screen.getByLabelText('Response sent for request 2');
    await user.clear(text);
    await user.type(text, 'Acme will describe it.');
    expect(screen.getByText('Unsaved changes')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Save request 2' }));
    await waitFor(() => expect(screen.getByText('Saved')).toBeInTheDocument());
    expect(server.onSave).toHaveBeenCalledWith({
      version: 3,
      disposition: 'COMPLY_IN_PART',
      responseText: 'Acme will describe it.',
      objections: [{ objectionId: 'obj-1', provisionId: 'prov-1', note: null }],
    });
  });

  it('tells the page while it holds changes not saved, so leaving can ask first', async () => {
    const user = userEvent.setup();
    const unsaved = vi.fn();
    renderEditor(request(), fakeServer(request()), true, unsaved);
    expect(unsaved).toHaveBeenLastCalledWith(false);
    await user.type(screen.getByLabelText('Response sent for request 2'), ' In part.');
    expect(unsaved).toHaveBeenLastCalledWith(true);
    await user.click(screen.getByRole('button', { name: 'Save request 2' }));
    await waitFor(() => expect(unsaved).toHaveBeenLastCalledWith(false));
  });

  it('on a conflict keeps the draft, shows the other version, and saves over it only when asked', async () => {
    const user = userEvent.setup();
    const server = fakeServer(request());
    renderEditor(request(), server);
    server.saveByOther('Their outward text.');
    const text = screen.getByLabelText('Response sent for request 2');
    await user.clear(text);
    await user.type(text, 'My outward text.');
    await user.click(screen.getByRole('button', { name: 'Save request 2' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent("Someone else saved this request's response first");
    await waitFor(() => expect(alert).toHaveTextContent('Their outward text.'));
    expect(text).toHaveValue('My outward text.');
    expect(screen.getByRole('button', { name: 'Save request 2' })).toBeDisabled();
    await user.click(screen.getByRole('button', { name: 'Keep mine and save it' }));
    await waitFor(() => expect(screen.queryByRole('alert')).not.toBeInTheDocument());
    expect(server.onSave).toHaveBeenLastCalledWith(
      expect.objectContaining({ version: 4, responseText: 'My outward text.' }),
    );
    expect(screen.getByText('Saved')).toBeInTheDocument();
  });

  it('loads the other version when the user prefers it', async () => {
    const user = userEvent.setup();
    const server = fakeServer(request());
    renderEditor(request(), server);
    server.saveByOther('Their outward text.');
    await user.type(screen.getByLabelText('Response sent for request 2'), ' More.');
    await user.click(screen.getByRole('button', { name: 'Save request 2' }));
    await user.click(await screen.findByRole('button', { name: 'Load their version' }));
    expect(screen.getByLabelText('Response sent for request 2')).toHaveValue('Their outward text.');
    expect(server.onSave).toHaveBeenCalledTimes(1);
  });

  it('is read-only for members who do not draft', () => {
    renderEditor(
      request({ disposition: null, objections: [], reservation: null, disposed: false }),
      fakeServer(request()),
      false,
    );
    expect(screen.getByText('No disposition yet')).toBeInTheDocument();
    expect(screen.getByLabelText('Response sent for request 2')).toBeDisabled();
    expect(screen.getByPlaceholderText('Not decided')).toBeDisabled();
    expect(screen.queryByRole('button', { name: 'Save request 2' })).not.toBeInTheDocument();
  });
});
