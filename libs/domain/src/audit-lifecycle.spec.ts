import { canMoveAudit, decideAuditMove, isReopening } from './audit-lifecycle';
import { AuditStatus as A } from './enums';

describe('canMoveAudit', () => {
  it('follows draft, open, submitted, closed, and allows reopening', () => {
    expect(canMoveAudit(A.DRAFT, A.OPEN)).toBe(true);
    expect(canMoveAudit(A.OPEN, A.SUBMITTED)).toBe(true);
    expect(canMoveAudit(A.SUBMITTED, A.CLOSED)).toBe(true);
    expect(canMoveAudit(A.SUBMITTED, A.OPEN)).toBe(true);
    expect(canMoveAudit(A.CLOSED, A.OPEN)).toBe(true);
  });

  it('refuses skipping straight from draft to submitted', () => {
    expect(canMoveAudit(A.DRAFT, A.SUBMITTED)).toBe(false);
    expect(canMoveAudit(A.CLOSED, A.SUBMITTED)).toBe(false);
  });

  it('calls only a move back to OPEN from SUBMITTED or CLOSED a reopening', () => {
    expect(isReopening(A.SUBMITTED, A.OPEN)).toBe(true);
    expect(isReopening(A.CLOSED, A.OPEN)).toBe(true);
    expect(isReopening(A.DRAFT, A.OPEN)).toBe(false);
  });
});

describe('decideAuditMove', () => {
  const today = '2023-06-07';
  const open = { status: A.OPEN, submittedAt: null, receivedOn: '2023-05-18' };
  const submitted = { status: A.SUBMITTED, submittedAt: '2023-06-05', receivedOn: '2023-05-18' };

  it('submits on the day given, or today in the audit zone when none is given', () => {
    expect(decideAuditMove(open, { to: A.SUBMITTED, submittedAt: '2023-06-06', today })).toEqual({
      allowed: true,
      status: A.SUBMITTED,
      submittedAt: '2023-06-06',
      reason: null,
    });
    expect(decideAuditMove(open, { to: A.SUBMITTED, today })).toMatchObject({ allowed: true, submittedAt: today });
  });

  it('refuses a submission day in the future or before the demand was received', () => {
    expect(decideAuditMove(open, { to: A.SUBMITTED, submittedAt: '2023-06-08', today })).toMatchObject({
      allowed: false,
      field: 'submittedAt',
      message: 'submittedAt 2023-06-08 is in the future (today is 2023-06-07).',
    });
    expect(decideAuditMove(open, { to: A.SUBMITTED, submittedAt: '2023-05-17', today })).toMatchObject({
      allowed: false,
      field: 'submittedAt',
    });
  });

  it('keeps the submission day when a submitted audit is closed', () => {
    expect(decideAuditMove(submitted, { to: A.CLOSED, today })).toMatchObject({
      allowed: true,
      status: A.CLOSED,
      submittedAt: '2023-06-05',
    });
  });

  it('needs a reason to reopen, and clears the submission day when reopening', () => {
    expect(decideAuditMove(submitted, { to: A.OPEN, today })).toEqual({
      allowed: false,
      field: 'reason',
      message: 'Give a reason to reopen an audit that is SUBMITTED.',
    });
    expect(decideAuditMove(submitted, { to: A.OPEN, reason: '   ', today })).toMatchObject({ field: 'reason' });
    expect(decideAuditMove(submitted, { to: A.OPEN, reason: ' Follow-up request 2 ', today })).toEqual({
      allowed: true,
      status: A.OPEN,
      submittedAt: null,
      reason: 'Follow-up request 2',
    });
  });

  it('lets the day of a submitted audit be corrected, but not be set on an audit never submitted', () => {
    expect(decideAuditMove(submitted, { submittedAt: '2023-06-04', today })).toMatchObject({
      allowed: true,
      status: A.SUBMITTED,
      submittedAt: '2023-06-04',
    });
    expect(decideAuditMove(open, { submittedAt: '2023-06-04', today })).toMatchObject({
      allowed: false,
      field: 'submittedAt',
    });
    expect(decideAuditMove(open, { to: A.CLOSED, submittedAt: '2023-06-04', today })).toMatchObject({
      allowed: false,
      field: 'submittedAt',
    });
  });

  it('refuses a move the lifecycle does not allow', () => {
    expect(decideAuditMove({ ...open, status: A.DRAFT }, { to: A.SUBMITTED, today })).toEqual({
      allowed: false,
      field: 'status',
      message: 'An audit cannot move from DRAFT to SUBMITTED.',
    });
  });
});
