import { canOwnWork } from './audit-access';
import { isDone, ResponseStatus as S, type ResponseStatus } from './enums';
import {
  decideResponseUpdate,
  type MemberRoles,
  type ResponseChange,
  type ResponseState,
  type WorkflowActor,
} from './response-workflow';

// Staffing many cells at once: who works on them, who reviews them, when they are due
// internally, and whether they apply at all. Each cell is decided on its own, by the same
// `decideResponseUpdate` as a single edit, so a batch never lets through what one edit would
// refuse; a refused cell is left alone and its reason is told in plain words.

/** What one bulk staffing request sets on every cell it names (undefined: left as it is; null: cleared). */
export interface StaffingChange {
  assigneeId?: string | null;
  reviewerId?: string | null;
  /** "YYYY-MM-DD" in the audit's zone. */
  dueDate?: string | null;
  /** true: declare the cell not applicable; false: bring a not-applicable cell back. */
  notApplicable?: boolean;
}

/** The most cells one bulk request may name (a large audit's whole grid, with room to spare). */
export const MAX_BULK_STAFFING_CELLS = 2000;

/** Why a cell of a bulk request was left alone. */
export type StaffingRefusalCode =
  | 'NOT_FOUND'
  | 'VERSION_CONFLICT'
  | 'APPROVED'
  | 'NOT_A_WORKING_MEMBER'
  | 'REVIEWER_IS_ASSIGNEE'
  | 'INVALID_TRANSITION'
  | 'FORBIDDEN';

export type StaffingDecision =
  | { outcome: 'apply'; change: ResponseChange & { status: ResponseStatus }; approval: 'set' | 'clear' | 'keep' }
  | { outcome: 'unchanged' }
  | { outcome: 'refuse'; code: StaffingRefusalCode; reason: string };

const refuse = (code: StaffingRefusalCode, reason: string): StaffingDecision => ({ outcome: 'refuse', code, reason });

/** The status a cell takes from `notApplicable`: back from not applicable, it resumes where its answer left it. */
function targetStatus(current: ResponseState, notApplicable: boolean | undefined): ResponseStatus {
  if (notApplicable === true) return S.NOT_APPLICABLE;
  if (notApplicable === false && current.status === S.NOT_APPLICABLE) {
    return current.answer?.trim() ? S.IN_PROGRESS : S.NOT_STARTED;
  }
  return current.status;
}

/**
 * Decides one cell of a bulk staffing request: apply (with the resulting change and what
 * becomes of the approval), unchanged (it already is so), or refuse with a plain reason.
 * `members` holds the audit roles of the people the change names.
 */
export function decideStaffing(
  current: ResponseState,
  change: StaffingChange,
  actor: WorkflowActor,
  members: MemberRoles,
): StaffingDecision {
  const status = targetStatus(current, change.notApplicable);
  const edit: ResponseChange & { status: ResponseStatus } = { status };
  for (const field of ['assigneeId', 'reviewerId', 'dueDate'] as const) {
    const value = change[field];
    if (value !== undefined && value !== current[field]) edit[field] = value;
  }
  if (status === current.status && Object.keys(edit).length === 1) return { outcome: 'unchanged' };

  // Approval stands for the cell as it was staffed when approved; re-staffing it is a reopening.
  if (current.status === S.APPROVED) {
    return refuse(
      'APPROVED',
      'It is approved; reopen it before changing who works on it, its due date or whether it applies.',
    );
  }
  const decision = decideResponseUpdate(current, edit, actor, members);
  if (decision.ok) return { outcome: 'apply', change: edit, approval: decision.approval };
  switch (decision.reason) {
    case 'NOT_A_WORKING_MEMBER': {
      const who = decision.field === 'reviewerId' ? 'reviewer' : 'assignee';
      const role = members.get(edit[decision.field as 'assigneeId' | 'reviewerId'] ?? '') ?? null;
      return refuse(
        'NOT_A_WORKING_MEMBER',
        role === null || canOwnWork(role)
          ? `The ${who} chosen is not a member of this audit, or their account is deactivated.`
          : `The ${who} chosen is a viewer of this audit, who cannot work on responses.`,
      );
    }
    case 'REVIEWER_IS_ASSIGNEE':
      return refuse('REVIEWER_IS_ASSIGNEE', 'Its reviewer and its assignee would be the same person.');
    case 'INVALID_TRANSITION':
      return refuse(
        'INVALID_TRANSITION',
        `It cannot move from ${STATUS_WORDS[current.status]} to ${STATUS_WORDS[status]}.`,
      );
    default:
      return refuse('FORBIDDEN', decision.message);
  }
}

/**
 * Whether a response follows its subject to a new owner, who becomes its assignee as a new cell's
 * owner does (`newCellStaffing`): only open work that was nobody's or still the previous owner's.
 * A done response (approved, not applicable) and one given by hand to someone else stay as they
 * are ('unchanged'); the others are decided as a bulk assignment would be, so a staffing rule
 * (e.g. the new owner reviews it) refuses the cell, which is then left alone too.
 */
export function decideOwnerHandover(
  current: ResponseState,
  previousOwnerId: string | null,
  newOwnerId: string,
  actor: WorkflowActor,
  members: MemberRoles,
): StaffingDecision {
  const ownersWork = current.assigneeId === null || current.assigneeId === previousOwnerId;
  if (isDone(current.status) || !ownersWork) return { outcome: 'unchanged' };
  return decideStaffing(current, { assigneeId: newOwnerId }, actor, members);
}

const STATUS_WORDS: Record<ResponseStatus, string> = {
  [S.NOT_STARTED]: 'not started',
  [S.IN_PROGRESS]: 'in progress',
  [S.IN_REVIEW]: 'in review',
  [S.CHANGES_REQUESTED]: 'changes requested',
  [S.APPROVED]: 'approved',
  [S.NOT_APPLICABLE]: 'not applicable',
};
