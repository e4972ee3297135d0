import { Injectable } from '@nestjs/common';
import { PrismaService, type Prisma } from '@app/db';
import type { ActivityAction, ActivityEntityType, Changes } from '@app/activity';
import { pageMeta, skipTake } from '../common/pagination.dto';
import type { AuthContext } from '../auth/auth-context';
import { AuditAccessService } from '../access/audit-access.service';
import type { ActivityPageDto, ActivityQueryDto } from './activity.dto';

@Injectable()
export class ActivityService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly access: AuditAccessService,
  ) {}

  /** The audit's history, newest first. */
  async list(auth: AuthContext, auditId: string, query: ActivityQueryDto): Promise<ActivityPageDto> {
    await this.access.require(auth, auditId);
    const where: Prisma.ActivityEventWhereInput = {
      auditId,
      ...(query.entityType && { entityType: query.entityType }),
      ...(query.entityId && { entityId: query.entityId }),
      ...(query.action && { action: query.action }),
      ...(query.actorId && { actorId: query.actorId }),
    };
    const [total, rows] = await Promise.all([
      this.prisma.activityEvent.count({ where }),
      this.prisma.activityEvent.findMany({
        where,
        include: { actor: { select: { id: true, name: true } } },
        orderBy: { id: 'desc' },
        ...skipTake(query),
      }),
    ]);
    const items = rows.map((e) => ({
      id: e.id.toString(),
      occurredAt: e.occurredAt,
      actor: e.actor,
      // Stored as text, but written only by recordActivity, which takes catalog words alone.
      entityType: e.entityType as ActivityEntityType,
      entityId: e.entityId,
      action: e.action as ActivityAction,
      changes: (e.changes as Changes | null) ?? null,
    }));
    return { ...pageMeta(query, total), items };
  }
}
