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

/** A cell holds work once anyone has answered, moved or discussed it; such cells are never dropped. */
export function cellHoldsWork(cell: { status: string; answer: string | null; commentCount: number }): boolean {
  return cell.status !== 'NOT_STARTED' || !!cell.answer?.trim() || cell.commentCount > 0;
}
