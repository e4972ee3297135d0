import { MantineProvider } from '@mantine/core';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import axe from 'axe-core';
import { describe, expect, it, vi } from 'vitest';
import { DISPOSITION_LABEL, subjectDispositionLines } from '@app/domain/formal-response';
import { ApiError } from '../api/client';
import type { RequestDisposition, SubjectDisposition, SubjectDispositionUpdate } from '../api/queries/formal-response';
import { theme } from '../App';
import { SubjectDispositions } from './SubjectDispositions';

const subject = (
  subjectId: string,
  subjectName: string,
  extra: Partial<SubjectDisposition> = {},
): SubjectDisposition => ({
  subjectId,
  subjectName,
  disposition: null,
  responseText: null,
  version: 0,
  updatedAt: null,
  updatedBy: null,
  ...extra,
});

function request(subjects: SubjectDisposition[]): RequestDisposition {
  const base = { disposition: 'COMPLY' as const, responseText: 'The register is produced.' };
  return {
    requestId: 'req-1',
    ordinal: 2,
    title: 'Licences',
    text: 'Provide every licence record.',
    provisionReference: null,
    ...base,
    objections: [],
    reservation: null,
    version: 1,
    updatedAt: null,
    updatedBy: null,
    answers: [],
    subjectDispositions: subjects,
    subjectLines: subjectDispositionLines({ ...base, subjectDispositions: subjects }),
    disposed: true,
  };
}

/** Saves like the API: checks the subject's version, bumps it, returns the request as saved. */
function fakeServer(start: RequestDisposition) {
  let current = start;
  const put = (subjectId: string, next: Partial<SubjectDisposition>) => {
    const subjects = current.subjectDispositions.map((s) =>
      s.subjectId === subjectId ? { ...s, ...next, version: s.version + 1 } : s,
    );
    current = request(subjects);
    return current;
  };
  const onSave = vi.fn((subjectId: string, update: SubjectDispositionUpdate): Promise<RequestDisposition> => {
    const saved = current.subjectDispositions.find((s) => s.subjectId === subjectId)!;
    if (update.version !== saved.version)
      return Promise.reject(new ApiError(409, { status: 409, code: 'VERSION_CONFLICT', detail: 'Saved first.' }));
    return Promise.resolve(
      put(subjectId, { disposition: update.disposition ?? null, responseText: update.responseText ?? null }),
    );
  });
  return {
    onSave,
    onLoadLatest: vi.fn(() => Promise.resolve(current)),
    saveByOther: (subjectId: string, next: Partial<SubjectDisposition>) => put(subjectId, next),
  };
}

async function axeViolations(): Promise<string[]> {
  // jsdom lays nothing out, so contrast is checked in the browser tests instead.
  const results = await axe.run(document.body, { rules: { 'color-contrast': { enabled: false } } });
  return results.violations.map((v) => `${v.id}: ${v.help}`);
}

/**
 * Renders like the page does (Mantine without transitions or portals): each save's result
 * becomes the request shown.
 */
function renderSubjects(start: RequestDisposition, server: ReturnType<typeof fakeServer>, canDraft = true) {
  const ui = (r: RequestDisposition) => (
    <MantineProvider theme={theme} env="test">
      <SubjectDispositions request={r} canDraft={canDraft} onSave={onSave} onLoadLatest={server.onLoadLatest} />
    </MantineProvider>
  );
  const view = render(ui(start));
  async function onSave(subjectId: string, update: SubjectDispositionUpdate) {
    const saved = await server.onSave(subjectId, update);
    view.rerender(ui(saved));
    return saved;
  }
  return view;
}

const pick = async (user: ReturnType<typeof userEvent.setup>, label: string, option: string) => {
  await user.click(screen.getByRole('combobox', { name: label }));
  await user.click(await screen.findByRole('option', { name: option }));
};

describe('SubjectDispositions', () => {
  it("lets counsel pick a subject and give it its own disposition and text, shown as the letter's line", async () => {
    const user = userEvent.setup();
    const start = request([subject('s1', 'Reporting app'), subject('s2', 'Search app')]);
    const server = fakeServer(start);
    renderSubjects(start, server);
    expect(screen.getByRole('heading', { name: 'Differs by subject' })).toBeInTheDocument();
    await pick(user, 'Subject of request 2', 'Search app');
    await pick(user, 'Disposition for Search app', DISPOSITION_LABEL.NOT_APPLICABLE);
    await user.type(screen.getByLabelText('Response sent for Search app'), 'Search was never licensed.');
    expect(screen.getByRole('status')).toHaveTextContent('Unsaved changes');
    await user.click(screen.getByRole('button', { name: 'Save for Search app' }));
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('Saved'));
    expect(server.onSave).toHaveBeenCalledWith('s2', {
      version: 0,
      disposition: 'NOT_APPLICABLE',
      responseText: 'Search was never licensed.',
    });
    expect(screen.getByText('As to Search app: Not applicable. Search was never licensed.')).toBeInTheDocument();
    expect(await axeViolations()).toEqual([]);
  });

  it('clears a subject only after confirming, and then the request applies to it again', async () => {
    const user = userEvent.setup();
    const start = request([
      subject('s1', 'Reporting app', { disposition: 'OBJECT', responseText: 'Confidential.', version: 2 }),
    ]);
    const server = fakeServer(start);
    renderSubjects(start, server);
    expect(screen.getByRole('combobox', { name: 'Subject of request 2' })).toHaveValue('Reporting app (Objects)');
    expect(screen.getByText('As to Reporting app: Objects. Confidential.')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Clear for Reporting app' }));
    const dialog = await screen.findByRole('dialog', { name: "Clear Reporting app's own disposition?" });
    expect(dialog).toHaveTextContent("with the request's own disposition");
    expect(await axeViolations()).toEqual([]);
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(server.onSave).not.toHaveBeenCalled();

    await user.click(screen.getByRole('button', { name: 'Clear for Reporting app' }));
    await user.click(
      within(await screen.findByRole('dialog', { name: /Clear Reporting app/ })).getByRole('button', {
        name: 'Clear it',
      }),
    );
    await waitFor(() =>
      expect(server.onSave).toHaveBeenCalledWith('s1', { version: 2, disposition: null, responseText: null }),
    );
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent("The request's disposition applies"));
    expect(screen.queryByText('The letter adds:')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Clear for Reporting app' })).toBeNull();
  });

  it('on a conflict keeps the draft, shows the other version, and saves over it only when asked', async () => {
    const user = userEvent.setup();
    const start = request([subject('s1', 'Reporting app', { disposition: 'OBJECT', version: 1 })]);
    const server = fakeServer(start);
    renderSubjects(start, server);
    server.saveByOther('s1', { disposition: 'NO_RESPONSIVE_INFORMATION', responseText: 'Nothing found.' });
    const text = screen.getByLabelText('Response sent for Reporting app');
    await user.type(text, 'Keys are confidential.');
    await user.click(screen.getByRole('button', { name: 'Save for Reporting app' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent("Someone else saved Reporting app's response first");
    await waitFor(() => expect(alert).toHaveTextContent('No responsive information. Nothing found.'));
    expect(text).toHaveValue('Keys are confidential.');
    await user.click(screen.getByRole('button', { name: 'Keep mine and save it' }));
    await waitFor(() => expect(screen.queryByRole('alert')).not.toBeInTheDocument());
    expect(server.onSave).toHaveBeenLastCalledWith('s1', {
      version: 2,
      disposition: 'OBJECT',
      responseText: 'Keys are confidential.',
    });
  });

  it('is read-only for members who do not draft', async () => {
    const user = userEvent.setup();
    const start = request([subject('s1', 'Reporting app', { disposition: 'OBJECT', version: 1 })]);
    renderSubjects(start, fakeServer(start), false);
    expect(screen.getByRole('combobox', { name: 'Disposition for Reporting app' })).toBeDisabled();
    expect(screen.getByLabelText('Response sent for Reporting app')).toBeDisabled();
    expect(screen.queryByRole('button', { name: /Save for|Clear for/ })).toBeNull();
    // Picking another subject is reading, not drafting.
    await user.click(screen.getByRole('combobox', { name: 'Subject of request 2' }));
    expect(await screen.findByRole('option', { name: 'Reporting app (Objects)' })).toBeInTheDocument();
  });

  it('names each request’s section after its request, so the page’s landmarks each have their own name', async () => {
    const server = fakeServer(request([subject('s1', 'Reporting app')]));
    const second = request([subject('s1', 'Reporting app')]);
    const third = { ...second, requestId: 'req-2', ordinal: 3 };
    render(
      <MantineProvider theme={theme} env="test">
        {[second, third].map((r) => (
          <SubjectDispositions
            key={r.requestId}
            request={r}
            canDraft
            onSave={server.onSave}
            onLoadLatest={server.onLoadLatest}
          />
        ))}
      </MantineProvider>,
    );
    const region = screen.getByRole('region', { name: 'Differs by subject: Request No. 2' });
    // The visible heading starts its name.
    expect(within(region).getByRole('heading', { name: 'Differs by subject' })).toBeInTheDocument();
    expect(screen.getByRole('region', { name: 'Differs by subject: Request No. 3' })).toBeInTheDocument();
    expect(await axeViolations()).toEqual([]);
  });
});
