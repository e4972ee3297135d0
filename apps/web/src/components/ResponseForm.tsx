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
//
// Leaving with a save still waiting for the pause (a reload, closing the tab, a phone putting
// the tab away, another page of the app): the text is kept in sessionStorage at once, and the
// save is sent at once, as a `keepalive` request, which the browser delivers after the page is
// gone (for a body within the 64 KB the browser allows such requests; a longer answer goes as a
// plain request, which an unloading page may cut off). It carries the version as any save
// does, so it never writes over someone else's save: refused, the kept text comes back when the
// response is opened again, and its next save reports the conflict. Arrived, the response holds
// the text, and the kept copy is no news and is dropped.
//
// A request with a form (issue 18): the form's fields are the answer and the free text stays as
// "Notes". Both are one draft over one version: a save sends the notes when they changed and
// only the form values that changed (null clears one), a conflict keeps both, and a value the
// form's own rules refuse (checkFormValues) is shown on its field and not sent. Submitting for
// review checks the required entries first (missingRequired) and shows each on its field, with
// a summary at the top linking to them; the API's refusal (422 with the same paths) shows the same way.
import { Alert, Anchor, Button, Group, List, Paper, PasswordInput, Stack, Text, Textarea, Title } from '@mantine/core';
import { useEffect, useEffectEvent, useMemo, useRef, useState } from 'react';
import {
  activeFields,
  changedFormKeys,
  checkFormValues,
  formValueText,
  isEmptyFormValue,
  missingRequired,
  type FormField,
  type FormProblem,
  type FormValue,
  type FormValues,
} from '@app/domain/audit-forms';
import {
  ANSWER_MAX_LENGTH,
  allowedStatusMoves,
  formAnswerState,
  canEditAnswer,
  moveNeedsReason,
  responseState,
  type ResponseState,
  type WorkflowActor,
} from '@app/domain/response-workflow';
import { isApiError, type ResponseDetail, type ResponseStatus, type ResponseUpdate } from '../api/client';
import { formOf, formValuesOf } from '../api/queries/forms';
import { type AnswerDraft, dropAnswerDraft, keepAnswerDraft, readAnswerDraft } from '../lib/answer-drafts';
import { formatTime } from '../lib/dates';
import { MOVE_LABEL, STATUS_LABEL } from '../lib/status';
import { ConfirmDialog } from './ConfirmDialog';
import { type EvidenceChoice, FormAnswer, formPathId } from './forms/FormAnswer';
import { StatusBadge } from './progress';

export type SaveState = 'saved' | 'dirty' | 'saving' | 'conflict' | 'error' | 'session';

/** How a save goes out: `keepalive` when the page is being left, so the request outlives it. */
export interface SaveOptions {
  keepalive?: boolean;
}

export interface ResponseFormProps {
  response: ResponseDetail;
  actor: WorkflowActor;
  /** PATCHes the response; resolves with the saved response. */
  onSave: (patch: ResponseUpdate, options?: SaveOptions) => Promise<ResponseDetail>;
  /** Reads the response as it is now on the server. */
  onLoadLatest: () => Promise<ResponseDetail>;
  /** The reader's zone, for "Saved at 5:03 PM EDT" (the browser's when not given). */
  timeZone?: string;
  /**
   * Logs the same person in again when their session ends mid-edit, in place; without it the
   * form links to the login page, which returns here (the text is kept meanwhile).
   */
  relogin?: { email: string; logIn: (password: string) => Promise<unknown> };
  /** The evidence linked to this response, which a form's evidence field picks from. */
  evidence?: readonly EvidenceChoice[];
  debounceMs?: number;
}

/** What a save sends: the response's edit, and the form values that changed. */
type ResponsePatch = ResponseUpdate & { formValues?: Record<string, FormValue | null> };

/** From this many characters the editor shows how many are left. */
const COUNTER_FROM = Math.floor(ANSWER_MAX_LENGTH * 0.9);
const count = (n: number) => n.toLocaleString('en-US');

const answerOf = (r: Pick<ResponseDetail, 'answer'>) => r.answer ?? '';

/**
 * The response as the workflow rules read it (`responseState` from @app/domain, as the API
 * builds it), with `answer` in place of the saved one. `answeredById` is who last wrote the
 * answer: the API says who (review is by someone else), and a form that has just saved it
 * knows before its copy of the response is refreshed.
 */
export function workflowState(
  response: ResponseDetail,
  answer = answerOf(response),
  answeredById: string | null = response.answeredById ?? null,
): ResponseState {
  const record = {
    ...response,
    answer,
    assigneeId: response.assignee?.id ?? null,
    reviewerId: response.reviewer?.id ?? null,
    answeredById,
  };
  return responseState(record, response.subjectOwner?.id ?? null);
}

/** What the text in the editor is based on: the API checks this version on save. */
interface Base {
  answer: string;
  formValues: FormValues;
  version: number;
}

/** Whether two sets of form values are the same answers (changedFormKeys both ways). */
const sameValues = (a: FormValues, b: FormValues) =>
  changedFormKeys(a, b).length === 0 && changedFormKeys(b, a).length === 0;

/**
 * The values that differ from the base, as the API takes them: an emptied field is sent as null.
 * A retired field's value is sent only when cleared (the API keeps it as given, refuses an edit
 * of it, and takes null).
 */
function valuesPatch(
  fields: readonly FormField[],
  base: FormValues,
  values: FormValues,
): Record<string, FormValue | null> {
  const retired = new Set(fields.filter((f) => f.retired).map((f) => f.key));
  const keys = new Set(
    [...changedFormKeys(base, values), ...changedFormKeys(values, base)].filter(
      (key) => !retired.has(key) || isEmptyFormValue(values[key]),
    ),
  );
  return Object.fromEntries([...keys].map((key) => [key, isEmptyFormValue(values[key]) ? null : values[key]]));
}

const baseOf = (r: ResponseDetail): Base => ({ answer: answerOf(r), formValues: formValuesOf(r), version: r.version });

/** Whether the response holds exactly this answer and these values. */
const holds = (r: ResponseDetail, answer: string, values: FormValues) =>
  answerOf(r) === answer && sameValues(formValuesOf(r), values);

/**
 * What a kept draft is based on: the version it was typed on, or the response as it is now
 * when that is the save that was under way as the page was left (the person's own words).
 */
function draftBase(draft: AnswerDraft, response: ResponseDetail): Base {
  const { sent } = draft;
  if (sent && response.version > draft.base.version && holds(response, sent.answer, sent.formValues ?? {}))
    return baseOf(response);
  return {
    answer: draft.base.answer,
    formValues: draft.base.formValues ?? formValuesOf(response),
    version: draft.base.version,
  };
}

/**
 * The most a body sent with `keepalive` may be: browsers allow 64 KiB for all of a page's
 * keepalive requests in flight together; a little is left for another one.
 */
const KEEPALIVE_MAX_BYTES = 60 * 1024;
const fitsKeepalive = (patch: object) => new TextEncoder().encode(JSON.stringify(patch)).length <= KEEPALIVE_MAX_BYTES;

/** Messages by path, in the form's order (fields, then table rows), for the summary at the top. */
function orderedProblems(fields: readonly FormField[], errors: Record<string, string>): FormProblem[] {
  const rank = (path: string) => {
    const match = /^formValues\.([a-z0-9_]+)(?:\[(\d+)\])?/.exec(path);
    const at = match ? fields.findIndex((f) => f.key === match[1]) : -1;
    return (at < 0 ? fields.length : at) * 10_000 + Number(match?.[2] ?? -1);
  };
  return Object.entries(errors)
    .filter(([field]) => field.startsWith('formValues.'))
    .map(([field, message]) => ({ field, message }))
    .sort((a, b) => rank(a.field) - rank(b.field));
}

export function ResponseForm({
  response,
  actor,
  onSave,
  onLoadLatest,
  timeZone,
  relogin,
  evidence = [],
  debounceMs = 1200,
}: ResponseFormProps) {
  const form = formOf(response);
  const fields = useMemo(() => form?.fields ?? [], [form]);
  // Text not saved before the session ended or the page was left: it comes back in the editor,
  // still based on the version it was typed on. A draft the server already has is no news.
  const [restored] = useState<AnswerDraft | null>(() => {
    const draft = readAnswerDraft(response.id);
    const news = draft && !holds(response, draft.text, draft.values ?? formValuesOf(response));
    return news ? draft : null;
  });
  // A kept draft the response already holds (the save sent as the page was left arrived): gone.
  useEffect(() => {
    if (!restored) dropAnswerDraft(response.id);
  }, [restored, response.id]);
  // What renders lives in state. Saves and moves are asynchronous and must act on the values
  // as they are when they run, not as they were when they started, so text, base and save
  // state are also kept in refs, which only handlers and effects read and write.
  const [text, setTextValue] = useState(restored?.text ?? answerOf(response));
  const textRef = useRef(text);
  const setText = (next: string) => {
    textRef.current = next;
    setTextValue(next);
  };
  const [values, setValuesValue] = useState<FormValues>(restored?.values ?? formValuesOf(response));
  const valuesRef = useRef(values);
  const setValues = (next: FormValues) => {
    valuesRef.current = next;
    setValuesValue(next);
  };
  const [base, setBaseValue] = useState<Base>(() => (restored ? draftBase(restored, response) : baseOf(response)));
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
  // Whether the saved answer is this person's: their save of it from this form was the last. The
  // API says who wrote an answer (answeredById), but the response this form was given may be
  // older than its own save; the workflow refuses an author's review.
  const [wroteIt, setWroteIt] = useState(false);
  // A status move the API refused (403): said in its words, with nothing to try again.
  const [moveRefusal, setMoveRefusal] = useState<string | null>(null);
  // The save under way, if any: a status move waits for it, so it sends the version it produced.
  const inFlight = useRef<Promise<void> | null>(null);
  // What that save leaves the response holding, for a draft kept while it is under way.
  const sending = useRef<{ answer: string; formValues: FormValues } | null>(null);
  // False once the form is gone (another page): a save sent as it went has no one to tell.
  const mounted = useRef(true);
  const [showRestored, setShowRestored] = useState(restored !== null);
  // Over the API's limit nothing is sent: the API would refuse it, and the user is told here.
  const tooLong = text.length > ANSWER_MAX_LENGTH;
  // Messages on the form's fields: from a refused submission or save (by path), until the field changes.
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  // Set by a refused submission: the summary of what to fill in shows at the top and takes the focus.
  const [refused, setRefused] = useState<string | null>(null);
  const summaryRef = useRef<HTMLDivElement>(null);
  // Values the form's rules refuse (a range that ends before it starts): shown and not sent.
  const valueProblems = useMemo(
    () =>
      form
        ? checkFormValues(fields, valuesPatch(fields, base.formValues, values), base.formValues as FormValues | null)
        : [],
    [form, fields, base.formValues, values],
  );
  const invalid = valueProblems.length > 0;
  const blocked = tooLong || invalid;
  const errors = { ...fieldErrors, ...Object.fromEntries(valueProblems.map((p) => [p.field, p.message])) };

  /** Whether the editor holds anything the base does not. */
  const pending = () =>
    textRef.current !== baseRef.current.answer || !sameValues(baseRef.current.formValues, valuesRef.current);

  const keepDraft = () =>
    keepAnswerDraft(response.id, {
      text: textRef.current,
      ...(form && { values: valuesRef.current }),
      base: baseRef.current,
      ...(sending.current && {
        sent: { answer: sending.current.answer, ...(form && { formValues: sending.current.formValues }) },
      }),
      keptAt: new Date().toISOString(),
    });
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
    const server = baseOf(latest);
    if (server.answer === baseRef.current.answer && sameValues(server.formValues, baseRef.current.formValues)) {
      setBase(server);
    } else if (
      (stateRef.current === 'dirty' || stateRef.current === 'error') &&
      holds(latest, textRef.current, valuesRef.current)
    ) {
      // It holds the editor's words already (a save sent as this response was last left, which
      // arrived after it was opened again): nothing to save, nobody to conflict with.
      setBase(server);
      markSaved();
    } else if (
      textRef.current === baseRef.current.answer &&
      sameValues(valuesRef.current, baseRef.current.formValues)
    ) {
      // Someone else's answer now: its author is no longer known to be this person.
      setBase(server);
      setText(server.answer);
      setValues(server.formValues);
      setWroteIt(false);
    }
    // Otherwise both sides changed the answer: keep the user's text; the next save reports the conflict.
  });
  useEffect(() => receive(response), [response]);

  const fail = async (err: unknown) => {
    // Sent as the form went: the draft kept then says the rest when the response is opened again.
    if (!mounted.current) return;
    const onFields = isApiError(err) ? (err.problem.errors ?? []).filter((e) => e.field.startsWith('formValues.')) : [];
    if (isApiError(err) && (err.status === 400 || err.status === 422) && onFields.length > 0) {
      // The API named form fields (a value it refused, or required entries still empty):
      // each message goes on its field; the values stay as typed.
      setFieldErrors(Object.fromEntries(onFields.map((e) => [e.field, e.message])));
      if (err.status === 422) {
        // A refused move: the values are saved by the autosave as usual, the move waits.
        setRefused(err.message);
        setState('dirty');
        setError(null);
      } else {
        // A refused value: sent again only once changed (no autosave loop), or by "Try again".
        setState('error');
        setError('Check the entries marked in the form.');
      }
    } else if (isApiError(err, 409) && err.code === 'VERSION_CONFLICT') {
      const latest = await onLoadLatest().catch(() => null);
      if (latest && holds(latest, textRef.current, valuesRef.current)) {
        // The newer version holds the editor's words already (this person's own save, sent as
        // they last left the response, that arrived meanwhile): no conflict.
        setBase(baseOf(latest));
        setError(null);
        markSaved();
        return;
      }
      setState('conflict');
      setError(null);
      setTheirs(latest);
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

  /**
   * The save of what is typed, as it would be sent now; null when it cannot be sent yet (an
   * answer over the limit, a form value the form refuses): the editor shows why.
   */
  const sendablePatch = (): ResponsePatch | null => {
    const sent = textRef.current;
    if (sent.length > ANSWER_MAX_LENGTH) return null;
    const changedValues = form ? valuesPatch(fields, baseRef.current.formValues, valuesRef.current) : {};
    if (form && checkFormValues(fields, changedValues, baseRef.current.formValues).length > 0) return null;
    return {
      version: baseRef.current.version,
      ...(sent !== baseRef.current.answer && { answer: sent }),
      ...(Object.keys(changedValues).length > 0 && { formValues: changedValues }),
    };
  };

  /** Saves the editor's text now; `leaving`: the page or the form is going (see the top). */
  const saveNow = async ({ leaving = false } = {}): Promise<void> => {
    // Never autosave over someone else's version: the user decides first.
    if (stateRef.current === 'conflict') return;
    if (inFlight.current) {
      // Left while a save was under way: what was typed since goes once it is done, if the
      // page is still there to send it (another page of the app, a tab put away).
      if (leaving)
        void inFlight.current.then(async () => {
          if (stateRef.current === 'dirty') await saveNow({ leaving });
        });
      return;
    }
    const sent = textRef.current;
    const sentValues = valuesRef.current;
    if (!pending()) return markSaved();
    const patch = sendablePatch();
    if (!patch) return setState('dirty');
    setState('saving');
    sending.current = { answer: sent, formValues: sentValues };
    const attempt = (async () => {
      try {
        const saved = await (leaving && fitsKeepalive(patch) ? onSave(patch, { keepalive: true }) : onSave(patch));
        setBase(baseOf(saved));
        setWroteIt(true);
        setSavedAt(new Date());
        setError(null);
        // Typed on while it saved: still dirty, and the autosave below schedules the next save.
        if (textRef.current === sent && valuesRef.current === sentValues) markSaved();
        else setState('dirty');
      } catch (err) {
        await fail(err);
      }
    })();
    inFlight.current = attempt;
    await attempt;
    inFlight.current = null;
    sending.current = null;
  };

  // Autosave: unsaved text that has rested for debounceMs is saved. Each keystroke (a new
  // text) restarts the wait, and so does a finished save (a new base), which catches what was
  // typed while it ran; a status move under way saves the text itself.
  const autosave = useEffectEvent(() => void saveNow());
  useEffect(() => {
    if (state !== 'dirty' || moving !== null || blocked) return;
    const timer = setTimeout(autosave, debounceMs);
    return () => clearTimeout(timer);
  }, [state, text, values, base, moving, blocked, debounceMs]);

  // Leaving with unsaved text (a reload, closing the tab, the tab put away on a phone, another
  // page of the app, the login page after a session ended elsewhere) keeps it for when this
  // response is opened again in this tab, and sends a save that was waiting for the pause at
  // once (see the top).
  const leave = useEffectEvent(() => {
    if (stateRef.current === 'saved' || !pending()) return;
    keepDraft();
    if (stateRef.current === 'dirty') void saveNow({ leaving: true });
  });
  useEffect(() => {
    const gone = () => leave();
    const hidden = () => document.visibilityState === 'hidden' && leave();
    window.addEventListener('pagehide', gone);
    document.addEventListener('visibilitychange', hidden);
    mounted.current = true;
    return () => {
      window.removeEventListener('pagehide', gone);
      document.removeEventListener('visibilitychange', hidden);
      mounted.current = false;
      leave();
    };
  }, []);

  // Closing or reloading the tab asks first only when what is typed would not be saved on the
  // way out: a save waiting for the pause goes as the page is left (above), so it is not asked
  // about (a reload then showed the browser's "Leave site?" over text that was being saved).
  // A save under way, a conflict, an ended session, a failed save, or text that cannot be sent
  // (too long for the way out, or refused by the form) still asks.
  const savedOnTheWayOut = useEffectEvent(() => {
    const patch = stateRef.current === 'dirty' ? sendablePatch() : null;
    return patch !== null && fitsKeepalive(patch);
  });
  useEffect(() => {
    if (state === 'saved') return;
    const warn = (event: BeforeUnloadEvent) => {
      if (!savedOnTheWayOut()) event.preventDefault();
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [state]);

  const edited = () => {
    // No autosave until the user has chosen (a conflict) or logged in again (a session ended).
    if (stateRef.current === 'conflict' || stateRef.current === 'session') return;
    setState('dirty');
  };

  const change = (value: string) => {
    setText(value);
    edited();
  };

  /** A form field's new value; its messages go, since they were about the value it had. */
  const changeValue = (key: string, value: FormValue | null) => {
    const next = { ...valuesRef.current };
    if (value === null) delete next[key];
    else next[key] = value;
    setValues(next);
    setFieldErrors((old) =>
      Object.fromEntries(
        Object.entries(old).filter(([path]) => path !== `formValues.${key}` && !path.startsWith(`formValues.${key}[`)),
      ),
    );
    edited();
  };

  /** Puts a saved response's answer and values in the editor. */
  const adopt = (saved: ResponseDetail) => {
    setBase(baseOf(saved));
    setText(answerOf(saved));
    setValues(formValuesOf(saved));
    setFieldErrors({});
  };

  const loadTheirs = () => {
    if (!theirs) return;
    adopt(theirs);
    setWroteIt(false);
    setTheirs(null);
    markSaved();
  };

  /** Drops the restored text for the answer as it is saved. */
  const discardRestored = () => {
    adopt(response);
    setWroteIt(false);
    setShowRestored(false);
    markSaved();
  };

  const loggedIn = () => {
    setState('dirty');
    void saveNow();
  };

  const keepMine = () => {
    if (!theirs) return;
    setBase(baseOf(theirs));
    setTheirs(null);
    setState('dirty');
    void saveNow();
  };

  /** Shows what stops a submission: each message on its field, and the summary at the top. */
  const refuse = (problems: FormProblem[], message: string) => {
    setFieldErrors(Object.fromEntries(problems.map((p) => [p.field, p.message])));
    setRefused(message);
  };
  // The summary takes the focus when it appears, so a keyboard or screen reader user starts there.
  useEffect(() => {
    if (refused) summaryRef.current?.focus();
  }, [refused]);

  const move = async (status: ResponseStatus, statusReason?: string) => {
    setMoving(status);
    setMoveRefusal(null);
    await inFlight.current;
    if (stateRef.current === 'conflict' || textRef.current.length > ANSWER_MAX_LENGTH) return setMoving(null);
    const sent = textRef.current;
    const sentValues = valuesRef.current;
    const changedValues = form ? valuesPatch(fields, baseRef.current.formValues, sentValues) : {};
    if (form) {
      // The form's own rules first: a refused value, or (for review) required entries left empty.
      const wrong = checkFormValues(fields, changedValues, base.formValues);
      const missing = status === 'IN_REVIEW' || status === 'APPROVED' ? missingRequired(fields, sentValues) : [];
      if (wrong.length || missing.length) {
        const count = wrong.length + missing.length;
        refuse(
          [...wrong, ...missing],
          `${count === 1 ? 'One entry needs' : `${count} entries need`} your attention before this answer can go on.`,
        );
        return setMoving(null);
      }
    }
    setRefused(null);
    try {
      const patch: ResponsePatch = {
        version: baseRef.current.version,
        status,
        ...(statusReason !== undefined && { statusReason }),
        ...(sent !== baseRef.current.answer && { answer: sent }),
        ...(Object.keys(changedValues).length > 0 && { formValues: changedValues }),
      };
      const saved = await onSave(patch);
      setBase(baseOf(saved));
      // "Saved at" tells of the person's own text: a move that carried none (an approval, a
      // request for changes) saved nothing of theirs.
      if (patch.answer !== undefined || patch.formValues !== undefined) {
        setSavedAt(new Date());
        setWroteIt(true);
      }
      setError(null);
      setFieldErrors({});
      if (textRef.current === answerOf(saved) && sameValues(valuesRef.current, formValuesOf(saved))) markSaved();
      else setState('dirty');
    } catch (err) {
      if (isApiError(err, 403) && mounted.current) {
        // Refused for who is asking, not for what was sent: trying again cannot help. Nothing
        // of the move was saved, so text it carried is still the autosave's to send.
        setMoveRefusal(err.message);
        setState(pending() ? 'dirty' : 'saved');
      } else await fail(err);
    } finally {
      setMoving(null);
    }
  };

  // The moves the same rule the API applies allows, on the saved answer plus the editor's text.
  // With a form, submission is offered while required entries are empty: the click says which
  // (missingRequired above) rather than a button that is not there without a reason.
  // Nothing given and no notes is no answer: that the rule refuses, and the button is not offered.
  const formState = form
    ? {
        ...formAnswerState(fields, base.formValues, values, !sameValues(base.formValues, values)),
        missing: [],
        missingBefore: [],
      }
    : null;
  const answeredById = wroteIt ? actor.userId : (response.answeredById ?? null);
  const current = workflowState(response, base.answer, answeredById);
  const moves = state === 'conflict' ? [] : allowedStatusMoves(current, actor, text, formState);
  // Where the review would be offered and the rule refuses it, say why: review is by someone
  // other than the answer's assignee and its author (editing it makes one its author).
  const editing = text !== base.answer || (!!form && !sameValues(base.formValues, values));
  const reviewRefused =
    response.status === 'IN_REVIEW' &&
    state !== 'conflict' &&
    !moves.some((status) => status === 'APPROVED' || status === 'CHANGES_REQUESTED');
  const ownWork =
    current.assigneeId === actor.userId
      ? 'This answer is assigned to you: someone else reviews it.'
      : editing
        ? 'You are changing this answer: someone else reviews it.'
        : answeredById === actor.userId
          ? 'You wrote this answer: someone else reviews it.'
          : null;
  const notYoursToReview = reviewRefused ? ownWork : null;
  const summary = refused ? orderedProblems(fields, errors) : [];
  const readOnlyReason = approved
    ? 'Approved: counsel can reopen it to make changes.'
    : 'Read only: the assignee, the app owner or counsel can edit this answer.';

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
          <SaveIndicator state={state} savedAt={savedAt} tooLong={tooLong} invalid={invalid} timeZone={timeZone} />
        </Group>
        {summary.length > 0 && (
          <Alert
            color="red"
            title="This answer cannot go on yet"
            role="alert"
            ref={summaryRef}
            tabIndex={-1}
            aria-label="What to fill in"
            data-testid="form-error-summary"
          >
            <Text size="sm" mb={4}>
              {refused}
            </Text>
            <List size="sm">
              {summary.map((problem) => (
                <List.Item key={problem.field}>
                  <Anchor
                    href={`#${formPathId(problem.field) ?? ''}`}
                    size="sm"
                    onClick={(event) => {
                      // Focus the field itself (an anchor's jump only scrolls to a non-focusable group).
                      const target = document.getElementById(formPathId(problem.field) ?? '');
                      if (!target) return;
                      event.preventDefault();
                      const input = target.matches('input, textarea, select, button')
                        ? target
                        : target.querySelector<HTMLElement>('input, textarea, select, button');
                      (input ?? target).focus();
                      (input ?? target).scrollIntoView?.({ block: 'center' });
                    }}
                  >
                    {problem.message}
                  </Anchor>
                </List.Item>
              ))}
            </List>
          </Alert>
        )}
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
                    Their version (version {theirs.version}, {STATUS_LABEL[theirs.status].toLowerCase()}):
                  </Text>
                  {formOf(theirs) && <TheirValues fields={formOf(theirs)!.fields} values={formValuesOf(theirs)} />}
                  {formOf(theirs) && (
                    <Text size="xs" fw={600} mt={6} mb={4}>
                      Notes:
                    </Text>
                  )}
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
                It had not been saved when you left or your session ended
                {restored?.keptAt && ` (kept at ${formatTime(restored.keptAt, timeZone ?? browserZone())})`}. It is
                saved again automatically.
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
        {form && (
          <>
            {!editable && (
              <Text size="sm" c="dimmed">
                {readOnlyReason}
              </Text>
            )}
            <FormAnswer
              fields={fields}
              values={values}
              onChange={changeValue}
              onBlur={() => stateRef.current === 'dirty' && void saveNow()}
              errors={errors}
              readOnly={!editable}
              evidence={evidence}
            />
          </>
        )}
        <Textarea
          label={form ? 'Notes' : 'Answer text'}
          description={
            editable
              ? form
                ? 'Anything the form does not ask; saved automatically as you type.'
                : 'Saved automatically as you type.'
              : readOnlyReason
          }
          value={text}
          onChange={(event) => change(event.currentTarget.value)}
          onBlur={() => state === 'dirty' && void saveNow()}
          readOnly={!editable}
          // A fixed height that scrolls, and the user can drag taller: no autosize (see the top).
          rows={form ? 5 : 14}
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
        {moveRefusal && (
          <Alert color="red" title="Status not changed" role="alert">
            <Text size="sm">{moveRefusal}</Text>
          </Alert>
        )}
        <Group gap="xs" aria-label="Status actions" role="group">
          {moves.length === 0 && state !== 'conflict' && !notYoursToReview && (
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
          {notYoursToReview && (
            <Text size="sm" c="dimmed" data-testid="review-refused">
              {notYoursToReview}
            </Text>
          )}
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

/** Their form values after a conflict, as they read. */
function TheirValues({ fields, values }: { fields: FormField[]; values: FormValues }) {
  const answered = activeFields(fields).filter((f) => !isEmptyFormValue(values[f.key]));
  if (answered.length === 0) return <Text size="sm">(no form entries)</Text>;
  return (
    <Stack gap={2}>
      {answered.map((f) => (
        <Text key={f.key} size="sm" style={{ whiteSpace: 'pre-wrap' }}>
          <strong>{f.label}:</strong> {formValueText(f, values[f.key])}
        </Text>
      ))}
    </Stack>
  );
}

function SaveIndicator({
  state,
  savedAt,
  tooLong,
  invalid,
  timeZone,
}: {
  state: SaveState;
  savedAt: Date | null;
  tooLong: boolean;
  invalid: boolean;
  timeZone?: string;
}) {
  const label = {
    saved: savedAt ? `Saved at ${formatTime(savedAt, timeZone ?? browserZone())}` : 'Saved',
    dirty: tooLong ? 'Not saved: too long' : invalid ? 'Not saved: check the form' : 'Unsaved changes',
    saving: 'Saving…',
    conflict: 'Not saved: conflict',
    error: 'Not saved',
    session: 'Not saved: log in again',
  }[state];
  const color = {
    saved: 'teal.9',
    dirty: tooLong || invalid ? 'red.9' : 'gray.7',
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
