import { canOwnWork } from './audit-access';
import type { AuditRole } from './enums';

// Which cells the subject x request grid must hold. A request applies to every subject,
// or only to the subjects chosen for it.

export interface GridRequest {
  id: string;
  appliesToAll: boolean;
  chosenSubjectIds: readonly string[];
}

export interface GridCell {
  subjectId: string;
  requestId: string;
}

export function requestAppliesTo(request: GridRequest, subjectId: string): boolean {
  return request.appliesToAll || request.chosenSubjectIds.includes(subjectId);
}

export function gridCells(subjectIds: readonly string[], requests: readonly GridRequest[]): GridCell[] {
  return requests.flatMap((request) =>
    subjectIds
      .filter((subjectId) => requestAppliesTo(request, subjectId))
      .map((subjectId) => ({ subjectId, requestId: request.id })),
  );
}

/**
 * A cell holds work once anyone has answered (in text or in its form), moved or discussed it;
 * such cells are never dropped. `formValues` left out: not known to the caller (a form edit also
 * moves the cell out of Not started, so the status still tells).
 */
export function cellHoldsWork(cell: {
  status: string;
  answer: string | null;
  commentCount: number;
  formValues?: unknown;
}): boolean {
  return (
    cell.status !== 'NOT_STARTED' ||
    !!cell.answer?.trim() ||
    cell.commentCount > 0 ||
    (cell.formValues !== undefined && cell.formValues !== null)
  );
}

/**
 * Who a new cell starts with: its subject's owner works on it, the audit's default reviewer
 * reviews it; each only while a member who can work in the audit (`members` holds the roles of
 * both), and the reviewer only when that is someone other than the assignee.
 */
export function newCellStaffing(
  subjectOwnerId: string | null,
  defaultReviewerId: string | null,
  members: ReadonlyMap<string, AuditRole>,
): { assigneeId: string | null; reviewerId: string | null } {
  const canWork = (userId: string | null): userId is string => !!userId && canOwnWork(members.get(userId) ?? null);
  const assigneeId = canWork(subjectOwnerId) ? subjectOwnerId : null;
  const reviewerId = canWork(defaultReviewerId) && defaultReviewerId !== assigneeId ? defaultReviewerId : null;
  return { assigneeId, reviewerId };
}
