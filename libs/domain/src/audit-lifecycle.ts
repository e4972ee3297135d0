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

/** A move back to OPEN from SUBMITTED or CLOSED: it needs a reason, kept in the activity log. */
export const isReopening = (from: AuditStatus, to: AuditStatus): boolean =>
  to === A.OPEN && (from === A.SUBMITTED || from === A.CLOSED);

export interface AuditMoveInput {
  status: AuditStatus;
  /** The audit's submission day now (YYYY-MM-DD), or null. */
  submittedAt: string | null;
  /** The day the demand was received (YYYY-MM-DD): nothing is submitted before it. */
  receivedOn: string;
}

export interface AuditMoveRequest {
  /** The status asked for; undefined leaves it as it is. */
  to?: AuditStatus;
  /** The submission day given by the caller (YYYY-MM-DD). */
  submittedAt?: string;
  /** Why the audit is reopened. */
  reason?: string;
  /** Today in the audit's deadline zone (YYYY-MM-DD): the default submission day. */
  today: string;
}

export type AuditMoveDecision =
  | { allowed: true; status: AuditStatus; submittedAt: string | null; reason: string | null }
  | { allowed: false; field: 'status' | 'submittedAt' | 'reason'; message: string };

const refuse = (field: 'status' | 'submittedAt' | 'reason', message: string): AuditMoveDecision => ({
  allowed: false,
  field,
  message,
});

/**
 * The one place that decides an audit's status move and what it does to `submittedAt`:
 * - to SUBMITTED: `submittedAt` is the day given, or today in the audit's zone; never in the
 *   future, never before the demand was received;
 * - SUBMITTED -> CLOSED keeps it; a reopening (SUBMITTED or CLOSED -> OPEN) clears it and
 *   needs a reason (the earlier day stays in the activity log);
 * - while SUBMITTED (or CLOSED after a submission) the day can be corrected on its own;
 *   on any other status giving one is refused.
 */
export function decideAuditMove(current: AuditMoveInput, request: AuditMoveRequest): AuditMoveDecision {
  const to = request.to ?? current.status;
  const moving = to !== current.status;
  if (moving && !canMoveAudit(current.status, to)) {
    return refuse('status', `An audit cannot move from ${current.status} to ${to}.`);
  }
  const checkDay = (day: string): AuditMoveDecision | null => {
    if (day > request.today)
      return refuse('submittedAt', `submittedAt ${day} is in the future (today is ${request.today}).`);
    if (day < current.receivedOn)
      return refuse('submittedAt', `submittedAt ${day} is before the demand was received (${current.receivedOn}).`);
    return null;
  };
  const reason = request.reason?.trim() || null;
  if (moving && isReopening(current.status, to)) {
    if (!reason) return refuse('reason', `Give a reason to reopen an audit that is ${current.status}.`);
    if (request.submittedAt !== undefined)
      return refuse('submittedAt', 'A reopened audit is not submitted: leave submittedAt out.');
    return { allowed: true, status: to, submittedAt: null, reason };
  }
  if (moving && to === A.SUBMITTED) {
    const day = request.submittedAt ?? request.today;
    return checkDay(day) ?? { allowed: true, status: to, submittedAt: day, reason };
  }
  if (request.submittedAt !== undefined) {
    const correcting = to === A.SUBMITTED || (to === A.CLOSED && current.submittedAt !== null);
    if (!correcting)
      return refuse(
        'submittedAt',
        'submittedAt is set by moving the audit to SUBMITTED; this audit has not been submitted.',
      );
    return checkDay(request.submittedAt) ?? { allowed: true, status: to, submittedAt: request.submittedAt, reason };
  }
  return { allowed: true, status: to, submittedAt: current.submittedAt, reason };
}
