import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, type ResponseDetail, type ResponseUpdate } from '../api/client';
import { renderWithTheme } from '../test/render';
import { ResponseForm } from './ResponseForm';

const kenji = { id: 'kenji', name: 'Kenji Watanabe' };
const helen = { id: 'helen', name: 'Helen Byrne' };
const tom = { id: 'tom', name: 'Tom Gallagher' };

function response(extra: Partial<ResponseDetail> = {}): ResponseDetail {
  return {
    id: 'resp-1',
    subject: { id: 's1', name: 'Xbox One Social' },
    request: { id: 'r1', ordinal: 1, title: 'Data held' },
    status: 'NOT_STARTED',
    assignee: kenji,
    reviewer: helen,
    dueDate: '2023-05-31',
    answer: null,
    version: 3,
    overdue: false,
    approvedAt: null,
    approvedBy: null,
    statusNote: null,
    commentCount: 0,
    updatedAt: '2023-05-25T12:00:00Z',
    requestText: 'Describe all Twitter data.',
    provision: null,
    subjectOwner: kenji,
    ...extra,
  };
}

/** A fake API that saves like the real one: checks the version, bumps it, returns the response. */
function fakeServer(start: ResponseDetail) {
  let current = start;
  const onSave = vi.fn((patch: ResponseUpdate): Promise<ResponseDetail> => {
    if (patch.version !== current.version)
      return Promise.reject(
        new ApiError(409, { status: 409, code: 'VERSION_CONFLICT', detail: 'Someone else saved first.' }),
      );
    const answered = patch.answer !== undefined && patch.answer !== current.answer;
    current = {
      ...current,
      ...(patch.answer !== undefined && { answer: patch.answer }),
      status: patch.status ?? (answered && current.status === 'NOT_STARTED' ? 'IN_PROGRESS' : current.status),
      version: current.version + 1,
    };
    return Promise.resolve(current);
  });
  return {
    onSave,
    onLoadLatest: vi.fn(() => Promise.resolve(current)),
    /** Someone else saves in the meantime. */
    saveByOther: (answer: string) => (current = { ...current, answer, version: current.version + 1 }),
  };
}

const contributor = { userId: kenji.id, role: 'CONTRIBUTOR' as const };

/**
 * Fakes setTimeout for the test, so the autosave pause passes when the test says so (`pause`)
 * and never because the machine was slow between two keystrokes.
 */
function userOnFakeTimers() {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  return userEvent.setup({ advanceTimers: (ms) => vi.advanceTimersByTime(ms) });
}
const pause = (ms: number) => act(() => vi.advanceTimersByTimeAsync(ms));
const saveState = () => screen.getByTestId('save-state');

describe('ResponseForm', () => {
  afterEach(() => vi.useRealTimers());

  it('autosaves once typing pauses, with the version it read, and shows Saving… then Saved', async () => {
    const server = fakeServer(response());
    const user = userOnFakeTimers();
    renderWithTheme(
      <ResponseForm
        response={response()}
        actor={contributor}
        onSave={server.onSave}
        onLoadLatest={server.onLoadLatest}
        debounceMs={150}
      />,
    );

    await user.type(screen.getByLabelText('Answer text'), 'No data held.');
    expect(saveState()).toHaveTextContent('Unsaved changes');
    expect(server.onSave).not.toHaveBeenCalled();
    await pause(149);
    expect(server.onSave).not.toHaveBeenCalled();
    await pause(1);
    await waitFor(() => expect(saveState()).toHaveTextContent(/^Saved/));
    // One save for the whole burst of typing.
    expect(server.onSave.mock.calls).toEqual([[{ version: 3, answer: 'No data held.' }]]);

    // The next edit is based on the version that save produced.
    await user.type(screen.getByLabelText('Answer text'), ' Checked.');
    await pause(150);
    await waitFor(() => expect(server.onSave).toHaveBeenCalledTimes(2));
    expect(server.onSave.mock.calls[1][0]).toEqual({ version: 4, answer: 'No data held. Checked.' });
    await waitFor(() => expect(saveState()).toHaveTextContent(/^Saved/));
  });

  it('when someone else saved first, keeps the text, says so, and offers their version', async () => {
    const server = fakeServer(response({ answer: 'Draft' }));
    server.saveByOther('Their answer');
    const user = userOnFakeTimers();
    renderWithTheme(
      <ResponseForm
        response={response({ answer: 'Draft' })}
        actor={contributor}
        onSave={server.onSave}
        onLoadLatest={server.onLoadLatest}
        debounceMs={100}
      />,
    );

    const editor = screen.getByLabelText('Answer text');
    await user.clear(editor);
    await user.type(editor, 'My careful answer');
    await pause(100);
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Someone else saved this response first');
    expect(alert).toHaveTextContent('Their answer');
    expect(editor).toHaveValue('My careful answer');
    expect(saveState()).toHaveTextContent('Not saved: conflict');

    // Typing on does not autosave over them until the user chooses.
    await user.type(editor, '!');
    await pause(10_000);
    expect(server.onSave).toHaveBeenCalledTimes(1);

    await user.click(screen.getByRole('button', { name: 'Load their version' }));
    expect(editor).toHaveValue('Their answer');
    expect(saveState()).toHaveTextContent('Saved');
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('"Keep mine" saves the user text over the newer version, knowingly', async () => {
    const server = fakeServer(response({ answer: 'Draft' }));
    server.saveByOther('Their answer');
    const user = userEvent.setup();
    renderWithTheme(
      <ResponseForm
        response={response({ answer: 'Draft' })}
        actor={contributor}
        onSave={server.onSave}
        onLoadLatest={server.onLoadLatest}
        debounceMs={100}
      />,
    );
    await user.type(screen.getByLabelText('Answer text'), ' v2');
    await screen.findByRole('alert');
    await user.click(screen.getByRole('button', { name: 'Keep mine and save it' }));
    await waitFor(() => expect(saveState()).toHaveTextContent(/^Saved/));
    expect(server.onSave).toHaveBeenLastCalledWith({ version: 4, answer: 'Draft v2' });
  });

  it('offers the status moves the role allows: the assignee submits, the reviewer approves', async () => {
    const user = userEvent.setup();
    const inProgress = response({ status: 'IN_PROGRESS', answer: 'An answer' });
    const server = fakeServer(inProgress);
    const { unmount } = renderWithTheme(
      <ResponseForm
        response={inProgress}
        actor={contributor}
        onSave={server.onSave}
        onLoadLatest={server.onLoadLatest}
      />,
    );
    const actions = () => screen.getByRole('group', { name: 'Status actions' });
    expect(actions()).toHaveTextContent('Back to not started');
    expect(screen.getByRole('button', { name: 'Submit for review' })).toBeEnabled();
    expect(screen.queryByRole('button', { name: 'Approve' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Mark not applicable' })).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Submit for review' }));
    expect(server.onSave).toHaveBeenCalledWith({ version: 3, status: 'IN_REVIEW' });
    unmount();

    const inReview = response({ status: 'IN_REVIEW', answer: 'An answer' });
    renderWithTheme(
      <ResponseForm
        response={inReview}
        actor={{ userId: helen.id, role: 'COUNSEL' }}
        onSave={server.onSave}
        onLoadLatest={server.onLoadLatest}
      />,
    );
    expect(screen.getByRole('button', { name: 'Approve' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Request changes' })).toBeInTheDocument();
    expect(screen.getByLabelText('Answer text')).not.toHaveAttribute('readonly');
  });

  it('the assignee cannot approve their own work; a viewer gets no actions and a read-only answer', () => {
    const inReview = response({ status: 'IN_REVIEW', answer: 'An answer' });
    const server = fakeServer(inReview);
    const { unmount } = renderWithTheme(
      <ResponseForm
        response={inReview}
        actor={{ userId: kenji.id, role: 'COUNSEL' }}
        onSave={server.onSave}
        onLoadLatest={server.onLoadLatest}
      />,
    );
    expect(screen.queryByRole('button', { name: 'Approve' })).not.toBeInTheDocument();
    unmount();

    renderWithTheme(
      <ResponseForm
        response={inReview}
        actor={{ userId: tom.id, role: 'VIEWER' }}
        onSave={server.onSave}
        onLoadLatest={server.onLoadLatest}
      />,
    );
    expect(screen.getByLabelText('Answer text')).toHaveAttribute('readonly');
    expect(screen.queryAllByRole('button')).toHaveLength(0);
    expect(screen.getByRole('group', { name: 'Status actions' })).toHaveTextContent(
      'No status change is open to you here.',
    );
  });

  it('an answer is needed before submitting: the move appears once there is text, and saves it first', async () => {
    const server = fakeServer(response());
    const user = userEvent.setup();
    renderWithTheme(
      <ResponseForm
        response={response()}
        actor={contributor}
        onSave={server.onSave}
        onLoadLatest={server.onLoadLatest}
        debounceMs={5000}
      />,
    );
    expect(screen.queryByRole('button', { name: 'Submit for review' })).not.toBeInTheDocument();
    await user.type(screen.getByLabelText('Answer text'), 'Done');
    // Leaving the editor for the button saves the text; the move then waits for that save and
    // is based on the version it produced (no conflict with oneself).
    await user.click(screen.getByRole('button', { name: 'Submit for review' }));
    await waitFor(() => expect(server.onSave).toHaveBeenCalledTimes(2));
    expect(server.onSave.mock.calls).toEqual([[{ version: 3, answer: 'Done' }], [{ version: 4, status: 'IN_REVIEW' }]]);
    expect((await server.onLoadLatest()).status).toBe('IN_REVIEW');
  });

  it('keeps an approved answer read only; counsel reopens it, with a reason, before editing', async () => {
    const approved = response({ status: 'APPROVED', answer: 'Public posts only.', approvedAt: '2023-05-30T10:00:00Z' });
    const server = fakeServer(approved);
    const user = userEvent.setup();
    renderWithTheme(
      <ResponseForm
        response={approved}
        actor={{ userId: tom.id, role: 'COUNSEL' }}
        onSave={server.onSave}
        onLoadLatest={server.onLoadLatest}
      />,
    );
    const editor = screen.getByLabelText('Answer text');
    expect(editor).toHaveAttribute('readonly');
    await user.type(editor, ' ');
    expect(server.onSave).not.toHaveBeenCalled();
    // No way back to review: reopening is the one move, and it asks why.
    expect(screen.queryByRole('button', { name: 'Submit for review' })).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Reopen to edit' }));
    const dialog = await screen.findByRole('dialog', { name: 'Reopen the approved answer?' });
    expect(within(dialog).getByRole('button', { name: 'Reopen' })).toBeDisabled();
    await user.type(within(dialog).getByLabelText(/Why is it reopened/), 'The client corrected the period.');
    await user.click(within(dialog).getByRole('button', { name: 'Reopen' }));
    await waitFor(() => expect(server.onSave).toHaveBeenCalledTimes(1));
    expect(server.onSave.mock.calls[0][0]).toEqual({
      version: 3,
      status: 'IN_PROGRESS',
      statusReason: 'The client corrected the period.',
    });
  });

  it('asks the reviewer what must change before sending an answer back, and sends the reason', async () => {
    const inReview = response({ status: 'IN_REVIEW', answer: 'An answer' });
    const server = fakeServer(inReview);
    const user = userEvent.setup();
    renderWithTheme(
      <ResponseForm
        response={inReview}
        actor={{ userId: helen.id, role: 'CONTRIBUTOR' }}
        onSave={server.onSave}
        onLoadLatest={server.onLoadLatest}
      />,
    );
    await user.click(screen.getByRole('button', { name: 'Request changes' }));
    const dialog = await screen.findByRole('dialog', { name: 'Ask for changes?' });
    expect(server.onSave).not.toHaveBeenCalled();
    const confirm = within(dialog).getByRole('button', { name: 'Ask for changes' });
    expect(confirm).toBeDisabled();
    await user.type(within(dialog).getByLabelText(/What must change/), '   ');
    expect(confirm).toBeDisabled();
    await user.type(within(dialog).getByLabelText(/What must change/), 'Cite the retention clause.');
    await user.click(confirm);
    await waitFor(() => expect(server.onSave).toHaveBeenCalledTimes(1));
    expect(server.onSave.mock.calls[0][0]).toEqual({
      version: 3,
      status: 'CHANGES_REQUESTED',
      statusReason: 'Cite the retention clause.',
    });
  });

  it('confirms an approval, with an optional sign-off note; cancelling approves nothing', async () => {
    const inReview = response({ status: 'IN_REVIEW', answer: 'An answer' });
    const server = fakeServer(inReview);
    const user = userEvent.setup();
    renderWithTheme(
      <ResponseForm
        response={inReview}
        actor={{ userId: helen.id, role: 'COUNSEL' }}
        onSave={server.onSave}
        onLoadLatest={server.onLoadLatest}
      />,
    );
    await user.click(screen.getByRole('button', { name: 'Approve' }));
    let dialog = await screen.findByRole('dialog', { name: 'Approve this answer?' });
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(server.onSave).not.toHaveBeenCalled();

    await user.click(screen.getByRole('button', { name: 'Approve' }));
    dialog = await screen.findByRole('dialog', { name: 'Approve this answer?' });
    expect(within(dialog).getByRole('button', { name: 'Approve' })).toBeEnabled();
    await user.type(within(dialog).getByLabelText(/Sign-off note/), 'Checked against the 2022 logs.');
    await user.click(within(dialog).getByRole('button', { name: 'Approve' }));
    await waitFor(() => expect(server.onSave).toHaveBeenCalledTimes(1));
    expect(server.onSave.mock.calls[0][0]).toEqual({
      version: 3,
      status: 'APPROVED',
      statusReason: 'Checked against the 2022 logs.',
    });
  });
});
