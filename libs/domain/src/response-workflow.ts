import { AuditRole } from './enums';
import { ResponseStatus as S, type ResponseStatus } from './enums';
import { isCounsel } from './audit-access';

// The one place that decides how a response may change status and who may change it.

/** Allowed explicit moves; answer edits move status implicitly (see applyAnswerEdit). */
const TRANSITIONS: Record<ResponseStatus, readonly ResponseStatus[]> = {
  [S.NOT_STARTED]: [S.IN_PROGRESS, S.IN_REVIEW, S.NOT_APPLICABLE],
  [S.IN_PROGRESS]: [S.NOT_STARTED, S.IN_REVIEW, S.NOT_APPLICABLE],
  [S.IN_REVIEW]: [S.IN_PROGRESS, S.APPROVED, S.CHANGES_REQUESTED, S.NOT_APPLICABLE],
  [S.CHANGES_REQUESTED]: [S.IN_PROGRESS, S.IN_REVIEW, S.NOT_APPLICABLE],
  [S.APPROVED]: [S.IN_PROGRESS, S.IN_REVIEW],
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

export interface ResponseChange {
  answer?: string | null;
  status?: ResponseStatus;
  assigneeId?: string | null;
  reviewerId?: string | null;
  dueDate?: string | null;
}

export interface WorkflowActor {
  userId: string;
  /** Effective role in the audit (ADMIN already mapped to lead counsel). */
  role: AuditRole;
}

export type WorkflowDecision =
  | { ok: true; status: ResponseStatus; approval: 'set' | 'clear' | 'keep' }
  | { ok: false; reason: 'FORBIDDEN' | 'INVALID_TRANSITION' | 'ANSWER_REQUIRED'; message: string };

const deny = (reason: 'FORBIDDEN' | 'INVALID_TRANSITION' | 'ANSWER_REQUIRED', message: string) =>
  ({ ok: false, reason, message }) as const;

/** Whether the actor may write the answer of this response. */
type WorkPeople = Pick<ResponseState, 'assigneeId' | 'reviewerId' | 'subjectOwnerId'>;

export function canEditAnswer(state: WorkPeople, actor: WorkflowActor): boolean {
  if (isCounsel(actor.role)) return true;
  if (actor.role !== AuditRole.CONTRIBUTOR) return false;
  return state.assigneeId === actor.userId || state.subjectOwnerId === actor.userId;
}

/** Who may discuss a response: those who work on it or review it. */
export function canComment(state: WorkPeople, actor: WorkflowActor): boolean {
  return canEditAnswer(state, actor) || state.reviewerId === actor.userId;
}

/** The status an answer edit leads to when no explicit status is asked for. */
function applyAnswerEdit(status: ResponseStatus): ResponseStatus {
  if (status === S.NOT_STARTED) return S.IN_PROGRESS;
  // An approved answer that changes must be reviewed again.
  if (status === S.APPROVED) return S.IN_REVIEW;
  return status;
}

const changes = <K extends keyof ResponseState>(
  change: ResponseChange,
  current: ResponseState,
  key: K & keyof ResponseChange,
) => change[key] !== undefined && (change[key] ?? null) !== current[key];

export function decideResponseUpdate(
  current: ResponseState,
  change: ResponseChange,
  actor: WorkflowActor,
): WorkflowDecision {
  const counsel = isCounsel(actor.role);
  const reassigns =
    changes(change, current, 'assigneeId') ||
    changes(change, current, 'reviewerId') ||
    changes(change, current, 'dueDate');
  if (reassigns && !counsel) {
    return deny('FORBIDDEN', 'Only counsel can change the assignee, reviewer or due date.');
  }

  const answerChanged = changes(change, current, 'answer');
  if (answerChanged && !canEditAnswer(current, actor)) {
    return deny('FORBIDDEN', 'You can edit the answer only of responses assigned to you or of apps you own.');
  }

  // The status before any explicit move: an edit alone may already have moved it.
  const base = answerChanged ? applyAnswerEdit(current.status) : current.status;
  const answer = change.answer !== undefined ? change.answer : current.answer;
  const target = change.status;
  let status = base;

  if (target !== undefined && target !== base) {
    if (!TRANSITIONS[base].includes(target)) {
      return deny('INVALID_TRANSITION', `A response cannot move from ${base} to ${target}.`);
    }
    const answeredById = answerChanged ? actor.userId : current.answeredById;
    const denial = checkTransitionActor(base, target, { ...current, answeredById }, change, actor);
    if (denial) return denial;
    status = target;
  }

  if ((status === S.IN_REVIEW || status === S.APPROVED) && !answer?.trim()) {
    return deny('ANSWER_REQUIRED', `An answer is required before a response is ${status}.`);
  }

  // An approval stands only for the text it approved: a new approval is recorded as new.
  const approval =
    status === S.APPROVED ? (base === S.APPROVED ? 'keep' : 'set') : current.status === S.APPROVED ? 'clear' : 'keep';
  return { ok: true, status, approval };
}

function checkTransitionActor(
  from: ResponseStatus,
  to: ResponseStatus,
  current: ResponseState,
  change: ResponseChange,
  actor: WorkflowActor,
): WorkflowDecision | null {
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
