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

/** Cells that share status and due date, counted once: what a GROUP BY returns. */
export interface CellGroup {
  status: ResponseStatus;
  dueDate: Date | null;
  /** How many cells the row stands for (1 when absent). */
  count?: number;
}

/** Totals of a set of cells or cell groups, e.g. a whole audit for a list view. */
export function summarizeProgress(cells: CellGroup[], deadline: { at: Date; zone: string }, now: Date): ProgressTotals {
  const { id: _id, ...totals } = group('all', cells, (c) => isOverdue(c, deadline.at, deadline.zone, now));
  return totals;
}

function group<C extends CellGroup>(id: string, cells: C[], overdueOf: (c: C) => boolean): ProgressGroup {
  const counts = emptyCounts();
  let done = 0;
  let overdue = 0;
  let total = 0;
  for (const cell of cells) {
    const n = cell.count ?? 1;
    total += n;
    counts[cell.status] += n;
    if (isDone(cell.status)) done += n;
    if (overdueOf(cell)) overdue += n;
  }
  return { id, total, done, overdue, percentComplete: percent(done, total), counts };
}

export function computeProgress(
  cells: ProgressCell[],
  order: { subjectIds: string[]; requestIds: string[] },
  deadline: { at: Date; zone: string },
  now: Date,
): Progress {
  const overdueOf = (c: ProgressCell) => isOverdue(c, deadline.at, deadline.zone, now);
  const by = (ids: string[], key: 'subjectId' | 'requestId') =>
    ids.map((id) =>
      group(
        id,
        cells.filter((c) => c[key] === id),
        overdueOf,
      ),
    );
  return {
    ...summarizeProgress(cells, deadline, now),
    bySubject: by(order.subjectIds, 'subjectId'),
    byRequest: by(order.requestIds, 'requestId'),
  };
}
