import { Injectable } from '@nestjs/common';
import { PrismaService, type Prisma } from '@app/db';
import { pageMeta, skipTake } from '../common/pagination.dto';
import type { AuthContext } from '../auth/auth-context';
import { AuditAccessService } from '../access/audit-access.service';
import { activityInclude, mapActivityEvent } from './activity.mapper';
import type { ActivityPageDto, ActivityQueryDto } from './dto/activity.dto';

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
        include: activityInclude,
        orderBy: { id: 'desc' },
        ...skipTake(query),
      }),
    ]);
    return { ...pageMeta(query, total), items: rows.map(mapActivityEvent) };
  }
}
