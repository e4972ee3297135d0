import { Injectable } from '@nestjs/common';
import { Prisma, PrismaService, PlainSql, type Tx } from '@app/db';
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

/** Ids are UUIDs: anything else names no audit (and would not cast to uuid). */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

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
  constructor(
    private readonly prisma: PrismaService,
    private readonly sql: PlainSql,
  ) {}

  async require(auth: AuthContext, auditId: string, minimum: AuditRole = AuditRole.VIEWER): Promise<AuditAccess> {
    // One statement (the audit and the caller's membership joined) on the PlainSql: every
    // audit route runs it first, and Prisma reads a relation with a query of its own.
    const [audit] = UUID.test(auditId)
      ? await this.sql.rows<{ id: string; deadlineTimeZone: string; responseDeadline: Date; role: AuditRole | null }>(
          Prisma.sql`SELECT a.id::text AS id, a.deadline_time_zone AS "deadlineTimeZone", a.response_deadline AS "responseDeadline",
                 m.role::text AS role
            FROM audits a LEFT JOIN audit_members m ON m.audit_id = a.id AND m.user_id = ${auth.user.id}::uuid
           WHERE a.id = ${auditId}::uuid`,
        )
      : [];
    const role = audit ? effectiveRole({ userId: auth.user.id, orgRole: auth.user.orgRole, role: audit.role }) : null;
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

  /**
   * The audit roles of those of `userIds` who are members with an active account (others are
   * absent from the map): work is never given to someone whose account is deactivated.
   */
  async memberRoles(db: Tx, auditId: string, userIds: readonly string[]): Promise<Map<string, AuditRole>> {
    if (userIds.length === 0) return new Map();
    const members = await db.auditMember.findMany({
      where: { auditId, userId: { in: [...new Set(userIds)] }, user: { active: true } },
      select: { userId: true, role: true },
    });
    return new Map(members.map((m) => [m.userId, m.role]));
  }
}
