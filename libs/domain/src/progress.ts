import { isDone, ResponseStatus } from './enums';
import { isOverdue } from './deadlines';

// Progress of an audit's grid, grouped by subject and by request.

export type StatusCounts = Record<ResponseStatus, number>;

export interface ProgressCell {
  subjectId: string;
  requestId: string;
  status: ResponseStatus;
  dueDate: Date | null;
}

export interface ProgressGroup {
  id: string;
  total: number;
  done: number;
  overdue: number;
  percentComplete: number;
  counts: StatusCounts;
}

export interface Progress {
  total: number;
  done: number;
  overdue: number;
  percentComplete: number;
  counts: StatusCounts;
  bySubject: ProgressGroup[];
  byRequest: ProgressGroup[];
}

const emptyCounts = (): StatusCounts =>
  Object.fromEntries(Object.values(ResponseStatus).map((s) => [s, 0])) as StatusCounts;

/** Percent with one decimal; an empty grid counts as 0 % done. */
const percent = (done: number, total: number) => (total === 0 ? 0 : Math.round((done / total) * 1000) / 10);

export type ProgressTotals = Omit<ProgressGroup, 'id'>;

/** Totals of a set of cells, e.g. a whole audit for a list view. */
export function summarizeProgress(
  cells: Pick<ProgressCell, 'status' | 'dueDate'>[],
  deadline: { at: Date; zone: string },
  now: Date,
): ProgressTotals {
  const { id: _id, ...totals } = group('all', cells, (c) => isOverdue(c, deadline.at, deadline.zone, now));
  return totals;
}

function group<C extends Pick<ProgressCell, 'status' | 'dueDate'>>(
  id: string,
  cells: C[],
  overdueOf: (c: C) => boolean,
): ProgressGroup {
  const counts = emptyCounts();
  let done = 0;
  let overdue = 0;
  for (const cell of cells) {
    counts[cell.status] += 1;
    if (isDone(cell.status)) done += 1;
    if (overdueOf(cell)) overdue += 1;
  }
  return { id, total: cells.length, done, overdue, percentComplete: percent(done, cells.length), counts };
}

export function computeProgress(
  cells: ProgressCell[],
  order: { subjectIds: string[]; requestIds: string[] },
  deadline: { at: Date; zone: string },
  now: Date,
): Progress {
  const overdueOf = (c: ProgressCell) => isOverdue(c, deadline.at, deadline.zone, now);
  const by = (ids: string[], key: 'subjectId' | 'requestId') =>
    ids.map((id) => group(id, cells.filter((c) => c[key] === id), overdueOf));
  return {
    ...summarizeProgress(cells, deadline, now),
    bySubject: by(order.subjectIds, 'subjectId'), byRequest: by(order.requestIds, 'requestId'),
  };
}
