// The answer editor of a response, with its status actions.
//
// Autosave: typing schedules a save (debounced). Each save sends the version the text was
// based on, so the API can refuse it (409 VERSION_CONFLICT) when someone else saved first;
// the user's text then stays in the editor and they choose: load the other version, or save
// theirs over it knowingly. A newer version that did not change the answer (a status or
// assignee change) moves the base forward, since saving over it loses nobody's words.
//
// Long answers (pastes of whole documents): the editor has a fixed height and scrolls. Mantine's
// autosize copied the whole text into a hidden textarea and laid it out twice on every render,
// which with a 2 MB paste cost 0.5-1.3 s per keystroke; a keystroke now does no work in
// proportion to the text. Near the API's limit a counter shows; over it the text is not sent.
//
// A session that ends mid-edit (401) keeps the text: it is kept in sessionStorage (see
// answer-drafts.ts) and the person logs in again in place, or through the login page and back.
import { Alert, Anchor, Button, Group, Paper, PasswordInput, Stack, Text, Textarea, Title } from '@mantine/core';
import { useEffect, useEffectEvent, useRef, useState } from 'react';
import {
  ANSWER_MAX_LENGTH,
  allowedStatusMoves,
  canEditAnswer,
  moveNeedsReason,
  responseState,
  type ResponseState,
  type WorkflowActor,
} from '@app/domain/response-workflow';
import { isApiError, type ResponseDetail, type ResponseStatus, type ResponseUpdate } from '../api/client';
import { type AnswerDraft, dropAnswerDraft, keepAnswerDraft, readAnswerDraft } from '../lib/answer-drafts';
import { formatTime } from '../lib/dates';
import { MOVE_LABEL } from '../lib/status';
import { ConfirmDialog } from './ConfirmDialog';
import { StatusBadge } from './progress';

export type SaveState = 'saved' | 'dirty' | 'saving' | 'conflict' | 'error' | 'session';

export interface ResponseFormProps {
  response: ResponseDetail;
  actor: WorkflowActor;
  /** PATCHes the response; resolves with the saved response. */
  onSave: (patch: ResponseUpdate) => Promise<ResponseDetail>;
  /** Reads the response as it is now on the server. */
  onLoadLatest: () => Promise<ResponseDetail>;
  /** The reader's zone, for "Saved at 5:03 PM EDT" (the browser's when not given). */
  timeZone?: string;
  /**
   * Logs the same person in again when their session ends mid-edit, in place; without it the
   * form links to the login page, which returns here (the text is kept meanwhile).
   */
  relogin?: { email: string; logIn: (password: string) => Promise<unknown> };
  debounceMs?: number;
}

/** From this many characters the editor shows how many are left. */
const COUNTER_FROM = Math.floor(ANSWER_MAX_LENGTH * 0.9);
const count = (n: number) => n.toLocaleString('en-US');

const answerOf = (r: Pick<ResponseDetail, 'answer'>) => r.answer ?? '';

/**
 * The response as the workflow rules read it (`responseState` from @app/domain, as the API
 * builds it), with `answer` in place of the saved one. The API does not say who wrote the
 * answer; the server still refuses an author's own approval.
 */
export function workflowState(response: ResponseDetail, answer = answerOf(response)): ResponseState {
  const record = {
    ...response,
    answer,
    assigneeId: response.assignee?.id ?? null,
    reviewerId: response.reviewer?.id ?? null,
  };
  return responseState(record, response.subjectOwner?.id ?? null);
}

/** What the text in the editor is based on: the API checks this version on save. */
interface Base {
  answer: string;
  version: number;
}

export function ResponseForm({
  response,
  actor,
  onSave,
  onLoadLatest,
  timeZone,
  relogin,
  debounceMs = 1200,
}: ResponseFormProps) {
  // Text not saved before the session ended or the page was left: it comes back in the editor,
  // still based on the version it was typed on. A draft the server already has is no news.
  const [restored] = useState<AnswerDraft | null>(() => {
    const draft = readAnswerDraft(response.id);
    return draft && draft.text !== answerOf(response) ? draft : null;
  });
  // What renders lives in state. Saves and moves are asynchronous and must act on the values
  // as they are when they run, not as they were when they started, so text, base and save
  // state are also kept in refs, which only handlers and effects read and write.
  const [text, setTextValue] = useState(restored?.text ?? answerOf(response));
  const textRef = useRef(text);
  const setText = (next: string) => {
    textRef.current = next;
    setTextValue(next);
  };
  const [base, setBaseValue] = useState<Base>(
    restored?.base ?? { answer: answerOf(response), version: response.version },
  );
  const baseRef = useRef(base);
  const setBase = (next: Base) => {
    baseRef.current = next;
    setBaseValue(next);
  };
  const [state, setStateValue] = useState<SaveState>(restored ? 'dirty' : 'saved');
  const stateRef = useRef(state);
  const setState = (next: SaveState) => {
    stateRef.current = next;
    setStateValue(next);
  };
  const [error, setError] = useState<string | null>(null);
  const [theirs, setTheirs] = useState<ResponseDetail | null>(null);
  const [savedAt, setSavedAt] = useState<Date | null>(null);
  const [moving, setMoving] = useState<ResponseStatus | null>(null);
  // The save under way, if any: a status move waits for it, so it sends the version it produced.
  const inFlight = useRef<Promise<void> | null>(null);
  const [showRestored, setShowRestored] = useState(restored !== null);
  // Over the API's limit nothing is sent: the API would refuse it, and the user is told here.
  const tooLong = text.length > ANSWER_MAX_LENGTH;

  const keepDraft = () => keepAnswerDraft(response.id, { text: textRef.current, base: baseRef.current });
  // Leaving with unsaved text (the login page after a session ended elsewhere, another
  // response, a reload) keeps it for when this response is opened again in this tab.
  const keepDraftOnLeave = useEffectEvent(() => {
    if (stateRef.current !== 'saved' && textRef.current !== baseRef.current.answer) keepDraft();
  });
  useEffect(() => () => keepDraftOnLeave(), []);
  const markSaved = () => {
    setState('saved');
    dropAnswerDraft(response.id);
  };

  // An approved answer is edited only after counsel reopens it (with a reason): a keystroke must
  // not withdraw an approval.
  const approved = response.status === 'APPROVED';
  const editable = !approved && canEditAnswer(workflowState(response, text), actor);
  // A move that is confirmed (reopening, asking for changes, approving) waits in a dialog that
  // asks for its reason or note.
  const [asking, setAsking] = useState<ResponseStatus | null>(null);
  const [reason, setReason] = useState('');

  // A newer response from the server (our own save, or a refetch).
  const receive = useEffectEvent((latest: ResponseDetail) => {
    if (latest.version <= baseRef.current.version) return;
    const serverAnswer = answerOf(latest);
    if (serverAnswer === baseRef.current.answer) {
      setBase({ answer: serverAnswer, version: latest.version });
    } else if (textRef.current === baseRef.current.answer) {
      setBase({ answer: serverAnswer, version: latest.version });
      setText(serverAnswer);
    }
    // Otherwise both sides changed the answer: keep the user's text; the next save reports the conflict.
  });
  useEffect(() => receive(response), [response]);

  const fail = async (err: unknown) => {
    if (isApiError(err, 409) && err.code === 'VERSION_CONFLICT') {
      setState('conflict');
      setError(null);
      setTheirs(await onLoadLatest().catch(() => null));
    } else if (isApiError(err, 401)) {
      // The session ended: the text waits (here, and in the tab's storage) for the login.
      keepDraft();
      setState('session');
      setError(null);
    } else {
      setState('error');
      setError(err instanceof Error ? err.message : String(err));
    }
  };

  const saveNow = async (): Promise<void> => {
    // Never autosave over someone else's version: the user decides first.
    if (inFlight.current || stateRef.current === 'conflict') return;
    const sent = textRef.current;
    if (sent === baseRef.current.answer) return markSaved();
    if (sent.length > ANSWER_MAX_LENGTH) return setState('dirty');
    setState('saving');
    const attempt = (async () => {
      try {
        const saved = await onSave({ version: baseRef.current.version, answer: sent });
        setBase({ answer: answerOf(saved), version: saved.version });
        setSavedAt(new Date());
        setError(null);
        // Typed on while it saved: still dirty, and the autosave below schedules the next save.
        if (textRef.current === sent) markSaved();
        else setState('dirty');
      } catch (err) {
        await fail(err);
      }
    })();
    inFlight.current = attempt;
    await attempt;
    inFlight.current = null;
  };

  // Autosave: unsaved text that has rested for debounceMs is saved. Each keystroke (a new
  // text) restarts the wait, and so does a finished save (a new base), which catches what was
  // typed while it ran; a status move under way saves the text itself.
  const autosave = useEffectEvent(() => void saveNow());
  useEffect(() => {
    if (state !== 'dirty' || moving !== null || tooLong) return;
    const timer = setTimeout(autosave, debounceMs);
    return () => clearTimeout(timer);
  }, [state, text, base, moving, tooLong, debounceMs]);

  // Leaving the page with unsaved words asks first.
  useEffect(() => {
    if (state === 'saved') return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [state]);

  const change = (value: string) => {
    setText(value);
    // No autosave until the user has chosen (a conflict) or logged in again (a session ended).
    if (stateRef.current === 'conflict' || stateRef.current === 'session') return;
    setState('dirty');
  };

  const loadTheirs = () => {
    if (!theirs) return;
    setBase({ answer: answerOf(theirs), version: theirs.version });
    setText(answerOf(theirs));
    setTheirs(null);
    markSaved();
  };

  /** Drops the restored text for the answer as it is saved. */
  const discardRestored = () => {
    setBase({ answer: answerOf(response), version: response.version });
    setText(answerOf(response));
    setShowRestored(false);
    markSaved();
  };

  const loggedIn = () => {
    setState('dirty');
    void saveNow();
  };

  const keepMine = () => {
    if (!theirs) return;
    setBase({ answer: answerOf(theirs), version: theirs.version });
    setTheirs(null);
    setState('dirty');
    void saveNow();
  };

  const move = async (status: ResponseStatus, statusReason?: string) => {
    setMoving(status);
    await inFlight.current;
    if (stateRef.current === 'conflict' || textRef.current.length > ANSWER_MAX_LENGTH) return setMoving(null);
    const sent = textRef.current;
    try {
      const saved = await onSave({
        version: baseRef.current.version,
        status,
        ...(statusReason !== undefined && { statusReason }),
        ...(sent !== baseRef.current.answer && { answer: sent }),
      });
      setBase({ answer: answerOf(saved), version: saved.version });
      setSavedAt(new Date());
      setError(null);
      if (textRef.current === answerOf(saved)) markSaved();
      else setState('dirty');
    } catch (err) {
      await fail(err);
    } finally {
      setMoving(null);
    }
  };

  // The moves the same rule the API applies allows, on the saved answer plus the editor's text.
  const moves = state === 'conflict' ? [] : allowedStatusMoves(workflowState(response, base.answer), actor, text);

  return (
    <Paper withBorder p="lg" radius="md" component="section" aria-labelledby="answer-heading">
      <Stack gap="sm">
        <Group justify="space-between">
          <Group gap="sm">
            <Title order={2} size="h4" id="answer-heading">
              Answer
            </Title>
            <StatusBadge status={response.status} />
          </Group>
          <SaveIndicator state={state} savedAt={savedAt} tooLong={tooLong} timeZone={timeZone} />
        </Group>
        {state === 'conflict' && (
          <Alert color="orange" title="Someone else saved this response first" role="alert">
            <Stack gap="xs">
              <Text size="sm">
                Your text is kept below and nothing was overwritten. Load their version (your text will be replaced), or
                keep yours and save it over theirs.
              </Text>
              {theirs && (
                <Paper withBorder p="xs" bg="white">
                  <Text size="xs" fw={600} mb={4}>
                    Their version (version {theirs.version}, {theirs.status.replace(/_/g, ' ').toLowerCase()}):
                  </Text>
                  <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                    {answerOf(theirs) || '(empty)'}
                  </Text>
                </Paper>
              )}
              <Group>
                <Button size="xs" variant="filled" color="orange" onClick={loadTheirs} disabled={!theirs}>
                  Load their version
                </Button>
                <Button size="xs" variant="default" onClick={keepMine} disabled={!theirs}>
                  Keep mine and save it
                </Button>
              </Group>
            </Stack>
          </Alert>
        )}
        {showRestored && (
          <Alert color="blue" title="Your unsaved text is back" role="status">
            <Group justify="space-between">
              <Text size="sm">
                It had not been saved when you left or your session ended. It is saved again automatically.
              </Text>
              <Group gap="xs">
                <Button size="xs" variant="default" onClick={() => setShowRestored(false)}>
                  Keep it
                </Button>
                <Button size="xs" variant="default" onClick={discardRestored}>
                  Discard it
                </Button>
              </Group>
            </Group>
          </Alert>
        )}
        {state === 'session' && <SessionEnded relogin={relogin} onLoggedIn={loggedIn} />}
        {state === 'error' && error && (
          <Alert color="red" title="Not saved" role="alert">
            <Group justify="space-between">
              <Text size="sm">{error}</Text>
              <Button size="xs" variant="white" color="red" onClick={() => void saveNow()}>
                Try again
              </Button>
            </Group>
          </Alert>
        )}
        <Textarea
          label="Answer text"
          description={
            editable
              ? 'Saved automatically as you type.'
              : approved
                ? 'Approved: counsel can reopen it to make changes.'
                : 'Read only: the assignee, the app owner or counsel can edit this answer.'
          }
          value={text}
          onChange={(event) => change(event.currentTarget.value)}
          onBlur={() => state === 'dirty' && void saveNow()}
          readOnly={!editable}
          // A fixed height that scrolls, and the user can drag taller: no autosize (see the top).
          rows={14}
          resize="vertical"
          error={
            tooLong &&
            `The answer is ${count(text.length - ANSWER_MAX_LENGTH)} characters too long: shorten it to ${count(ANSWER_MAX_LENGTH)} characters or fewer to save it.`
          }
        />
        {text.length >= COUNTER_FROM && (
          <Text size="sm" c={tooLong ? 'red.9' : 'gray.7'} data-testid="answer-length">
            {count(text.length)} of {count(ANSWER_MAX_LENGTH)} characters
          </Text>
        )}
        <Group gap="xs" aria-label="Status actions" role="group">
          {moves.length === 0 && state !== 'conflict' && (
            <Text size="sm" c="dimmed">
              No status change is open to you here.
            </Text>
          )}
          {moves.map((status) => {
            const reopening = response.status === 'APPROVED';
            return (
              <Button
                key={status}
                size="sm"
                variant={status === 'APPROVED' || status === 'IN_REVIEW' ? 'filled' : 'default'}
                color={
                  status === 'APPROVED' ? 'teal' : status === 'CHANGES_REQUESTED' || reopening ? 'orange' : undefined
                }
                loading={moving === status}
                disabled={moving !== null || tooLong}
                onClick={() => (confirmedMove(response.status, status) ? setAsking(status) : void move(status))}
              >
                {reopening ? 'Reopen to edit' : MOVE_LABEL[status]}
              </Button>
            );
          })}
        </Group>
        {asking && (
          <MoveDialog
            from={response.status}
            to={asking}
            reason={reason}
            onReason={setReason}
            pending={moving !== null}
            onConfirm={() => {
              const to = asking;
              setAsking(null);
              void move(to, reason.trim() || undefined).then(() => setReason(''));
            }}
            onClose={() => setAsking(null)}
          />
        )}
      </Stack>
    </Paper>
  );
}

/** Moves confirmed in a dialog: those that need a reason, and approval (with its optional sign-off note). */
const confirmedMove = (from: ResponseStatus, to: ResponseStatus) => moveNeedsReason(from, to) || to === 'APPROVED';

/** What each confirmed move says: the dialog's title, what happens, and what the text field asks. */
function moveWording(from: ResponseStatus, to: ResponseStatus) {
  if (from === 'APPROVED')
    return {
      title: 'Reopen the approved answer?',
      confirm: 'Reopen',
      effect: 'The approval is withdrawn and the answer goes back to work: it must be reviewed and approved again.',
      field: 'Why is it reopened?',
      hint: "Kept in the response's history.",
    };
  if (to === 'CHANGES_REQUESTED')
    return {
      title: 'Ask for changes?',
      confirm: 'Ask for changes',
      effect: 'The answer goes back to the assignee, who sees what you ask for on the response.',
      field: 'What must change?',
      hint: "Shown to the assignee and kept in the response's history.",
    };
  return {
    title: 'Approve this answer?',
    confirm: 'Approve',
    effect: 'The answer is approved as it stands: any later edit needs counsel to reopen it.',
    field: 'Sign-off note (optional)',
    hint: "E.g. what you checked it against; kept in the response's history.",
  };
}

function MoveDialog({
  from,
  to,
  reason,
  onReason,
  pending,
  onConfirm,
  onClose,
}: {
  from: ResponseStatus;
  to: ResponseStatus;
  reason: string;
  onReason: (reason: string) => void;
  pending: boolean;
  onConfirm: () => void;
  onClose: () => void;
}) {
  const required = moveNeedsReason(from, to);
  const wording = moveWording(from, to);
  return (
    <ConfirmDialog
      opened
      title={wording.title}
      confirmLabel={wording.confirm}
      color={to === 'APPROVED' ? 'teal' : 'orange'}
      pending={pending}
      confirmDisabled={required && !reason.trim()}
      onConfirm={onConfirm}
      onClose={onClose}
    >
      {wording.effect}
      <Textarea
        mt="sm"
        label={wording.field}
        description={wording.hint}
        required={required}
        autosize
        minRows={2}
        value={reason}
        onChange={(event) => onReason(event.currentTarget.value)}
      />
    </ConfirmDialog>
  );
}

/** The session ended mid-edit: log in again here (the same person), and the text is saved. */
function SessionEnded({ relogin, onLoggedIn }: { relogin?: ResponseFormProps['relogin']; onLoggedIn: () => void }) {
  const [password, setPassword] = useState('');
  const [pending, setPending] = useState(false);
  const [refused, setRefused] = useState<string | null>(null);
  const here = typeof window === 'undefined' ? '/' : window.location.pathname + window.location.search;
  const logIn = async () => {
    if (!relogin) return;
    setPending(true);
    try {
      await relogin.logIn(password);
      setPassword('');
      setRefused(null);
      onLoggedIn();
    } catch (err) {
      setRefused(err instanceof Error ? err.message : String(err));
    } finally {
      setPending(false);
    }
  };
  return (
    <Alert color="orange" title="Your session ended: log in again" role="alert">
      <Stack gap="xs">
        <Text size="sm">Your text is kept below and will be saved once you have logged in.</Text>
        {relogin ? (
          <form
            aria-label="Log in again"
            onSubmit={(event) => {
              event.preventDefault();
              void logIn();
            }}
          >
            <Group align="flex-end" gap="xs">
              <Text size="sm">
                As <strong>{relogin.email}</strong>
              </Text>
              <PasswordInput
                size="xs"
                label="Password"
                autoComplete="current-password"
                value={password}
                onChange={(event) => setPassword(event.currentTarget.value)}
                error={refused}
              />
              <Button size="xs" type="submit" loading={pending} disabled={!password}>
                Log in and save
              </Button>
            </Group>
          </form>
        ) : (
          <Anchor size="sm" href={`/login?next=${encodeURIComponent(here)}`}>
            Log in again (you come back to this page, with your text)
          </Anchor>
        )}
      </Stack>
    </Alert>
  );
}

function SaveIndicator({
  state,
  savedAt,
  tooLong,
  timeZone,
}: {
  state: SaveState;
  savedAt: Date | null;
  tooLong: boolean;
  timeZone?: string;
}) {
  const label = {
    saved: savedAt ? `Saved at ${formatTime(savedAt, timeZone ?? browserZone())}` : 'Saved',
    dirty: tooLong ? 'Not saved: too long' : 'Unsaved changes',
    saving: 'Saving…',
    conflict: 'Not saved: conflict',
    error: 'Not saved',
    session: 'Not saved: log in again',
  }[state];
  const color = {
    saved: 'teal.9',
    dirty: tooLong ? 'red.9' : 'gray.7',
    saving: 'gray.7',
    conflict: 'orange.9',
    error: 'red.9',
    session: 'orange.9',
  }[state];
  return (
    <Text size="sm" c={color} role="status" aria-live="polite" data-testid="save-state">
      {label}
    </Text>
  );
}

const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;
