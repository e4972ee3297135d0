import { cellHoldsWork, gridCells } from './response-grid';

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
});
