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
