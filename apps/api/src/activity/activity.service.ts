import { Injectable } from '@nestjs/common';
import type { Changes } from '@app/activity';
import { PrismaService, type Prisma } from '@app/db';
import { pageMeta, skipTake } from '../common/pagination.dto';
import type { AuthContext } from '../auth/auth-context';
import { AuditAccessService } from '../access/audit-access.service';
import {
  type ActivityContext,
  type ActivityEventRow,
  activityInclude,
  idsInChanges,
  isUuid,
  mapActivityEvent,
  responseIdOf,
} from './activity.mapper';
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
    const context = await this.context(auditId, rows);
    return { ...pageMeta(query, total), items: rows.map((row) => mapActivityEvent(row, context)) };
  }

  /**
   * The subjects, requests and people a page of events points to by id, read in four queries
   * (within this audit only), so each line can say what it is about in names.
   */
  private async context(auditId: string, rows: ActivityEventRow[]): Promise<ActivityContext> {
    const idsOf = (type: string) => rows.filter((r) => r.entityType === type).map((r) => r.entityId);
    const responseIds = rows.map(responseIdOf).filter((id): id is string => id !== null);
    const ids = [...new Set(rows.flatMap((r) => idsInChanges(r.changes as Changes | null)))];
    const refs = { subject: { select: { id: true, name: true } }, request: { select: refSelect } };
    const [responses, subjects, requests, people] = await Promise.all([
      this.prisma.response.findMany({
        where: { auditId, id: { in: uuids(responseIds) } },
        select: { id: true, ...refs },
      }),
      this.prisma.subject.findMany({
        where: { auditId, id: { in: uuids(idsOf('subject')) } },
        select: { id: true, name: true },
      }),
      this.prisma.auditRequest.findMany({
        where: { auditId, id: { in: uuids([...idsOf('request'), ...idsOf('disposition')]) } },
        select: refSelect,
      }),
      this.prisma.user.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } }),
    ]);
    return {
      responses: new Map(responses.map((r) => [r.id, { subject: r.subject, request: r.request }])),
      subjects: new Map(subjects.map((s) => [s.id, s])),
      requests: new Map(requests.map((r) => [r.id, r])),
      people: new Map(people.map((p) => [p.id, p])),
    };
  }
}

const refSelect = { id: true, ordinal: true, title: true } as const;

/** Entity ids are text: only uuids are looked up as rows. */
const uuids = (ids: string[]) => [...new Set(ids)].filter(isUuid);
