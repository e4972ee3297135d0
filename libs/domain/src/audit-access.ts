import { AuditRole, OrgRole } from './enums';

// What each audit role may do. An org ADMIN acts as lead counsel on every audit.

const RANK: Record<AuditRole, number> = {
  [AuditRole.VIEWER]: 0,
  [AuditRole.CONTRIBUTOR]: 1,
  [AuditRole.COUNSEL]: 2,
  [AuditRole.LEAD_COUNSEL]: 3,
};

export interface AuditActor {
  userId: string;
  /** The role in this audit; null when the user is not a member. */
  role: AuditRole | null;
  orgRole: OrgRole;
}

/** The role the actor effectively holds in the audit, or null when they may not see it. */
export function effectiveRole(actor: AuditActor): AuditRole | null {
  if (actor.orgRole === OrgRole.ADMIN) return AuditRole.LEAD_COUNSEL;
  return actor.role;
}

export function hasAtLeast(role: AuditRole | null, minimum: AuditRole): boolean {
  return role !== null && RANK[role] >= RANK[minimum];
}

export const isCounsel = (role: AuditRole | null) => hasAtLeast(role, AuditRole.COUNSEL);

/** Who may be named assignee or reviewer of a response: any member who can write. */
export const canOwnWork = (role: AuditRole | null) => hasAtLeast(role, AuditRole.CONTRIBUTOR);

/**
 * Why a user cannot be named to do work in an audit, or null when they can. `role` is their
 * role in the audit (null: not a member, or a member whose account is deactivated, who can no
 * longer log in to do it); `field` names the field that names them.
 */
export function workingMemberProblem(role: AuditRole | null, field: string): string | null {
  if (role === null) return `${field} must be a member of this audit whose account is active.`;
  if (!canOwnWork(role)) return `${field} must be a member who can write (a viewer cannot).`;
  return null;
}
