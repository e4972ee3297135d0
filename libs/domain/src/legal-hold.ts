// Legal hold: while an audit is on hold, nothing in it may be deleted (evidence, responses,
// subjects, requests, links, the audit itself). Every deleting path asks this one rule.

export interface LegalHoldState {
  legalHoldSince: Date | null;
  legalHoldReason: string | null;
}

export type DeletionDecision = { allowed: true } | { allowed: false; message: string };

/** May `what` (e.g. "this evidence") be deleted from an audit in this state? */
export function decideDeletionUnderHold(audit: LegalHoldState, what: string): DeletionDecision {
  if (!audit.legalHoldSince) return { allowed: true };
  const since = audit.legalHoldSince.toISOString();
  const reason = audit.legalHoldReason ? ` (reason: ${audit.legalHoldReason})` : '';
  return {
    allowed: false,
    message: `The audit is under legal hold since ${since}${reason}: ${what} cannot be deleted until lead counsel lifts the hold.`,
  };
}
