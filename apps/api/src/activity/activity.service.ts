import { Injectable } from '@nestjs/common';
import type { Changes } from '@app/activity';
import { Prisma, PlainSql } from '@app/db';
import type { UserRefDto } from '../common/user-ref.dto';
import type { RequestRefDto, SubjectRefDto } from '../responses/dto/response.dto';
import { pageMeta, skipTake } from '../common/pagination.dto';
import type { AuthContext } from '../auth/auth-context';
import { AuditAccessService } from '../access/audit-access.service';
import {
  type ActivityContext,
  type ActivityEventRow,
  idsInChanges,
  isUuid,
  mapActivityEvent,
  responseIdOf,
} from './activity.mapper';
import type { ActivityPageDto, ActivityQueryDto } from './dto/activity.dto';

@Injectable()
export class ActivityService {
  constructor(
    private readonly sql: PlainSql,
    private readonly access: AuditAccessService,
  ) {}

  /** The audit's history, newest first. */
  async list(auth: AuthContext, auditId: string, query: ActivityQueryDto): Promise<ActivityPageDto> {
    await this.access.require(auth, auditId);
    // On the PlainSql: a page of events with its total and actors in one statement, what they
    // point to in another (Prisma spent seven, each at four times the driver's CPU).
    const where = [Prisma.sql`e.audit_id = ${auditId}::uuid`];
    if (query.entityType) where.push(Prisma.sql`e.entity_type = ${query.entityType}`);
    if (query.entityId) where.push(Prisma.sql`e.entity_id = ${query.entityId}`);
    if (query.action) where.push(Prisma.sql`e.action = ${query.action}`);
    if (query.actorId) where.push(Prisma.sql`e.actor_id = ${query.actorId}::uuid`);
    const { skip, take } = skipTake(query);
    const found = await this.sql.rows<EventSqlRow>(Prisma.sql`
      SELECT e.id::text AS id, e.occurred_at AS "occurredAt", e.actor_id::text AS "actorId", e.audit_id::text AS "auditId",
             e.entity_type AS "entityType", e.entity_id AS "entityId", e.action, e.changes, u.name AS "actorName",
             count(*) OVER ()::int AS total
        FROM activity_events e LEFT JOIN users u ON u.id = e.actor_id
       WHERE ${Prisma.join(where, ' AND ')}
       ORDER BY e.id DESC
       LIMIT ${take} OFFSET ${skip}`);
    // A page past the end has no row to carry the total: counted on its own then.
    const total =
      found[0]?.total ??
      (skip === 0
        ? 0
        : (
            await this.sql.rows<{ total: number }>(
              Prisma.sql`SELECT count(*)::int AS total FROM activity_events e WHERE ${Prisma.join(where, ' AND ')}`,
            )
          )[0].total);
    const rows: ActivityEventRow[] = found.map(({ actorName, total: _total, ...e }) => ({
      ...e,
      id: BigInt(e.id),
      actor: e.actorId && actorName !== null ? { id: e.actorId, name: actorName } : null,
    }));
    const context = await this.context(auditId, rows);
    return { ...pageMeta(query, total), items: rows.map((row) => mapActivityEvent(row, context)) };
  }

  /**
   * The subjects, requests and people a page of events points to by id, read in one statement
   * (within this audit only), so each line can say what it is about in names.
   */
  private async context(auditId: string, rows: ActivityEventRow[]): Promise<ActivityContext> {
    const idsOf = (type: string) => rows.filter((r) => r.entityType === type).map((r) => r.entityId);
    const responseIds = rows.map(responseIdOf).filter((id): id is string => id !== null);
    const ids = [...new Set(rows.flatMap((r) => idsInChanges(r.changes as Changes | null)))];
    const [lists] = await this.sql.rows<{
      responses: { id: string; subject: SubjectRefDto; request: RequestRefDto }[] | null;
      subjects: SubjectRefDto[] | null;
      requests: RequestRefDto[] | null;
      people: UserRefDto[] | null;
    }>(Prisma.sql`
      SELECT
        (SELECT json_agg(json_build_object('id', r.id, 'subject', json_build_object('id', s.id, 'name', s.name),
                                           'request', json_build_object('id', q.id, 'ordinal', q.ordinal, 'title', q.title)))
           FROM responses r JOIN subjects s ON s.id = r.subject_id JOIN requests q ON q.id = r.request_id
          WHERE r.audit_id = ${auditId}::uuid AND r.id = ANY(${uuids(responseIds)}::uuid[])) AS responses,
        (SELECT json_agg(json_build_object('id', id, 'name', name)) FROM subjects
          WHERE audit_id = ${auditId}::uuid AND id = ANY(${uuids(idsOf('subject'))}::uuid[])) AS subjects,
        (SELECT json_agg(json_build_object('id', id, 'ordinal', ordinal, 'title', title)) FROM requests
          WHERE audit_id = ${auditId}::uuid
            AND id = ANY(${uuids([...idsOf('request'), ...idsOf('disposition')])}::uuid[])) AS requests,
        (SELECT json_agg(json_build_object('id', id, 'name', name)) FROM users
          WHERE id = ANY(${ids}::uuid[])) AS people`);
    return {
      responses: new Map((lists.responses ?? []).map((r) => [r.id, { subject: r.subject, request: r.request }])),
      subjects: new Map((lists.subjects ?? []).map((s) => [s.id, s])),
      requests: new Map((lists.requests ?? []).map((r) => [r.id, r])),
      people: new Map((lists.people ?? []).map((p) => [p.id, p])),
    };
  }
}

interface EventSqlRow {
  id: string;
  occurredAt: Date;
  actorId: string | null;
  auditId: string | null;
  entityType: string;
  entityId: string;
  action: string;
  changes: Prisma.JsonValue;
  actorName: string | null;
  total: number;
}

/** Entity ids are text: only uuids are looked up as rows. */
const uuids = (ids: string[]) => [...new Set(ids)].filter(isUuid);
