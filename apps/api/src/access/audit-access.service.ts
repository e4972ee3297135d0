import { Injectable } from '@nestjs/common';
import { PrismaService, type Tx } from '@app/db';
import { AuditRole, effectiveRole, hasAtLeast, workingMemberProblem } from '@app/domain';
import { AppError } from '../common/app-error';
import type { AuthContext } from '../auth/auth-context';

export interface AuditAccess {
  auditId: string;
  /** Effective role (an org ADMIN counts as lead counsel). */
  role: AuditRole;
  deadlineTimeZone: string;
  responseDeadline: Date;
}

const WHAT_NEEDS: Record<AuditRole, string> = {
  LEAD_COUNSEL: 'lead counsel',
  COUNSEL: 'counsel',
  CONTRIBUTOR: 'a contributor',
  VIEWER: 'a member',
};

/**
 * Membership gate for everything under /api/audits/:auditId. A non-member gets the same
 * 404 as for an audit that does not exist, so audit ids leak nothing.
 */
@Injectable()
export class AuditAccessService {
  constructor(private readonly prisma: PrismaService) {}

  async require(auth: AuthContext, auditId: string, minimum: AuditRole = AuditRole.VIEWER): Promise<AuditAccess> {
    const audit = await this.prisma.audit.findUnique({
      where: { id: auditId },
      select: {
        id: true,
        deadlineTimeZone: true,
        responseDeadline: true,
        members: { where: { userId: auth.user.id }, select: { role: true } },
      },
    });
    const role = audit
      ? effectiveRole({ userId: auth.user.id, orgRole: auth.user.orgRole, role: audit.members[0]?.role ?? null })
      : null;
    if (!audit || !role) throw AppError.notFound('Audit');
    if (!hasAtLeast(role, minimum)) {
      throw AppError.forbidden(
        `This needs the role of ${WHAT_NEEDS[minimum]} or higher in this audit; you are ${role}.`,
      );
    }
    return {
      auditId: audit.id,
      role,
      deadlineTimeZone: audit.deadlineTimeZone,
      responseDeadline: audit.responseDeadline,
    };
  }

  /** Whether the user is counsel or lead counsel of at least one audit (org-level rules read it). */
  async counselSomewhere(userId: string, db: Tx | PrismaService = this.prisma): Promise<boolean> {
    const count = await db.auditMember.count({
      where: { userId, role: { in: [AuditRole.COUNSEL, AuditRole.LEAD_COUNSEL] } },
    });
    return count > 0;
  }

  /** Checks that a user may hold work (assignee, reviewer, owner) in the audit. */
  async requireWorkingMember(db: Tx, auditId: string, userId: string, field: string): Promise<void> {
    const roles = await this.memberRoles(db, auditId, [userId]);
    const problem = workingMemberProblem(roles.get(userId) ?? null, field);
    if (problem) throw AppError.rule(problem, field);
  }

  /** The audit roles of those of `userIds` who are members (others are absent from the map). */
  async memberRoles(db: Tx, auditId: string, userIds: readonly string[]): Promise<Map<string, AuditRole>> {
    if (userIds.length === 0) return new Map();
    const members = await db.auditMember.findMany({
      where: { auditId, userId: { in: [...new Set(userIds)] } },
      select: { userId: true, role: true },
    });
    return new Map(members.map((m) => [m.userId, m.role]));
  }
}
