import { canMoveAudit } from './audit-lifecycle';
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
});
