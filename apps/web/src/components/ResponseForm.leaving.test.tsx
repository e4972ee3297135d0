// The answer editor when the page is left with a save still waiting for the typing to pause:
// a reload, a closed tab, a phone putting the tab away, another page of the app. The save goes
// at once (as a keepalive request, which outlives the page), and the text is kept in the tab
// for when the response is opened again, without writing over anyone.
import { act, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError, type ResponseDetail, type ResponseUpdate } from '../api/client';
import { renderWithTheme } from '../test/render';
import { ResponseForm, type SaveOptions } from './ResponseForm';

const kenji = { id: 'kenji', name: 'Kenji Watanabe' };

const start: ResponseDetail = {
  id: 'resp-1',
  subject: { id: 's1', name: 'Xbox One Social' },
  request: { id: 'r1', ordinal: 1, title: 'Data held' },
  status: 'IN_PROGRESS',
  assignee: kenji,
  reviewer: { id: 'helen', name: 'Helen Byrne' },
  dueDate: '2023-05-31',
  answer: 'Draft',
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
};

/**
 * The API as far as a save goes: a save based on an older version is refused (409). A save is
 * applied when the test says it arrives (`arrive`), or at once with `answerAtOnce`.
 */
function fakeServer({ answerAtOnce = true } = {}) {
  let current = start;
  const waiting: (() => void)[] = [];
  const conflictOf = (patch: ResponseUpdate) =>
    patch.version === current.version
      ? null
      : new ApiError(409, { status: 409, code: 'VERSION_CONFLICT', detail: 'Someone else saved first.' });
  const apply = (patch: ResponseUpdate): ResponseDetail => {
    const conflict = conflictOf(patch);
    if (conflict) throw conflict;
    current = { ...current, ...(patch.answer !== undefined && { answer: patch.answer }), version: current.version + 1 };
    return current;
  };
  const onSave = vi.fn((patch: ResponseUpdate, _options?: SaveOptions): Promise<ResponseDetail> =>
    answerAtOnce
      ? new Promise((resolve) => resolve(apply(patch)))
      : new Promise((resolve, reject) =>
          waiting.push(() => {
            const conflict = conflictOf(patch);
            if (conflict) reject(conflict);
            else resolve(apply(patch));
          }),
        ),
  );
  return {
    onSave,
    onLoadLatest: vi.fn(() => Promise.resolve(current)),
    /** The saves sent so far reach the server (in order), whether or not the page is still there. */
    arrive: () =>
      act(async () => {
        waiting.splice(0).forEach((save) => save());
        await Promise.resolve();
      }),
    /** The saves sent so far never reach it (cut off with the page that sent them). */
    lose: () => void waiting.splice(0),
    latest: () => current,
  };
}

type Server = ReturnType<typeof fakeServer>;

const open = (server: Server, response = start) =>
  renderWithTheme(
    <ResponseForm
      response={response}
      actor={{ userId: kenji.id, role: 'CONTRIBUTOR' }}
      onSave={server.onSave}
      onLoadLatest={server.onLoadLatest}
      timeZone="America/New_York"
    />,
  );

/** The autosave's pause (1.2 s) passes only when a test says so. */
function userOnFakeTimers() {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  vi.setSystemTime(new Date('2023-06-07T21:03:00Z'));
  return userEvent.setup({ advanceTimers: (ms) => vi.advanceTimersByTime(ms) });
}
const pause = (ms: number) => act(() => vi.advanceTimersByTimeAsync(ms));
const saveState = () => screen.getByTestId('save-state');
const editor = () => screen.getByLabelText('Answer text');
const keptDraft = () => sessionStorage.getItem(`auditdesk.answer-draft.${start.id}`);

const pagehide = () => act(() => void window.dispatchEvent(new Event('pagehide')));
function tabHidden() {
  Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
  act(() => void document.dispatchEvent(new Event('visibilitychange')));
}

describe('ResponseForm, left with a save still waiting', () => {
  beforeEach(() => sessionStorage.clear());
  afterEach(() => {
    vi.useRealTimers();
    sessionStorage.clear();
    Object.defineProperty(document, 'visibilityState', { value: 'visible', configurable: true });
  });

  it.each([
    ['the page is hidden for good (a reload, a closed tab: pagehide)', pagehide],
    ['the tab is put away (visibilitychange to hidden)', tabHidden],
  ])('when %s right after typing, sends the save at once as a keepalive request', async (_, leave) => {
    const user = userOnFakeTimers();
    const server = fakeServer({ answerAtOnce: false });
    open(server);
    await user.type(editor(), ' with my words');
    expect(server.onSave).not.toHaveBeenCalled();

    leave();
    // No wait for the pause: the request goes now, one the browser delivers after the page is gone.
    expect(server.onSave.mock.calls).toEqual([[{ version: 3, answer: 'Draft with my words' }, { keepalive: true }]]);
    // Until it is known to have arrived, the text is kept in the tab too.
    expect(JSON.parse(keptDraft()!)).toMatchObject({ text: 'Draft with my words', base: { version: 3 } });

    // A tab put away is still there when the answer comes: saved, nothing kept.
    await server.arrive();
    await waitFor(() => expect(saveState()).toHaveTextContent(/^Saved at/));
    expect(keptDraft()).toBeNull();
    await pause(5_000);
    expect(server.onSave).toHaveBeenCalledTimes(1);
  });

  it('when another page of the app is opened right after typing, sends the save at once', async () => {
    const user = userOnFakeTimers();
    const server = fakeServer();
    const { unmount } = open(server);
    await user.type(editor(), ' with my words');
    unmount();
    expect(server.onSave.mock.calls).toEqual([[{ version: 3, answer: 'Draft with my words' }, { keepalive: true }]]);
    await act(() => Promise.resolve());
    expect(server.latest()).toMatchObject({ answer: 'Draft with my words', version: 4 });
    expect(keptDraft()).toBeNull();
  });

  it('reloaded before the save arrived: the text comes back, saying when it was typed, and is saved', async () => {
    const user = userOnFakeTimers();
    const server = fakeServer({ answerAtOnce: false });
    const first = open(server);
    await user.type(editor(), ' with my words');
    pagehide();
    first.unmount(); // the reload; the save sent never arrives
    server.lose();
    server.onSave.mockClear();

    open(server);
    expect(editor()).toHaveValue('Draft with my words');
    expect(screen.getByText('Your unsaved text is back')).toBeInTheDocument();
    expect(screen.getByText(/\(kept at 5:03 PM EDT\)\. It is saved again automatically\.$/)).toBeInTheDocument();
    await pause(1_200);
    await server.arrive();
    await waitFor(() => expect(saveState()).toHaveTextContent(/^Saved at/));
    expect(server.onSave.mock.calls.map(([patch]) => patch)).toEqual([{ version: 3, answer: 'Draft with my words' }]);
    expect(keptDraft()).toBeNull();
  });

  it('reloaded after the save arrived: nothing comes back, and nothing is kept', async () => {
    const user = userOnFakeTimers();
    const server = fakeServer({ answerAtOnce: false });
    const first = open(server);
    await user.type(editor(), ' with my words');
    pagehide();
    first.unmount(); // the reload; the page never learns that the save arrived
    await server.arrive();

    open(server, server.latest());
    expect(editor()).toHaveValue('Draft with my words');
    expect(screen.queryByText('Your unsaved text is back')).not.toBeInTheDocument();
    expect(saveState()).toHaveTextContent('Saved');
    expect(keptDraft()).toBeNull();
  });

  it('an answer longer than a keepalive request may carry (64 KB) goes as a plain request, and is kept', async () => {
    const user = userOnFakeTimers();
    const server = fakeServer({ answerAtOnce: false });
    open(server);
    await user.click(editor());
    await user.paste(' Clause 4.2 applies.'.repeat(4_000)); // 80,000 characters
    pagehide();
    expect(server.onSave).toHaveBeenCalledTimes(1);
    expect(server.onSave.mock.calls[0]).toHaveLength(1);
    expect(JSON.parse(keptDraft()!).text).toHaveLength(5 + 80_000);
  });

  /** Whether closing or reloading the tab now would show the browser's "Leave site?". */
  const asksBeforeUnload = () => {
    const unload = new Event('beforeunload', { cancelable: true });
    window.dispatchEvent(unload);
    return unload.defaultPrevented;
  };

  it('does not ask before a reload when the waiting save goes on the way out, and asks when it cannot', async () => {
    const user = userOnFakeTimers();
    const server = fakeServer({ answerAtOnce: false });
    open(server);
    await user.type(editor(), ' with my words');
    // Waiting for the pause: pagehide sends it as a keepalive request, nothing to ask about.
    expect(asksBeforeUnload()).toBe(false);

    // A save under way may not outlive the page: asked.
    await pause(1_200);
    expect(saveState()).toHaveTextContent('Saving…');
    expect(asksBeforeUnload()).toBe(true);
    await server.arrive();
    await waitFor(() => expect(saveState()).toHaveTextContent(/^Saved at/));
    expect(asksBeforeUnload()).toBe(false);

    // Too long for a keepalive request (64 KB): it would go as a plain request, cut off with the page.
    await user.paste(' Clause 4.2 applies.'.repeat(4_000));
    expect(asksBeforeUnload()).toBe(true);
  });

  it('left while a save was under way, with more typed: back on the response, the rest is saved over that save', async () => {
    const user = userOnFakeTimers();
    const server = fakeServer({ answerAtOnce: false });
    const first = open(server);
    await user.type(editor(), ' one');
    await pause(1_200); // the autosave sends "Draft one"
    expect(server.onSave).toHaveBeenCalledTimes(1);
    await user.type(editor(), ' two');
    pagehide();
    first.unmount();
    await server.arrive(); // "Draft one" arrived; the page was gone, and sent nothing more
    server.lose();
    expect(server.latest()).toMatchObject({ answer: 'Draft one', version: 4 });

    open(server, server.latest());
    expect(editor()).toHaveValue('Draft one two');
    await pause(1_200);
    await server.arrive();
    await waitFor(() => expect(saveState()).toHaveTextContent(/^Saved at/));
    // Based on the person's own save, not refused as if someone else had saved.
    expect(server.onSave.mock.calls.at(-1)?.[0]).toEqual({ version: 4, answer: 'Draft one two' });
    expect(screen.queryByText('Someone else saved this response first')).not.toBeInTheDocument();
  });

  it('a save sent on leaving that arrives after the response was opened again is no conflict', async () => {
    const user = userOnFakeTimers();
    const server = fakeServer({ answerAtOnce: false });
    const first = open(server);
    await user.type(editor(), ' with my words');
    first.unmount(); // another page, and straight back: the save sent on leaving is still on its way
    open(server);
    expect(editor()).toHaveValue('Draft with my words');
    await server.arrive(); // it arrives
    await pause(1_200); // the autosave sends the restored text, based on the older version
    await server.arrive();
    await waitFor(() => expect(saveState()).toHaveTextContent(/^Saved/));
    expect(screen.queryByText('Someone else saved this response first')).not.toBeInTheDocument();
    expect(server.latest()).toMatchObject({ answer: 'Draft with my words', version: 4 });
    expect(keptDraft()).toBeNull();
  });
});
