import { ResponseStatus as S } from './enums';
import { calendarDate } from './deadlines';
import { computeProgress, type ProgressCell, summarizeProgress } from './progress';

const cell = (subjectId: string, requestId: string, status: S, due?: string): ProgressCell => ({
  subjectId,
  requestId,
  status,
  dueDate: due ? calendarDate(due) : null,
});

describe('computeProgress', () => {
  const deadline = { at: new Date('2023-06-07T21:00:00Z'), zone: 'America/New_York' };
  const now = new Date('2023-06-02T12:00:00Z');
  const cells = [
    cell('a', 'r1', S.APPROVED),
    cell('a', 'r2', S.IN_PROGRESS, '2023-06-01'),
    cell('a', 'r3', S.NOT_APPLICABLE, '2023-05-20'),
    cell('b', 'r1', S.IN_REVIEW),
    cell('b', 'r2', S.NOT_STARTED, '2023-06-05'),
    cell('b', 'r3', S.CHANGES_REQUESTED, '2023-05-30'),
  ];

  it('counts done, overdue and statuses for the whole grid', () => {
    const progress = computeProgress(cells, { subjectIds: ['a', 'b'], requestIds: ['r1', 'r2', 'r3'] }, deadline, now);
    expect(progress).toMatchObject({ total: 6, done: 2, overdue: 2, percentComplete: 33.3 });
    expect(progress.counts).toEqual({
      NOT_STARTED: 1,
      IN_PROGRESS: 1,
      IN_REVIEW: 1,
      CHANGES_REQUESTED: 1,
      APPROVED: 1,
      NOT_APPLICABLE: 1,
    });
  });

  it('groups by subject and by request in the order given', () => {
    const progress = computeProgress(cells, { subjectIds: ['b', 'a'], requestIds: ['r1', 'r2', 'r3'] }, deadline, now);
    expect(progress.bySubject.map((g) => [g.id, g.total, g.done, g.overdue, g.percentComplete])).toEqual([
      ['b', 3, 0, 1, 0],
      ['a', 3, 2, 1, 66.7],
    ]);
    expect(progress.byRequest.map((g) => [g.id, g.done, g.overdue])).toEqual([
      ['r1', 1, 0],
      ['r2', 0, 1],
      ['r3', 1, 1],
    ]);
  });

  it('reports an empty grid as 0 % rather than dividing by zero', () => {
    const progress = computeProgress([], { subjectIds: [], requestIds: [] }, deadline, now);
    expect(progress).toMatchObject({ total: 0, done: 0, percentComplete: 0 });
  });
});

describe('summarizeProgress', () => {
  it('counts grouped rows by their size, as the cells they stand for', () => {
    const deadline = { at: new Date('2023-06-07T21:00:00Z'), zone: 'America/New_York' };
    const totals = summarizeProgress(
      [
        { status: S.APPROVED, dueDate: null, count: 3 },
        { status: S.IN_PROGRESS, dueDate: calendarDate('2023-05-01'), count: 2 },
        { status: S.NOT_STARTED, dueDate: null },
      ],
      deadline,
      new Date('2023-05-10T12:00:00Z'),
    );
    expect(totals).toMatchObject({ total: 6, done: 3, overdue: 2, percentComplete: 50 });
  });
});
