import { Prisma, type ResponseStatus, type PlainSql } from '@app/db';
import { calendarDate, DONE_STATUSES, formatCalendarDate, todayIn } from '@app/domain';
import type { ResponseQueryDto } from './dto/response.dto';
import { type Deadline, responseDetailInclude, responseInclude } from './response.mapper';

type ResponseRow = Prisma.ResponseGetPayload<{ include: typeof responseInclude }>;
type ResponseDetailRow = Prisma.ResponseGetPayload<{ include: typeof responseDetailInclude }>;

/**
 * A page of the grid in one statement: the rows with their subject, request, people and comment
 * count joined, and the filtered total alongside. Prisma would read each relation with a query
 * of its own (seven statements and a count for one page), and the grid is the most-read route;
 * it runs on the PlainSql, which costs a quarter of Prisma's CPU per statement.
 * What it returns is the row `mapResponse` takes from `findMany({ include: responseInclude })`.
 */
export async function readGridPage(
  sql: PlainSql,
  auditId: string,
  filter: Omit<ResponseQueryDto, 'page' | 'pageSize'> & { assigneeId?: string },
  deadline: Deadline,
  page: { skip: number; take: number },
): Promise<{ total: number; rows: ResponseRow[] }> {
  const where = [Prisma.sql`r.audit_id = ${auditId}::uuid`];
  if (filter.subjectId) where.push(Prisma.sql`r.subject_id = ${filter.subjectId}::uuid`);
  if (filter.requestId) where.push(Prisma.sql`r.request_id = ${filter.requestId}::uuid`);
  if (filter.status?.length) where.push(Prisma.sql`r.status::text IN (${Prisma.join(filter.status)})`);
  if (filter.assigneeId) where.push(Prisma.sql`r.assignee_id = ${filter.assigneeId}::uuid`);
  if (filter.overdue !== undefined) where.push(overdueCondition(deadline, filter.overdue));
  const rows = await sql.rows<GridRow>(Prisma.sql`
    SELECT ${GRID_COLUMNS},
           count(*) OVER ()::int AS total
      ${GRID_JOINS}
     WHERE ${Prisma.join(where, ' AND ')}
     ORDER BY s.position ASC, s.name ASC, q.ordinal ASC
     LIMIT ${page.take} OFFSET ${page.skip}`);
  // A page past the end has no row to carry the total: counted on its own then.
  const total =
    rows[0]?.total ??
    (page.skip === 0
      ? 0
      : (
          await sql.rows<{ total: number }>(
            Prisma.sql`SELECT count(*)::int AS total FROM responses r WHERE ${Prisma.join(where, ' AND ')}`,
          )
        )[0].total);
  return { total, rows: rows.map(toResponseRow) };
}

/** The response's latest `status_changed` event, as the status note is read from it. */
export interface StatusMove {
  changes: Prisma.JsonValue;
  occurredAt: Date;
  actor: { id: string; name: string } | null;
}

/**
 * One response as `findFirst({ include: responseDetailInclude })` gives it, with its latest
 * status move (what `statusNoteOf` reads the status note from), in one statement on the
 * PlainSql (Prisma spent eight, and two more for the status note); null when it is not in the
 * audit.
 */
export async function readResponseDetail(
  sql: PlainSql,
  auditId: string,
  responseId: string,
): Promise<{ detail: ResponseDetailRow; statusMove: StatusMove | null } | null> {
  // The move is found as the status note's Prisma read finds it (newest event of this entity
  // with that action, by id), on the (entity_type, entity_id, id) index.
  const [r] = await sql.rows<DetailRow>(Prisma.sql`
    SELECT ${GRID_COLUMNS}, q.text AS "requestText", o.id::text AS "ownerId", o.name AS "ownerName",
           p2.id::text AS "provisionId", p2.audit_id::text AS "provisionAuditId", p2.reference AS "provisionReference",
           p2.title AS "provisionTitle", p2.text AS "provisionText", p2.position AS "provisionPosition",
           p2.created_at AS "provisionCreatedAt", p2.updated_at AS "provisionUpdatedAt",
           f.fields AS "formFields", f.version AS "formVersion",
           m.id IS NOT NULL AS "moveFound", m.changes AS "moveChanges", m.occurred_at AS "moveAt",
           m.actor_id::text AS "moveActorId", mu.name AS "moveActorName"
      ${GRID_JOINS}
      LEFT JOIN users o ON o.id = s.owner_id
      LEFT JOIN provisions p2 ON p2.id = q.provision_id
      LEFT JOIN request_forms f ON f.request_id = q.id
      LEFT JOIN LATERAL (
             SELECT e.id, e.changes, e.occurred_at, e.actor_id
               FROM activity_events e
              WHERE e.audit_id = r.audit_id AND e.entity_type = 'response' AND e.entity_id = r.id::text
                AND e.action = 'status_changed'
              ORDER BY e.id DESC
              LIMIT 1) m ON true
      LEFT JOIN users mu ON mu.id = m.actor_id
     WHERE r.id = ${responseId}::uuid AND r.audit_id = ${auditId}::uuid`);
  if (!r) return null;
  const row = toResponseRow(r);
  const statusMove = r.moveFound
    ? { changes: r.moveChanges, occurredAt: r.moveAt!, actor: person(r.moveActorId, r.moveActorName) }
    : null;
  return { detail: detailOf(r, row), statusMove };
}

function detailOf(r: DetailRow, row: ResponseRow): ResponseDetailRow {
  return {
    ...row,
    subject: { ...row.subject, owner: person(r.ownerId, r.ownerName) },
    request: {
      ...row.request,
      text: r.requestText,
      provision: r.provisionId
        ? {
            id: r.provisionId,
            auditId: r.provisionAuditId!,
            reference: r.provisionReference!,
            title: r.provisionTitle!,
            text: r.provisionText,
            position: r.provisionPosition,
            createdAt: r.provisionCreatedAt!,
            updatedAt: r.provisionUpdatedAt!,
          }
        : null,
      form: r.formVersion !== null ? { fields: r.formFields, version: r.formVersion } : null,
    },
  };
}

/** isOverdue from @app/domain as SQL: open, and past the deadline or past its due day. */
function overdueCondition(deadline: Deadline, overdue: boolean): Prisma.Sql {
  const today = formatCalendarDate(calendarDate(todayIn(deadline.zone, deadline.now)));
  const deadlinePassed = deadline.now > deadline.at;
  const done = Prisma.sql`r.status::text IN (${Prisma.join([...DONE_STATUSES])})`;
  if (overdue)
    return deadlinePassed ? Prisma.sql`NOT ${done}` : Prisma.sql`(NOT ${done} AND r.due_date < ${today}::date)`;
  // Written out rather than NOT(...): SQL's NOT of a comparison with NULL drops undated rows.
  if (deadlinePassed) return done;
  return Prisma.sql`(${done} OR r.due_date IS NULL OR r.due_date >= ${today}::date)`;
}

/** The columns of a grid row (mapResponse's), over GRID_JOINS. */
const GRID_COLUMNS = Prisma.sql`
  r.id::text AS id, r.audit_id::text AS "auditId", r.subject_id::text AS "subjectId",
  r.request_id::text AS "requestId", r.status::text AS status, r.assignee_id::text AS "assigneeId",
  r.reviewer_id::text AS "reviewerId", to_char(r.due_date, 'YYYY-MM-DD') AS "dueDate", r.answer,
  r.answered_by_id::text AS "answeredById", r.version, r.approved_at AS "approvedAt",
  r.approved_by_id::text AS "approvedById", r.form_values AS "formValues",
  r.created_at AS "createdAt", r.updated_at AS "updatedAt",
  s.name AS "subjectName", q.ordinal AS "requestOrdinal", q.title AS "requestTitle",
  a.name AS "assigneeName", v.name AS "reviewerName", p.name AS "approvedByName",
  (SELECT count(*)::int FROM comments c WHERE c.response_id = r.id) AS "commentCount"`;

const GRID_JOINS = Prisma.sql`
  FROM responses r
  JOIN subjects s ON s.id = r.subject_id
  JOIN requests q ON q.id = r.request_id
  LEFT JOIN users a ON a.id = r.assignee_id
  LEFT JOIN users v ON v.id = r.reviewer_id
  LEFT JOIN users p ON p.id = r.approved_by_id`;

interface DetailRow extends GridRow {
  requestText: string;
  ownerId: string | null;
  ownerName: string | null;
  provisionId: string | null;
  provisionAuditId: string | null;
  provisionReference: string | null;
  provisionTitle: string | null;
  provisionText: string | null;
  provisionPosition: number | null;
  provisionCreatedAt: Date | null;
  provisionUpdatedAt: Date | null;
  formFields: Prisma.JsonValue;
  formVersion: number | null;
  moveFound: boolean;
  moveChanges: Prisma.JsonValue;
  moveAt: Date | null;
  moveActorId: string | null;
  moveActorName: string | null;
}

interface GridRow {
  id: string;
  auditId: string;
  subjectId: string;
  requestId: string;
  status: ResponseStatus;
  assigneeId: string | null;
  reviewerId: string | null;
  dueDate: string | null;
  answer: string | null;
  answeredById: string | null;
  version: number;
  approvedAt: Date | null;
  approvedById: string | null;
  formValues: Prisma.JsonValue;
  createdAt: Date;
  updatedAt: Date;
  subjectName: string;
  requestOrdinal: number;
  requestTitle: string;
  assigneeName: string | null;
  reviewerName: string | null;
  approvedByName: string | null;
  commentCount: number;
  total?: number;
}

const person = (id: string | null, name: string | null) => (id && name !== null ? { id, name } : null);

function toResponseRow(r: GridRow): ResponseRow {
  return {
    id: r.id,
    auditId: r.auditId,
    subjectId: r.subjectId,
    requestId: r.requestId,
    status: r.status,
    assigneeId: r.assigneeId,
    reviewerId: r.reviewerId,
    dueDate: r.dueDate ? calendarDate(r.dueDate) : null,
    answer: r.answer,
    answeredById: r.answeredById,
    version: r.version,
    approvedAt: r.approvedAt,
    approvedById: r.approvedById,
    formValues: r.formValues,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    subject: { id: r.subjectId, name: r.subjectName },
    request: { id: r.requestId, ordinal: r.requestOrdinal, title: r.requestTitle },
    assignee: person(r.assigneeId, r.assigneeName),
    reviewer: person(r.reviewerId, r.reviewerName),
    approvedBy: person(r.approvedById, r.approvedByName),
    _count: { comments: r.commentCount },
  };
}
