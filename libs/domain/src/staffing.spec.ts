import { AuditRole, ResponseStatus as S } from './enums';
import type { MemberRoles, ResponseState } from './response-workflow';
import { decideOwnerHandover, decideStaffing } from './staffing';

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
      reason: 'The assignee chosen is not a member of this audit, or their account is deactivated.',
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

describe('decideOwnerHandover', () => {
  // Ann owned the subject; Cat owns it now.
  const handover = (over: Partial<ResponseState>) => decideOwnerHandover(state(over), 'ann', 'cat', COUNSEL, MEMBERS);

  it("gives the new owner the open responses that were nobody's or still the previous owner's", () => {
    for (const over of [{ assigneeId: null }, { assigneeId: 'ann', status: S.CHANGES_REQUESTED }]) {
      expect(handover(over)).toMatchObject({ outcome: 'apply', change: { assigneeId: 'cat' } });
    }
  });

  it('leaves done responses and those assigned by hand to someone else as they are', () => {
    expect(handover({ status: S.APPROVED, answer: 'Yes' })).toEqual({ outcome: 'unchanged' });
    expect(handover({ status: S.NOT_APPLICABLE, assigneeId: null })).toEqual({ outcome: 'unchanged' });
    expect(handover({ assigneeId: 'rob', reviewerId: null })).toEqual({ outcome: 'unchanged' });
  });

  it('refuses a response the new owner reviews: its reviewer cannot also be its assignee', () => {
    expect(handover({ reviewerId: 'cat' })).toMatchObject({ outcome: 'refuse', code: 'REVIEWER_IS_ASSIGNEE' });
  });

  it('takes over unassigned open responses when the subject had no owner before', () => {
    expect(decideOwnerHandover(state({ assigneeId: null }), null, 'cat', COUNSEL, MEMBERS)).toMatchObject({
      outcome: 'apply',
    });
    expect(decideOwnerHandover(state(), null, 'cat', COUNSEL, MEMBERS)).toEqual({ outcome: 'unchanged' });
  });
});
