import { AuditRole } from './enums';
import { cellHoldsWork, gridCells, newCellStaffing } from './response-grid';

describe('gridCells', () => {
  it('crosses every subject with requests that apply to all, and chosen subjects only otherwise', () => {
    const cells = gridCells(
      ['s1', 's2', 's3'],
      [
        { id: 'r1', appliesToAll: true, chosenSubjectIds: [] },
        { id: 'r2', appliesToAll: false, chosenSubjectIds: ['s2'] },
      ],
    );
    expect(cells).toEqual([
      { subjectId: 's1', requestId: 'r1' },
      { subjectId: 's2', requestId: 'r1' },
      { subjectId: 's3', requestId: 'r1' },
      { subjectId: 's2', requestId: 'r2' },
    ]);
  });
});

describe('cellHoldsWork', () => {
  it('treats an untouched cell as empty and anything written or discussed as work', () => {
    expect(cellHoldsWork({ status: 'NOT_STARTED', answer: null, commentCount: 0 })).toBe(false);
    expect(cellHoldsWork({ status: 'NOT_STARTED', answer: '   ', commentCount: 0 })).toBe(false);
    expect(cellHoldsWork({ status: 'NOT_STARTED', answer: 'draft', commentCount: 0 })).toBe(true);
    expect(cellHoldsWork({ status: 'IN_PROGRESS', answer: null, commentCount: 0 })).toBe(true);
    expect(cellHoldsWork({ status: 'NOT_STARTED', answer: null, commentCount: 1 })).toBe(true);
  });

  it("counts a form's values as work, and none stored as none", () => {
    expect(cellHoldsWork({ status: 'NOT_STARTED', answer: null, commentCount: 0, formValues: null })).toBe(false);
    expect(cellHoldsWork({ status: 'NOT_STARTED', answer: null, commentCount: 0, formValues: { volume: 3 } })).toBe(
      true,
    );
  });
});

describe('newCellStaffing', () => {
  const members = new Map<string, AuditRole>([
    ['owner', AuditRole.CONTRIBUTOR],
    ['counsel', AuditRole.COUNSEL],
    ['viewer', AuditRole.VIEWER],
  ]);

  it("assigns the subject's owner and names the audit's default reviewer", () => {
    expect(newCellStaffing('owner', 'counsel', members)).toEqual({ assigneeId: 'owner', reviewerId: 'counsel' });
  });

  it('leaves a place empty when there is no one, or no one who can work in the audit', () => {
    expect(newCellStaffing(null, null, members)).toEqual({ assigneeId: null, reviewerId: null });
    expect(newCellStaffing('viewer', 'gone', members)).toEqual({ assigneeId: null, reviewerId: null });
  });

  it('never makes the owner review their own work', () => {
    expect(newCellStaffing('counsel', 'counsel', members)).toEqual({ assigneeId: 'counsel', reviewerId: null });
  });
});
