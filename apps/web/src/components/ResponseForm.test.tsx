import { MantineProvider } from '@mantine/core';
import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ComponentProps } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError, type ResponseDetail, type ResponseUpdate } from '../api/client';
import { ANSWER_MAX_LENGTH } from '@app/domain/response-workflow';
import { theme } from '../App';
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

/** The form over a fake server that starts where the response is; `props` set the other props. */
function renderForm(start: ResponseDetail, props: Partial<ComponentProps<typeof ResponseForm>> = {}) {
  const server = fakeServer(start);
  const view = renderWithTheme(
    <ResponseForm
      response={start}
      actor={contributor}
      onSave={server.onSave}
      onLoadLatest={server.onLoadLatest}
      {...props}
    />,
  );
  return { server, ...view };
}

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
  // Unmounting with unsaved text keeps it for the response (what a test's cleanup does too).
  beforeEach(() => sessionStorage.clear());
  afterEach(() => {
    vi.useRealTimers();
    sessionStorage.clear();
  });

  it('autosaves once typing pauses, with the version it read, and shows Saving… then Saved', async () => {
    const user = userOnFakeTimers();
    const { server } = renderForm(response(), { debounceMs: 150 });

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
    const { server, unmount } = renderForm(inProgress);
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
    const { server, unmount } = renderForm(inReview, { actor: { userId: kenji.id, role: 'COUNSEL' } });
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
    const user = userEvent.setup();
    const { server } = renderForm(response(), { debounceMs: 5000 });
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
    const user = userEvent.setup();
    const { server } = renderForm(approved, { actor: { userId: tom.id, role: 'COUNSEL' } });
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
    const user = userEvent.setup();
    const { server } = renderForm(inReview, { actor: { userId: helen.id, role: 'CONTRIBUTOR' } });
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
    const user = userEvent.setup();
    const { server } = renderForm(inReview, { actor: { userId: helen.id, role: 'COUNSEL' } });
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
    // The reviewer wrote nothing of the answer: no "Saved at" for them.
    await waitFor(() => expect(saveState()).toHaveTextContent('Saved'));
    expect(saveState()).not.toHaveTextContent('Saved at');
  });

  it('shows the length near the API limit, and over it says so and sends nothing', async () => {
    expect(ANSWER_MAX_LENGTH).toBe(200_000);
    const user = userOnFakeTimers();
    const { server } = renderForm(response(), { debounceMs: 100 });
    const editor = screen.getByLabelText('Answer text');
    await user.click(editor);
    await user.paste('x'.repeat(179_990));
    expect(screen.queryByTestId('answer-length')).not.toBeInTheDocument();
    await user.type(editor, 'y'.repeat(10));
    expect(screen.getByTestId('answer-length')).toHaveTextContent('180,000 of 200,000 characters');
    await pause(100);
    await waitFor(() => expect(saveState()).toHaveTextContent(/^Saved/));
    expect(server.onSave).toHaveBeenCalledTimes(1);

    await user.paste('z'.repeat(20_005));
    expect(screen.getByTestId('answer-length')).toHaveTextContent('200,005 of 200,000 characters');
    expect(editor).toHaveAccessibleDescription(
      expect.stringContaining(
        'The answer is 5 characters too long: shorten it to 200,000 characters or fewer to save it.',
      ),
    );
    expect(editor).toHaveAttribute('aria-invalid', 'true');
    expect(saveState()).toHaveTextContent('Not saved: too long');
    await pause(10_000);
    await user.click(document.body); // leaving the editor does not save it either
    await pause(10_000);
    expect(server.onSave).toHaveBeenCalledTimes(1);
    expect(screen.getByRole('button', { name: 'Submit for review' })).toBeDisabled();

    // Shortened to the limit, it saves.
    await user.type(editor, '{Backspace}'.repeat(5));
    await pause(100);
    await waitFor(() => expect(server.onSave).toHaveBeenCalledTimes(2));
    expect(server.onSave.mock.calls[1][0].answer).toHaveLength(ANSWER_MAX_LENGTH);
  });

  it('after a long paste, a burst of typing sends one save once it stops, not one per keystroke', async () => {
    const user = userOnFakeTimers();
    const { server } = renderForm(response(), { debounceMs: 1200 });
    const editor = screen.getByLabelText('Answer text');
    await user.click(editor);
    await user.paste('Clause 4.2 applies. '.repeat(5_000));
    for (const key of 'and more') {
      await user.keyboard(key);
      await pause(300); // a slow typist: each pause is shorter than the autosave's wait
    }
    expect(server.onSave).not.toHaveBeenCalled();
    await pause(1200);
    await waitFor(() => expect(saveState()).toHaveTextContent(/^Saved/));
    expect(server.onSave).toHaveBeenCalledTimes(1);
    expect(server.onSave.mock.calls[0][0].answer).toMatch(/and more$/);
  });

  it('does not measure the whole text on each keystroke (what made a long answer lag)', async () => {
    const user = userEvent.setup();
    renderForm(response(), { debounceMs: 60_000 });
    const editor = screen.getByLabelText('Answer text');
    // An autosizing textarea reads its computed style and lays its whole text out again (in a
    // hidden copy) on every render; a fixed-height one scrolls and never does. Who asks is told
    // by the stack: user-event reads computed styles too (is the element visible?).
    const measuring: string[] = [];
    const real = window.getComputedStyle.bind(window);
    vi.spyOn(window, 'getComputedStyle').mockImplementation((node, pseudo) => {
      const stack = new Error().stack ?? '';
      if (/getSizingData|resizeTextarea|calculateNodeHeight/.test(stack)) measuring.push(stack);
      return real(node, pseudo);
    });
    await user.type(editor, 'abc');
    expect(measuring).toEqual([]);
    expect(editor).toHaveValue('abc');
  });

  it('when the session ends mid-edit, says so, keeps the text, and saves it once logged in again', async () => {
    const server = fakeServer(response({ answer: 'Draft' }));
    let loggedIn = false;
    const onSave = vi.fn((patch: ResponseUpdate) =>
      loggedIn
        ? server.onSave(patch)
        : Promise.reject(new ApiError(401, { status: 401, code: 'UNAUTHENTICATED', detail: 'Log in first.' })),
    );
    const logIn = vi.fn((password: string) => {
      if (password !== 'secret') return Promise.reject(new Error('Wrong email or password.'));
      loggedIn = true;
      return Promise.resolve();
    });
    const user = userOnFakeTimers();
    renderWithTheme(
      <ResponseForm
        response={response({ answer: 'Draft' })}
        actor={contributor}
        onSave={onSave}
        onLoadLatest={server.onLoadLatest}
        relogin={{ email: 'kenji@example.com', logIn }}
        debounceMs={100}
      />,
    );
    const editor = screen.getByLabelText('Answer text');
    await user.type(editor, ' with my words');
    await pause(100);
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Your session ended: log in again');
    expect(alert).toHaveTextContent('kenji@example.com');
    expect(editor).toHaveValue('Draft with my words');
    expect(saveState()).toHaveTextContent('Not saved: log in again');
    // Typing on does not hammer the API meanwhile.
    await user.type(editor, '!');
    await pause(10_000);
    expect(onSave).toHaveBeenCalledTimes(1);

    await user.type(within(alert).getByLabelText('Password'), 'wrong');
    await user.click(within(alert).getByRole('button', { name: 'Log in and save' }));
    expect(await within(alert).findByText('Wrong email or password.')).toBeInTheDocument();
    await user.clear(within(alert).getByLabelText('Password'));
    await user.type(within(alert).getByLabelText('Password'), 'secret');
    await user.click(within(alert).getByRole('button', { name: 'Log in and save' }));
    await waitFor(() => expect(saveState()).toHaveTextContent(/^Saved/));
    expect(logIn).toHaveBeenLastCalledWith('secret');
    expect(onSave).toHaveBeenLastCalledWith({ version: 3, answer: 'Draft with my words!' });
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('keeps the unsaved text through the login page: back on the response, it is restored and saved', async () => {
    const server = fakeServer(response({ answer: 'Draft' }));
    const onSave = vi.fn((_: ResponseUpdate) =>
      Promise.reject(new ApiError(401, { status: 401, code: 'UNAUTHENTICATED', detail: 'Log in first.' })),
    );
    const user = userOnFakeTimers();
    const { unmount } = renderWithTheme(
      <ResponseForm
        response={response({ answer: 'Draft' })}
        actor={contributor}
        onSave={onSave}
        onLoadLatest={server.onLoadLatest}
        debounceMs={100}
      />,
    );
    await user.type(screen.getByLabelText('Answer text'), ' with my words');
    await pause(100);
    const alert = await screen.findByRole('alert');
    // No in-place login offered: a link to the login page that comes back here.
    expect(within(alert).getByRole('link', { name: /Log in again/ })).toHaveAttribute(
      'href',
      `/login?next=${encodeURIComponent('/')}`,
    );
    unmount(); // the login page

    renderWithTheme(
      <ResponseForm
        response={response({ answer: 'Draft' })}
        actor={contributor}
        onSave={server.onSave}
        onLoadLatest={server.onLoadLatest}
        debounceMs={100}
      />,
    );
    expect(screen.getByLabelText('Answer text')).toHaveValue('Draft with my words');
    expect(screen.getByText('Your unsaved text is back')).toBeInTheDocument();
    await pause(100);
    await waitFor(() => expect(saveState()).toHaveTextContent(/^Saved/));
    expect(server.onSave.mock.calls).toEqual([[{ version: 3, answer: 'Draft with my words' }]]);
    expect(sessionStorage.length).toBe(0);
  });

  it('a text left unsaved while someone else saved is not written over them, when left nor when restored', async () => {
    const server = fakeServer(response({ answer: 'Draft' }));
    const first = renderWithTheme(
      <ResponseForm
        response={response({ answer: 'Draft' })}
        actor={contributor}
        onSave={server.onSave}
        onLoadLatest={server.onLoadLatest}
        debounceMs={60_000}
      />,
    );
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Answer text'), ' mine');
    server.saveByOther('Their answer');
    first.unmount(); // left before the autosave: the save sent then is refused (409)
    const latest = await server.onLoadLatest();

    renderWithTheme(
      <ResponseForm
        response={latest}
        actor={contributor}
        onSave={server.onSave}
        onLoadLatest={server.onLoadLatest}
        debounceMs={60_000}
      />,
    );
    const editor = screen.getByLabelText('Answer text');
    expect(editor).toHaveValue('Draft mine');
    editor.focus();
    editor.blur();
    expect(await screen.findByText('Someone else saved this response first')).toBeInTheDocument();
    expect(server.onSave.mock.calls).toEqual([
      [{ version: 3, answer: 'Draft mine' }, { keepalive: true }],
      [{ version: 3, answer: 'Draft mine' }],
    ]);
  });

  it("says when it was saved in the reader's time zone, and a refused save in plain words", async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    vi.setSystemTime(new Date('2023-06-07T21:03:00Z'));
    const user = userEvent.setup({ advanceTimers: (ms) => vi.advanceTimersByTime(ms) });
    const server = fakeServer(response());
    let refuse = false;
    const onSave = vi.fn((patch: ResponseUpdate) =>
      refuse
        ? Promise.reject(
            new ApiError(400, {
              status: 400,
              code: 'VALIDATION_FAILED',
              detail: 'Validation failed: answer must be shorter than or equal to 200000 characters',
              errors: [{ field: 'answer', message: 'answer must be shorter than or equal to 200000 characters' }],
            }),
          )
        : server.onSave(patch),
    );
    renderWithTheme(
      <ResponseForm
        response={response()}
        actor={contributor}
        onSave={onSave}
        onLoadLatest={server.onLoadLatest}
        timeZone="Asia/Tokyo"
        debounceMs={100}
      />,
    );
    await user.type(screen.getByLabelText('Answer text'), 'No data held.');
    await pause(100);
    await waitFor(() => expect(saveState()).toHaveTextContent('Saved at 6:03 AM GMT+9'));

    refuse = true;
    await user.type(screen.getByLabelText('Answer text'), ' More.');
    await pause(100);
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Answer: Keep this to 200,000 characters or fewer');
    expect(alert).not.toHaveTextContent('must be shorter');
  });

  describe('review by someone other than the answer’s assignee and author', () => {
    const daniel = { userId: 'daniel', role: 'LEAD_COUNSEL' as const };

    /** The form as the page holds it: each save's response becomes the one shown. */
    function renderLive(start: ResponseDetail, actor = daniel) {
      const server = fakeServer(start);
      const ui = (r: ResponseDetail, onSave: ComponentProps<typeof ResponseForm>['onSave']) => (
        <MantineProvider theme={theme}>
          <ResponseForm
            response={r}
            actor={actor}
            onSave={onSave}
            onLoadLatest={server.onLoadLatest}
            debounceMs={5000}
          />
        </MantineProvider>
      );
      const onSave = async (patch: ResponseUpdate) => {
        const saved = await server.onSave(patch);
        view.rerender(ui(saved, onSave));
        return saved;
      };
      const view = render(ui(start, onSave));
      return { server };
    }

    it('does not offer Approve to counsel who wrote the answer, and says why where it would be', async () => {
      const user = userEvent.setup();
      const { server } = renderLive(response({ status: 'IN_PROGRESS' }));
      await user.type(screen.getByLabelText('Answer text'), 'Only public posts are held.');
      await user.click(screen.getByRole('button', { name: 'Submit for review' }));
      await waitFor(() => expect(server.onSave).toHaveBeenCalledTimes(2));
      expect((await server.onLoadLatest()).status).toBe('IN_REVIEW');
      await waitFor(() => expect(screen.queryByRole('button', { name: 'Submit for review' })).not.toBeInTheDocument());

      const actions = screen.getByRole('group', { name: 'Status actions' });
      expect(within(actions).queryByRole('button', { name: 'Approve' })).not.toBeInTheDocument();
      expect(within(actions).queryByRole('button', { name: 'Request changes' })).not.toBeInTheDocument();
      expect(actions).toHaveTextContent('You wrote this answer: someone else reviews it.');
      expect(actions).not.toHaveTextContent('No status change is open to you here.');
    });

    it('knows the author from the API after a reload: Approve is not offered to who wrote it', () => {
      renderLive(response({ status: 'IN_REVIEW', answer: 'Written by Daniel yesterday.', answeredById: 'daniel' }));
      expect(screen.queryByRole('button', { name: 'Approve' })).not.toBeInTheDocument();
      expect(screen.getByRole('group', { name: 'Status actions' })).toHaveTextContent(
        'You wrote this answer: someone else reviews it.',
      );
    });

    it('still offers counsel the review of an answer someone else wrote', () => {
      renderLive(response({ status: 'IN_REVIEW', answer: 'Written by Kenji.' }));
      expect(screen.getByRole('button', { name: 'Approve' })).toBeInTheDocument();
      expect(screen.getByRole('button', { name: 'Request changes' })).toBeInTheDocument();
      expect(screen.queryByTestId('review-refused')).not.toBeInTheDocument();
    });

    it('tells the assignee why they cannot review their own answer', () => {
      renderLive(response({ status: 'IN_REVIEW', answer: 'An answer', assignee: { id: 'daniel', name: 'Daniel' } }));
      expect(screen.queryByRole('button', { name: 'Approve' })).not.toBeInTheDocument();
      expect(screen.getByRole('group', { name: 'Status actions' })).toHaveTextContent(
        'This answer is assigned to you: someone else reviews it.',
      );
    });

    it('a review the API refuses all the same is said once, with no "Try again" that cannot help', async () => {
      const user = userEvent.setup();
      const inReview = response({ status: 'IN_REVIEW', answer: 'Written on another day.' });
      const onSave = vi.fn(() =>
        Promise.reject(
          new ApiError(403, {
            status: 403,
            code: 'FORBIDDEN',
            detail: 'The assignee or the author of an answer cannot review it.',
          }),
        ),
      );
      renderForm(inReview, { actor: daniel, onSave });
      await user.click(screen.getByRole('button', { name: 'Approve' }));
      await user.click(within(await screen.findByRole('dialog')).getByRole('button', { name: 'Approve' }));
      const alert = await screen.findByRole('alert');
      expect(alert).toHaveTextContent('The assignee or the author of an answer cannot review it.');
      expect(screen.queryByRole('button', { name: 'Try again' })).not.toBeInTheDocument();
      expect(saveState()).toHaveTextContent('Saved');
    });
  });
});
