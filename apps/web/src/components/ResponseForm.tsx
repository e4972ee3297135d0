// The answer editor of a response, with its status actions.
//
// Autosave: typing schedules a save (debounced). Each save sends the version the text was
// based on, so the API can refuse it (409 VERSION_CONFLICT) when someone else saved first;
// the user's text then stays in the editor and they choose: load the other version, or save
// theirs over it knowingly. A newer version that did not change the answer (a status or
// assignee change) moves the base forward, since saving over it loses nobody's words.
import { Alert, Button, Group, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { useCallback, useEffect, useRef, useState } from 'react';
import { canEditAnswer, decideResponseUpdate, type WorkflowActor } from '@app/domain/response-workflow';
import { isApiError, type ResponseDetail, type ResponseStatus, type ResponseUpdate } from '../api/client';
import { MOVE_LABEL, RESPONSE_STATUSES } from '../lib/status';
import { StatusBadge } from './progress';

export type SaveState = 'saved' | 'dirty' | 'saving' | 'conflict' | 'error';

export interface ResponseFormProps {
  response: ResponseDetail;
  actor: WorkflowActor;
  /** PATCHes the response; resolves with the saved response. */
  onSave: (patch: ResponseUpdate) => Promise<ResponseDetail>;
  /** Reads the response as it is now on the server. */
  onLoadLatest: () => Promise<ResponseDetail>;
  debounceMs?: number;
}

const answerOf = (r: Pick<ResponseDetail, 'answer'>) => r.answer ?? '';

/** The workflow state of a response as the domain rules read it. */
export function workflowState(response: ResponseDetail, answer: string) {
  return {
    status: response.status,
    answer,
    assigneeId: response.assignee?.id ?? null,
    reviewerId: response.reviewer?.id ?? null,
    dueDate: response.dueDate,
    // Not exposed by the API; the server still refuses an author's own approval.
    answeredById: null,
    subjectOwnerId: response.subjectOwner?.id ?? null,
  };
}

/** The status moves this actor may make now, decided by the same rule the API applies. */
export function allowedMoves(response: ResponseDetail, answer: string, actor: WorkflowActor): ResponseStatus[] {
  const state = workflowState(response, answerOf(response));
  const change = answer !== answerOf(response) ? { answer } : {};
  return RESPONSE_STATUSES.filter(
    (status) => status !== response.status && decideResponseUpdate(state, { ...change, status }, actor).ok,
  );
}

export function ResponseForm({ response, actor, onSave, onLoadLatest, debounceMs = 1200 }: ResponseFormProps) {
  const [text, setText] = useState(answerOf(response));
  const [state, setStateValue] = useState<SaveState>('saved');
  // Timers and promises read the state as it is now, not as it was when they were made.
  const stateRef = useRef<SaveState>('saved');
  const setState = useCallback((next: SaveState) => {
    stateRef.current = next;
    setStateValue(next);
  }, []);
  const [error, setError] = useState<string | null>(null);
  const [theirs, setTheirs] = useState<ResponseDetail | null>(null);
  const [savedAt, setSavedAt] = useState<Date | null>(null);
  const [moving, setMoving] = useState<ResponseStatus | null>(null);
  // What the text in the editor is based on: the API checks this version on save.
  const base = useRef({ answer: answerOf(response), version: response.version });
  const textRef = useRef(text);
  textRef.current = text;
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  // The save under way, if any: a status move waits for it, so it sends the version it produced.
  const inFlight = useRef<Promise<void> | null>(null);

  const editable = canEditAnswer(workflowState(response, text), actor);

  // A newer response from the server (our own save, or a refetch).
  useEffect(() => {
    if (response.version <= base.current.version) return;
    const serverAnswer = answerOf(response);
    if (serverAnswer === base.current.answer) {
      base.current = { answer: serverAnswer, version: response.version };
    } else if (textRef.current === base.current.answer) {
      base.current = { answer: serverAnswer, version: response.version };
      setText(serverAnswer);
    }
    // Otherwise both sides changed the answer: keep the user's text; the next save reports the conflict.
  }, [response]);

  const fail = useCallback(
    async (err: unknown) => {
      if (isApiError(err, 409) && err.code === 'VERSION_CONFLICT') {
        setState('conflict');
        setError(null);
        setTheirs(await onLoadLatest().catch(() => null));
      } else {
        setState('error');
        setError(err instanceof Error ? err.message : String(err));
      }
    },
    [onLoadLatest, setState],
  );

  const saveNow = useCallback(async (): Promise<void> => {
    clearTimeout(timer.current);
    // Never autosave over someone else's version: the user decides first.
    if (inFlight.current || stateRef.current === 'conflict') return;
    const sent = textRef.current;
    if (sent === base.current.answer) return setState('saved');
    setState('saving');
    const attempt = (async () => {
      try {
        const saved = await onSave({ version: base.current.version, answer: sent });
        base.current = { answer: answerOf(saved), version: saved.version };
        setSavedAt(new Date());
        setError(null);
        if (textRef.current === sent) setState('saved');
        else {
          setState('dirty');
          timer.current = setTimeout(() => void saveNow(), debounceMs);
        }
      } catch (err) {
        await fail(err);
      }
    })();
    inFlight.current = attempt;
    await attempt;
    inFlight.current = null;
  }, [onSave, fail, debounceMs, setState]);

  useEffect(() => () => clearTimeout(timer.current), []);

  // Leaving the page with unsaved words asks first.
  useEffect(() => {
    if (state === 'saved') return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [state]);

  const change = (value: string) => {
    setText(value);
    if (state === 'conflict') return; // no autosave until the user has chosen
    setState('dirty');
    clearTimeout(timer.current);
    timer.current = setTimeout(() => void saveNow(), debounceMs);
  };

  const loadTheirs = () => {
    if (!theirs) return;
    base.current = { answer: answerOf(theirs), version: theirs.version };
    setText(answerOf(theirs));
    setTheirs(null);
    setState('saved');
  };

  const keepMine = () => {
    if (!theirs) return;
    base.current = { answer: answerOf(theirs), version: theirs.version };
    setTheirs(null);
    setState('dirty');
    void saveNow();
  };

  const move = async (status: ResponseStatus) => {
    clearTimeout(timer.current);
    setMoving(status);
    await inFlight.current;
    if (stateRef.current === 'conflict') return setMoving(null);
    const sent = textRef.current;
    try {
      const saved = await onSave({
        version: base.current.version,
        status,
        ...(sent !== base.current.answer && { answer: sent }),
      });
      base.current = { answer: answerOf(saved), version: saved.version };
      setSavedAt(new Date());
      setError(null);
      setState(textRef.current === answerOf(saved) ? 'saved' : 'dirty');
    } catch (err) {
      await fail(err);
    } finally {
      setMoving(null);
    }
  };

  const moves = state === 'conflict' ? [] : allowedMoves({ ...response, answer: base.current.answer }, text, actor);

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
          <SaveIndicator state={state} savedAt={savedAt} />
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
              : 'Read only: the assignee, the app owner or counsel can edit this answer.'
          }
          value={text}
          onChange={(event) => change(event.currentTarget.value)}
          onBlur={() => stateRef.current === 'dirty' && void saveNow()}
          readOnly={!editable}
          autosize
          minRows={8}
          maxRows={24}
        />
        <Group gap="xs" aria-label="Status actions" role="group">
          {moves.length === 0 && state !== 'conflict' && (
            <Text size="sm" c="dimmed">
              No status change is open to you here.
            </Text>
          )}
          {moves.map((status) => (
            <Button
              key={status}
              size="sm"
              variant={status === 'APPROVED' || status === 'IN_REVIEW' ? 'filled' : 'default'}
              color={status === 'APPROVED' ? 'teal' : status === 'CHANGES_REQUESTED' ? 'orange' : undefined}
              loading={moving === status}
              disabled={moving !== null}
              onClick={() => void move(status)}
            >
              {MOVE_LABEL[status]}
            </Button>
          ))}
        </Group>
      </Stack>
    </Paper>
  );
}

function SaveIndicator({ state, savedAt }: { state: SaveState; savedAt: Date | null }) {
  const label = {
    saved: savedAt ? `Saved at ${savedAt.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })}` : 'Saved',
    dirty: 'Unsaved changes',
    saving: 'Saving…',
    conflict: 'Not saved: conflict',
    error: 'Not saved',
  }[state];
  const color = { saved: 'teal.9', dirty: 'gray.7', saving: 'gray.7', conflict: 'orange.9', error: 'red.9' }[state];
  return (
    <Text size="sm" c={color} role="status" aria-live="polite" data-testid="save-state">
      {label}
    </Text>
  );
}
