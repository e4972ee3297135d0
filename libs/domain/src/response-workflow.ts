import {
  activeFields,
  type FormField,
  type FormProblem,
  type FormValues,
  isEmptyFormValue,
  missingRequired,
  ownValue,
} from './audit-forms';
import { AuditRole } from './enums';
import { ResponseStatus as S, type ResponseStatus } from './enums';
import { isCounsel, workingMemberProblem } from './audit-access';
import { formatCalendarDate } from './deadlines';

// The one place that decides how a response may change: its status, who may change it, and
// who may be named to work on it. The API applies it to every edit; the web UI asks it which
// moves to offer.

/**
 * The longest answer the API accepts, in characters as class-validator's MaxLength counts them
 * (code points, less emoji presentation selectors). The editor counts UTF-16 units, never fewer,
 * so it never offers to save what the API would refuse.
 */
export const ANSWER_MAX_LENGTH = 200_000;

/** Allowed explicit moves; answer edits move status implicitly (see applyAnswerEdit). */
const TRANSITIONS: Record<ResponseStatus, readonly ResponseStatus[]> = {
  [S.NOT_STARTED]: [S.IN_PROGRESS, S.IN_REVIEW, S.NOT_APPLICABLE],
  [S.IN_PROGRESS]: [S.NOT_STARTED, S.IN_REVIEW, S.NOT_APPLICABLE],
  [S.IN_REVIEW]: [S.IN_PROGRESS, S.APPROVED, S.CHANGES_REQUESTED, S.NOT_APPLICABLE],
  [S.CHANGES_REQUESTED]: [S.IN_PROGRESS, S.IN_REVIEW, S.NOT_APPLICABLE],
  // Reopening an approval (counsel, with a reason) is the only way out: it is never sent back
  // to review by an edit, and an approved answer is not "submitted for review" again.
  [S.APPROVED]: [S.IN_PROGRESS],
  [S.NOT_APPLICABLE]: [S.NOT_STARTED, S.IN_PROGRESS],
};

export interface ResponseState {
  status: ResponseStatus;
  answer: string | null;
  assigneeId: string | null;
  reviewerId: string | null;
  /** Internal due date as "YYYY-MM-DD". */
  dueDate: string | null;
  /** Who last wrote the answer. */
  answeredById: string | null;
  /** Owner of the response's subject (an app owner may work on their app's responses). */
  subjectOwnerId: string | null;
}

/** A response as stored (or as the API shows it, people reduced to their ids). */
export interface ResponseRecord {
  status: ResponseStatus;
  answer: string | null;
  assigneeId: string | null;
  reviewerId: string | null;
  /** A stored calendar day (a Date at UTC midnight) or "YYYY-MM-DD". */
  dueDate: Date | string | null;
  /** Who last wrote the answer; unknown (left out) where it is not exposed, e.g. in the web UI. */
  answeredById?: string | null;
}

/** The workflow state of a response: what `decideResponseUpdate` decides on. */
export function responseState(row: ResponseRecord, subjectOwnerId: string | null): ResponseState {
  return {
    status: row.status,
    answer: row.answer,
    assigneeId: row.assigneeId,
    reviewerId: row.reviewerId,
    dueDate: row.dueDate instanceof Date ? formatCalendarDate(row.dueDate) : row.dueDate,
    answeredById: row.answeredById ?? null,
    subjectOwnerId,
  };
}

export interface ResponseChange {
  answer?: string | null;
  status?: ResponseStatus;
  assigneeId?: string | null;
  reviewerId?: string | null;
  dueDate?: string | null;
  /**
   * Why the status moves, recorded with it: required to reopen an approved answer and to
   * request changes (see moveNeedsReason); a sign-off note when approving.
   */
  statusReason?: string;
}

export interface WorkflowActor {
  userId: string;
  /** Effective role in the audit (ADMIN already mapped to lead counsel). */
  role: AuditRole;
}

/**
 * The audit roles of the people a change names as assignee or reviewer (at least those);
 * someone absent is not a member of the audit, or has a deactivated account.
 */
export type MemberRoles = ReadonlyMap<string, AuditRole>;

/**
 * Why an update is refused: FORBIDDEN (the actor may not), INVALID_TRANSITION (no such move, or
 * an edit of an approved answer that was not reopened), and four rule violations: ANSWER_REQUIRED,
 * REASON_REQUIRED (reopening an approval), NOT_A_WORKING_MEMBER (an assignee or reviewer who is
 * not a member who can write), REVIEWER_IS_ASSIGNEE.
 */
export type WorkflowDenialReason =
  | 'FORBIDDEN'
  | 'INVALID_TRANSITION'
  | 'ANSWER_REQUIRED'
  | 'REASON_REQUIRED'
  | 'NOT_A_WORKING_MEMBER'
  | 'REVIEWER_IS_ASSIGNEE';

/**
 * A move that must say why (recorded with it, and shown on the response): reopening an approved
 * answer, and asking for changes (the assignee needs to know which).
 */
export const moveNeedsReason = (from: ResponseStatus, to: ResponseStatus): boolean =>
  (from === S.APPROVED && to !== S.APPROVED) || (to === S.CHANGES_REQUESTED && from !== S.CHANGES_REQUESTED);

/** Why a move needs a reason, in the words the refusal uses. */
const REASON_PROMPT = {
  reopen: 'Say why the approved answer is reopened: the reason is recorded.',
  changes: 'Say what must change: the assignee sees the reason on the response.',
};

export type WorkflowDecision =
  | { ok: true; status: ResponseStatus; approval: 'set' | 'clear' | 'keep' }
  | {
      ok: false;
      reason: WorkflowDenialReason;
      message: string;
      /** The field of the change at fault, when one is. */
      field?: keyof ResponseChange;
      /** Each form field at fault (`formValues.<key>`), when the answer is a form. */
      problems?: FormProblem[];
    };

type Denial = Extract<WorkflowDecision, { ok: false }>;

const deny = (reason: WorkflowDenialReason, message: string, field?: keyof ResponseChange): Denial =>
  field ? { ok: false, reason, message, field } : { ok: false, reason, message };

/** Whether the actor may write the answer of this response. */
type WorkPeople = Pick<ResponseState, 'assigneeId' | 'reviewerId' | 'subjectOwnerId'>;

export function canEditAnswer(state: WorkPeople, actor: WorkflowActor): boolean {
  if (isCounsel(actor.role)) return true;
  if (actor.role !== AuditRole.CONTRIBUTOR) return false;
  return state.assigneeId === actor.userId || state.subjectOwnerId === actor.userId;
}

/**
 * Whether the actor may change the evidence backing these responses (edit it, link or unlink
 * it, add a version): who may answer each of them may change what backs it, so counsel may
 * change all, and evidence that backs no response any writer may.
 */
export function canChangeBacking(responses: readonly WorkPeople[], actor: WorkflowActor): boolean {
  return responses.every((response) => canEditAnswer(response, actor));
}

/**
 * Why the evidence an answer rests on may not change now, or null. An approval covers that
 * evidence as well as the text: adding evidence to an approved answer, taking some away or
 * replacing a file's content needs the approval reopened first (with a reason), as an edit of
 * the text does. An evidence record's labels (title, confidentiality, tags) are not what was
 * approved, and may still be corrected; the history records it.
 */
export function backingLockedByApproval(responses: readonly { status: ResponseStatus }[]): string | null {
  const approved = responses.filter((r) => r.status === S.APPROVED).length;
  if (approved === 0) return null;
  return approved === 1 && responses.length === 1
    ? 'This answer is approved: counsel must reopen it, with a reason, before its evidence changes.'
    : approved === 1
      ? 'An answer this evidence backs is approved: counsel must reopen it, with a reason, before its evidence changes.'
      : `${approved} answers this evidence backs are approved: counsel must reopen them, with a reason, before their evidence changes.`;
}

/** Who may discuss a response: those who work on it or review it. */
export function canComment(state: WorkPeople, actor: WorkflowActor): boolean {
  return canEditAnswer(state, actor) || state.reviewerId === actor.userId;
}

/** The status an answer edit leads to when no explicit status is asked for. */
function applyAnswerEdit(status: ResponseStatus): ResponseStatus {
  if (status === S.NOT_STARTED) return S.IN_PROGRESS;
  return status;
}

const changes = <K extends keyof ResponseState>(
  change: ResponseChange,
  current: ResponseState,
  key: K & keyof ResponseChange,
) => change[key] !== undefined && (change[key] ?? null) !== current[key];

/**
 * The request's form, where it has one, as the edit leaves it. A form's values are the answer:
 * editing them is an answer edit, and they, not the free text (the notes), must be complete
 * before review.
 */
export interface FormAnswerState {
  /** Whether the edit changes any value. */
  changed: boolean;
  /** Required entries empty after the edit. */
  missing: FormProblem[];
  /** Required entries that were empty before it (a revision may have added them since review). */
  missingBefore: FormProblem[];
  /** Whether any value is given after the edit. */
  answered: boolean;
}

/** The form's state for decideResponseUpdate, from its values before and after an edit. */
export function formAnswerState(
  fields: readonly FormField[],
  before: FormValues | null,
  after: FormValues | null,
  changed: boolean,
): FormAnswerState {
  return {
    changed,
    missing: missingRequired(fields, after),
    missingBefore: missingRequired(fields, before),
    answered: activeFields(fields).some((f) => !isEmptyFormValue(ownValue(after, f.key))),
  };
}

/**
 * Decides an edit of a response: refused (why, and which field), or the resulting status and
 * what becomes of the approval. `members` holds the audit roles of the people the change names.
 */
export function decideResponseUpdate(
  current: ResponseState,
  change: ResponseChange,
  actor: WorkflowActor,
  members: MemberRoles,
  form: FormAnswerState | null = null,
): WorkflowDecision {
  const counsel = isCounsel(actor.role);
  const reassigns =
    changes(change, current, 'assigneeId') ||
    changes(change, current, 'reviewerId') ||
    changes(change, current, 'dueDate');
  if (reassigns && !counsel) {
    return deny('FORBIDDEN', 'Only counsel can change the assignee, reviewer or due date.');
  }

  const answerChanged = changes(change, current, 'answer') || !!form?.changed;
  if (answerChanged && !canEditAnswer(current, actor)) {
    return deny('FORBIDDEN', 'You can edit the answer only of responses assigned to you or of apps you own.');
  }
  // An approval stands for the text approved: a keystroke must not withdraw it silently.
  if (answerChanged && current.status === S.APPROVED && (change.status ?? S.APPROVED) === S.APPROVED) {
    return deny(
      'INVALID_TRANSITION',
      'This answer is approved: counsel must reopen it, with a reason, before it is edited.',
      'answer',
    );
  }

  // The status before any explicit move: an edit alone may already have moved it.
  const base = answerChanged ? applyAnswerEdit(current.status) : current.status;
  const answer = change.answer !== undefined ? change.answer : current.answer;
  const target = change.status;
  let status = base;

  if (target !== undefined && target !== base) {
    if (!TRANSITIONS[base].includes(target)) {
      return deny('INVALID_TRANSITION', `A response cannot move from ${base} to ${target}.`, 'status');
    }
    const answeredById = answerChanged ? actor.userId : current.answeredById;
    const denial = checkTransitionActor(base, target, { ...current, answeredById }, change, actor);
    if (denial) return denial;
    if (moveNeedsReason(base, target) && !change.statusReason?.trim()) {
      const prompt = target === S.CHANGES_REQUESTED ? REASON_PROMPT.changes : REASON_PROMPT.reopen;
      return deny('REASON_REQUIRED', prompt, 'statusReason');
    }
    status = target;
  }

  if (form && (status === S.IN_REVIEW || status === S.APPROVED)) {
    const denial = checkFormAnswer(form, status, status !== current.status, answer, answerChanged);
    if (denial) return denial;
  }
  if ((status === S.IN_REVIEW || status === S.APPROVED) && !form && !answer?.trim()) {
    return deny('ANSWER_REQUIRED', `An answer is required before a response is ${status}.`, 'answer');
  }

  const staffing = checkStaffing(current, change, members);
  if (staffing) return staffing;

  // An approval stands only for the text it approved: a new approval is recorded as new.
  const approval =
    status === S.APPROVED ? (base === S.APPROVED ? 'keep' : 'set') : current.status === S.APPROVED ? 'clear' : 'keep';
  return { ok: true, status, approval };
}

/**
 * A form before review: moving into review or approval asks for every required entry; an edit
 * of an answer already there may not empty one that was filled (entries a later revision of the
 * form added do not block other edits: the assignee fills them in as they go); and a form with
 * no value given and no notes is no answer at all.
 */
function checkFormAnswer(
  form: FormAnswerState,
  status: ResponseStatus,
  entering: boolean,
  answer: string | null | undefined,
  answerChanged: boolean,
): Denial | null {
  const before = new Set(form.missingBefore.map((p) => p.field));
  const blocking = entering ? form.missing : form.changed ? form.missing.filter((p) => !before.has(p.field)) : [];
  if (blocking.length) {
    const count = blocking.length;
    const message = `Fill in the form before this response is ${status}: ${count} required ${count === 1 ? 'entry is' : 'entries are'} empty.`;
    return { ok: false, reason: 'ANSWER_REQUIRED', message, problems: blocking };
  }
  if ((entering || answerChanged) && !form.answered && !answer?.trim()) {
    return deny('ANSWER_REQUIRED', `Fill in the form or write notes before this response is ${status}.`, 'answer');
  }
  return null;
}

/**
 * Whether a response would be reviewed by the person who works on it, which is refused: review
 * is by someone else. The pickers ask it too, so they never offer a choice the API refuses.
 */
export const reviewerIsAssignee = (assigneeId: string | null, reviewerId: string | null): boolean =>
  !!assigneeId && assigneeId === reviewerId;

/** The people a change names must be able to work in the audit, and review is by another person. */
function checkStaffing(current: ResponseState, change: ResponseChange, members: MemberRoles): Denial | null {
  for (const field of ['assigneeId', 'reviewerId'] as const) {
    const userId = change[field];
    if (!userId) continue;
    const problem = workingMemberProblem(members.get(userId) ?? null, field);
    if (problem) return deny('NOT_A_WORKING_MEMBER', problem, field);
  }
  const assigneeId = change.assigneeId !== undefined ? change.assigneeId : current.assigneeId;
  const reviewerId = change.reviewerId !== undefined ? change.reviewerId : current.reviewerId;
  if (reviewerIsAssignee(assigneeId, reviewerId)) {
    const field = change.reviewerId !== undefined ? 'reviewerId' : 'assigneeId';
    return deny('REVIEWER_IS_ASSIGNEE', 'The reviewer must be someone other than the assignee.', field);
  }
  return null;
}

/**
 * The status moves the actor may make now, in workflow order: the moves the UI offers, each
 * one `decideResponseUpdate` accepts. `answer` is the text in the editor when it differs from
 * the saved one (saved with the move); `form`, where the request has one, is its values as the
 * editor holds them (with a form, the free text is optional).
 */
export function allowedStatusMoves(
  current: ResponseState,
  actor: WorkflowActor,
  answer: string | null = current.answer,
  form: FormAnswerState | null = null,
): ResponseStatus[] {
  const change: ResponseChange = answer !== current.answer ? { answer } : {};
  // A move names nobody, so no member roles are needed.
  const members: MemberRoles = new Map();
  // A move that needs a reason is offered: the UI asks for the reason before making it.
  const reasonFor = (status: ResponseStatus) => (moveNeedsReason(current.status, status) ? { statusReason: '…' } : {});
  return Object.values(S).filter(
    (status) =>
      status !== current.status &&
      decideResponseUpdate(current, { ...change, status, ...reasonFor(status) }, actor, members, form).ok,
  );
}

function checkTransitionActor(
  from: ResponseStatus,
  to: ResponseStatus,
  current: ResponseState,
  change: ResponseChange,
  actor: WorkflowActor,
): Denial | null {
  const counsel = isCounsel(actor.role);

  if (to === S.APPROVED || to === S.CHANGES_REQUESTED) {
    const authors = [current.assigneeId, change.assigneeId, current.answeredById].filter(Boolean);
    if (authors.includes(actor.userId)) {
      return deny('FORBIDDEN', 'The assignee or the author of an answer cannot review it.');
    }
    const reviewer = change.reviewerId !== undefined ? change.reviewerId : current.reviewerId;
    if (!counsel && reviewer !== actor.userId) {
      return deny('FORBIDDEN', 'Only the reviewer or counsel can review a response.');
    }
    return null;
  }
  // Declaring a request not applicable, reopening it or reopening an approval is counsel's call.
  if (to === S.NOT_APPLICABLE || from === S.NOT_APPLICABLE || from === S.APPROVED) {
    return counsel ? null : deny('FORBIDDEN', `Only counsel can move a response from ${from} to ${to}.`);
  }
  return canEditAnswer(current, actor)
    ? null
    : deny('FORBIDDEN', 'Only the assignee, the app owner or counsel can change this status.');
}
