import { AuditRole, ResponseStatus as S } from './enums';
import type { MemberRoles, ResponseState } from './response-workflow';
import { decideStaffing } from './staffing';

const state = (over: Partial<ResponseState> = {}): ResponseState => ({
  status: S.NOT_STARTED,
  answer: null,
  assigneeId: 'ann',
  reviewerId: 'rob',
  subjectOwnerId: 'ann',
  dueDate: null,
  answeredById: null,
  ...over,
});
const COUNSEL = { userId: 'lead', role: AuditRole.LEAD_COUNSEL };
const MEMBERS: MemberRoles = new Map([
  ['ann', AuditRole.CONTRIBUTOR],
  ['rob', AuditRole.COUNSEL],
  ['cat', AuditRole.CONTRIBUTOR],
  ['vic', AuditRole.VIEWER],
]);

describe('decideStaffing', () => {
  it('applies a new assignee, reviewer and due date and keeps the status', () => {
    expect(
      decideStaffing(state(), { assigneeId: 'cat', reviewerId: null, dueDate: '2023-06-02' }, COUNSEL, MEMBERS),
    ).toEqual({
      outcome: 'apply',
      change: { status: S.NOT_STARTED, assigneeId: 'cat', reviewerId: null, dueDate: '2023-06-02' },
      approval: 'keep',
    });
  });

  it('reports a cell that already is as asked as unchanged', () => {
    expect(decideStaffing(state(), { assigneeId: 'ann', reviewerId: 'rob' }, COUNSEL, MEMBERS)).toEqual({
      outcome: 'unchanged',
    });
    expect(decideStaffing(state({ status: S.NOT_APPLICABLE }), { notApplicable: true }, COUNSEL, MEMBERS)).toEqual({
      outcome: 'unchanged',
    });
    expect(decideStaffing(state(), { notApplicable: false }, COUNSEL, MEMBERS)).toEqual({ outcome: 'unchanged' });
  });

  it('declares a cell not applicable, and brings it back to where its answer left it', () => {
    expect(
      decideStaffing(state({ status: S.IN_REVIEW, answer: 'Yes' }), { notApplicable: true }, COUNSEL, MEMBERS),
    ).toMatchObject({
      outcome: 'apply',
      change: { status: S.NOT_APPLICABLE },
    });
    const back = (answer: string | null) =>
      decideStaffing(state({ status: S.NOT_APPLICABLE, answer }), { notApplicable: false }, COUNSEL, MEMBERS);
    expect(back(null)).toMatchObject({ outcome: 'apply', change: { status: S.NOT_STARTED } });
    expect(back('Draft')).toMatchObject({ outcome: 'apply', change: { status: S.IN_PROGRESS } });
  });

  it('refuses an approved cell, in plain words', () => {
    expect(
      decideStaffing(state({ status: S.APPROVED, answer: 'Yes' }), { assigneeId: 'cat' }, COUNSEL, MEMBERS),
    ).toEqual({
      outcome: 'refuse',
      code: 'APPROVED',
      reason: 'It is approved; reopen it before changing who works on it, its due date or whether it applies.',
    });
  });

  it('refuses people who cannot work in the audit, and a reviewer who is the assignee', () => {
    expect(decideStaffing(state(), { assigneeId: 'stranger' }, COUNSEL, MEMBERS)).toEqual({
      outcome: 'refuse',
      code: 'NOT_A_WORKING_MEMBER',
      reason: 'The assignee chosen is not a member of this audit.',
    });
    expect(decideStaffing(state(), { reviewerId: 'vic' }, COUNSEL, MEMBERS)).toEqual({
      outcome: 'refuse',
      code: 'NOT_A_WORKING_MEMBER',
      reason: 'The reviewer chosen is a viewer of this audit, who cannot work on responses.',
    });
    expect(decideStaffing(state(), { reviewerId: 'ann' }, COUNSEL, MEMBERS)).toEqual({
      outcome: 'refuse',
      code: 'REVIEWER_IS_ASSIGNEE',
      reason: 'Its reviewer and its assignee would be the same person.',
    });
  });

  it('leaves staffing to counsel', () => {
    expect(
      decideStaffing(state(), { assigneeId: 'cat' }, { userId: 'ann', role: AuditRole.CONTRIBUTOR }, MEMBERS),
    ).toMatchObject({ outcome: 'refuse', code: 'FORBIDDEN' });
  });
});
