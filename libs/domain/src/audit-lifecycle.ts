import { AuditStatus as A, type AuditStatus } from './enums';

// An audit is drafted, opened for work, submitted to the demanding party and closed.
// A submitted audit can be reopened (a follow-up request); a closed one can be reopened too.
const AUDIT_TRANSITIONS: Record<AuditStatus, readonly AuditStatus[]> = {
  [A.DRAFT]: [A.OPEN, A.CLOSED],
  [A.OPEN]: [A.SUBMITTED, A.CLOSED],
  [A.SUBMITTED]: [A.OPEN, A.CLOSED],
  [A.CLOSED]: [A.OPEN],
};

export const canMoveAudit = (from: AuditStatus, to: AuditStatus): boolean =>
  from === to || AUDIT_TRANSITIONS[from].includes(to);
