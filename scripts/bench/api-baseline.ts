// The raw baseline of `npm run bench:api`: a plain node:http + pg server answering the four
// measured routes with the same JSON as the API, each from one SQL query after the same two
// checks (the bearer token looked up by its SHA-256, the caller's membership of the audit).
// No framework, no ORM, no validation beyond what the routes need: what the work costs when
// written by hand. Run as a child process by scripts/bench/api.ts (argv: port).
import http from 'node:http';
import pg from 'pg';
import { API_TOKEN_PREFIX, hashSecret } from '@app/accounts';
import { computeProgress, effectiveRole, formatCalendarDate, isOverdue, localDeadline, timeLeft } from '@app/domain';
import type { AuditRole, OrgRole, ResponseStatus } from '@app/domain';
import { idsInChanges, isUuid, responseIdOf } from '../../apps/api/src/activity/activity.mapper';
import type { Changes } from '@app/activity';
import type { Prisma } from '@app/db';

const LAST_USED_PRECISION_MS = 60_000;

// Dates come back as text and are turned into Dates here, as the API's Prisma client does.
pg.types.setTypeParser(1082, (v) => v); // date

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });

interface Caller {
  id: string;
  orgRole: OrgRole;
}

/** The bearer token's user, as the API's AuthGuard finds it (revoked, expired, inactive: none). */
async function caller(header: string | undefined): Promise<Caller | null> {
  const secret = /^Bearer\s+(\S+)$/i.exec(header ?? '')?.[1];
  if (!secret?.startsWith(API_TOKEN_PREFIX)) return null;
  const { rows } = await pool.query<{
    id: string;
    user_id: string;
    org_role: OrgRole;
    last_used_at: Date | null;
  }>(
    `SELECT t.id, t.user_id, u.org_role, t.last_used_at
       FROM api_tokens t JOIN users u ON u.id = t.user_id
      WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND u.active
        AND (t.expires_at IS NULL OR t.expires_at > now())`,
    [hashSecret(secret)],
  );
  const token = rows[0];
  if (!token) return null;
  if (!token.last_used_at || Date.now() - token.last_used_at.getTime() >= LAST_USED_PRECISION_MS)
    await pool.query('UPDATE api_tokens SET last_used_at = now() WHERE id = $1', [token.id]);
  return { id: token.user_id, orgRole: token.org_role };
}

interface Access {
  role: AuditRole | null;
  at: Date;
  zone: string;
}

/** The membership check: a non-member gets the same 404 as for no audit. */
async function access(user: Caller, auditId: string): Promise<Access | null> {
  const { rows } = await pool.query<{ response_deadline: Date; deadline_time_zone: string; role: AuditRole | null }>(
    `SELECT a.response_deadline, a.deadline_time_zone, m.role
       FROM audits a LEFT JOIN audit_members m ON m.audit_id = a.id AND m.user_id = $2
      WHERE a.id = $1`,
    [auditId, user.id],
  );
  const row = rows[0];
  const role = row ? effectiveRole({ userId: user.id, orgRole: user.orgRole, role: row.role }) : null;
  return row && role ? { role, at: row.response_deadline, zone: row.deadline_time_zone } : null;
}

const ref = (id: string | null, name: string | null) => (id ? { id, name } : null);
const day = (v: string | null) => (v ? new Date(`${v}T00:00:00.000Z`) : null);

const RESPONSE_COLUMNS = `
  r.id, r.status, r.due_date, r.answer, r.version, r.approved_at, r.updated_at,
  s.id AS subject_id, s.name AS subject_name, q.id AS request_id, q.ordinal, q.title,
  a.id AS assignee_id, a.name AS assignee_name, v.id AS reviewer_id, v.name AS reviewer_name,
  p.id AS approver_id, p.name AS approver_name,
  (SELECT count(*)::int FROM comments c WHERE c.response_id = r.id) AS comment_count`;
const RESPONSE_JOINS = `
  JOIN subjects s ON s.id = r.subject_id JOIN requests q ON q.id = r.request_id
  LEFT JOIN users a ON a.id = r.assignee_id LEFT JOIN users v ON v.id = r.reviewer_id
  LEFT JOIN users p ON p.id = r.approved_by_id`;

interface ResponseSqlRow {
  id: string;
  status: ResponseStatus;
  due_date: string | null;
  answer: string | null;
  version: number;
  approved_at: Date | null;
  updated_at: Date;
  subject_id: string;
  subject_name: string;
  request_id: string;
  ordinal: number;
  title: string;
  assignee_id: string | null;
  assignee_name: string | null;
  reviewer_id: string | null;
  reviewer_name: string | null;
  approver_id: string | null;
  approver_name: string | null;
  comment_count: number;
}

interface DetailSqlRow extends ResponseSqlRow {
  request_text: string;
  owner_id: string | null;
  owner_name: string | null;
  provision_id: string | null;
  provision_reference: string;
  provision_title: string;
  provision_text: string | null;
  form_values: Record<string, unknown> | null;
  form_fields: unknown[] | null;
  form_version: number | null;
  last_move: { changes: Changes | null; at: string; actor_id: string | null; actor_name: string } | null;
}

function responseJson(r: ResponseSqlRow, deadline: Access, now: Date) {
  const dueDate = day(r.due_date);
  return {
    id: r.id,
    subject: { id: r.subject_id, name: r.subject_name },
    request: { id: r.request_id, ordinal: r.ordinal, title: r.title },
    status: r.status,
    assignee: ref(r.assignee_id, r.assignee_name),
    reviewer: ref(r.reviewer_id, r.reviewer_name),
    dueDate: dueDate ? formatCalendarDate(dueDate) : null,
    answer: r.answer,
    version: r.version,
    overdue: isOverdue({ status: r.status, dueDate }, deadline.at, deadline.zone, now),
    approvedAt: r.approved_at,
    approvedBy: ref(r.approver_id, r.approver_name),
    commentCount: r.comment_count,
    updatedAt: r.updated_at,
  };
}

async function grid(auditId: string, a: Access, url: URL) {
  const pageSize = Math.min(500, Number(url.searchParams.get('pageSize') ?? 50));
  const page = Number(url.searchParams.get('page') ?? 1);
  const { rows } = await pool.query<ResponseSqlRow & { total: number }>(
    `SELECT ${RESPONSE_COLUMNS}, count(*) OVER ()::int AS total
       FROM responses r ${RESPONSE_JOINS}
      WHERE r.audit_id = $1
      ORDER BY s.position, s.name, q.ordinal
      LIMIT $2 OFFSET $3`,
    [auditId, pageSize, (page - 1) * pageSize],
  );
  const now = new Date();
  const total = rows[0]?.total ?? 0;
  return { page, pageSize, total, items: rows.map((r) => responseJson(r, a, now)) };
}

async function oneResponse(auditId: string, responseId: string, a: Access) {
  const { rows } = await pool.query<DetailSqlRow>(
    `SELECT ${RESPONSE_COLUMNS}, q.text AS request_text,
            o.id AS owner_id, o.name AS owner_name,
            pr.id AS provision_id, pr.reference AS provision_reference, pr.title AS provision_title,
            pr.text AS provision_text, r.form_values, f.fields AS form_fields, f.version AS form_version,
            (SELECT json_build_object('changes', e.changes, 'at', e.occurred_at, 'actor_id', u.id, 'actor_name', u.name)
               FROM activity_events e LEFT JOIN users u ON u.id = e.actor_id
              WHERE e.audit_id = r.audit_id AND e.entity_type = 'response' AND e.entity_id = r.id::text
                AND e.action = 'status_changed'
              ORDER BY e.id DESC LIMIT 1) AS last_move
       FROM responses r ${RESPONSE_JOINS}
       LEFT JOIN users o ON o.id = s.owner_id LEFT JOIN provisions pr ON pr.id = q.provision_id
       LEFT JOIN request_forms f ON f.request_id = q.id
      WHERE r.id = $1 AND r.audit_id = $2`,
    [responseId, auditId],
  );
  const r = rows[0];
  if (!r) return null;
  const move = r.last_move;
  const reason = move?.changes?.statusReason?.after;
  const statusNote =
    move && move.changes?.status?.after === r.status && typeof reason === 'string'
      ? { reason, by: ref(move.actor_id, move.actor_name), at: new Date(move.at) }
      : null;
  return {
    ...responseJson(r, a, new Date()),
    statusNote,
    requestText: r.request_text,
    provision: r.provision_id
      ? { id: r.provision_id, reference: r.provision_reference, title: r.provision_title, text: r.provision_text }
      : null,
    subjectOwner: ref(r.owner_id, r.owner_name),
    form: r.form_version !== null ? { fields: r.form_fields, version: r.form_version } : null,
    formValues: r.form_values,
  };
}

async function progress(auditId: string, a: Access) {
  const { rows } = await pool.query<{
    subjects: { id: string; name: string }[] | null;
    requests: { id: string; ordinal: number; title: string }[] | null;
    cells: { subjectId: string; requestId: string; status: ResponseStatus; dueDate: string | null }[] | null;
  }>(
    `SELECT
       (SELECT json_agg(json_build_object('id', id, 'name', name) ORDER BY position, name)
          FROM subjects WHERE audit_id = $1) AS subjects,
       (SELECT json_agg(json_build_object('id', id, 'ordinal', ordinal, 'title', title) ORDER BY ordinal)
          FROM requests WHERE audit_id = $1) AS requests,
       (SELECT json_agg(json_build_object('subjectId', subject_id, 'requestId', request_id,
                                          'status', status, 'dueDate', due_date))
          FROM responses WHERE audit_id = $1) AS cells`,
    [auditId],
  );
  const subjects = rows[0].subjects ?? [];
  const requests = rows[0].requests ?? [];
  const cells = (rows[0].cells ?? []).map((c) => ({ ...c, dueDate: day(c.dueDate) }));
  const now = new Date();
  const p = computeProgress(
    cells,
    { subjectIds: subjects.map((s) => s.id), requestIds: requests.map((r) => r.id) },
    { at: a.at, zone: a.zone },
    now,
  );
  return {
    total: p.total,
    done: p.done,
    overdue: p.overdue,
    percentComplete: p.percentComplete,
    counts: p.counts,
    bySubject: p.bySubject.map(({ id, ...group }, i) => ({ subjectId: id, name: subjects[i].name, ...group })),
    byRequest: p.byRequest.map(({ id, ...group }, i) => ({
      requestId: id,
      ordinal: requests[i].ordinal,
      title: requests[i].title,
      ...group,
    })),
    deadline: { at: a.at, local: localDeadline(a.at, a.zone), timeZone: a.zone },
    timeLeft: timeLeft(a.at, a.zone, now),
    asOf: now,
  };
}

/**
 * The activity page: its events (with their actors) and, in the same query, the names of the
 * responses, subjects, requests and people they point to.
 */
async function activity(auditId: string, url: URL) {
  const pageSize = Math.min(500, Number(url.searchParams.get('pageSize') ?? 50));
  const page = Number(url.searchParams.get('page') ?? 1);
  const { rows } = await pool.query<{
    total: number;
    events:
      | {
          id: string;
          at: string;
          actor_id: string | null;
          actor_name: string | null;
          entity_type: string;
          entity_id: string;
          action: string;
          changes: Changes | null;
        }[]
      | null;
    responses: { id: string; s_id: string; s_name: string; q_id: string; ordinal: number; title: string }[] | null;
    subjects: { id: string; name: string }[] | null;
    requests: { id: string; ordinal: number; title: string }[] | null;
    people: { id: string; name: string }[] | null;
  }>(
    `WITH page AS (
       SELECT e.id, e.occurred_at, e.actor_id, u.name AS actor_name, e.entity_type, e.entity_id, e.action, e.changes,
              CASE WHEN e.entity_type = 'response' THEN e.entity_id
                   ELSE coalesce(e.changes->'responseId'->>'after', e.changes->'responseId'->>'before') END AS response_id
         FROM activity_events e LEFT JOIN users u ON u.id = e.actor_id
        WHERE e.audit_id = $1 ORDER BY e.id DESC LIMIT $2 OFFSET $3),
     vals AS (
       SELECT v #>> '{}' AS id FROM page, jsonb_each(coalesce(page.changes, '{}')) AS c(k, ch),
              LATERAL (SELECT x FROM jsonb_array_elements(CASE jsonb_typeof(ch->'before') WHEN 'array' THEN ch->'before' ELSE jsonb_build_array(ch->'before') END) x
                       UNION ALL
                       SELECT x FROM jsonb_array_elements(CASE jsonb_typeof(ch->'after') WHEN 'array' THEN ch->'after' ELSE jsonb_build_array(ch->'after') END) x) AS t(v)
        WHERE jsonb_typeof(v) = 'string')
     SELECT
       (SELECT count(*)::int FROM activity_events WHERE audit_id = $1) AS total,
       (SELECT json_agg(json_build_object('id', id::text, 'at', occurred_at, 'actor_id', actor_id, 'actor_name', actor_name,
                                          'entity_type', entity_type, 'entity_id', entity_id, 'action', action,
                                          'changes', changes) ORDER BY id DESC) FROM page) AS events,
       (SELECT json_agg(json_build_object('id', r.id, 's_id', s.id, 's_name', s.name, 'q_id', q.id, 'ordinal', q.ordinal, 'title', q.title))
          FROM responses r JOIN subjects s ON s.id = r.subject_id JOIN requests q ON q.id = r.request_id
         WHERE r.audit_id = $1 AND r.id::text IN (SELECT response_id FROM page)) AS responses,
       (SELECT json_agg(json_build_object('id', s.id, 'name', s.name)) FROM subjects s
         WHERE s.audit_id = $1 AND s.id::text IN (SELECT entity_id FROM page WHERE entity_type = 'subject')) AS subjects,
       (SELECT json_agg(json_build_object('id', q.id, 'ordinal', q.ordinal, 'title', q.title)) FROM requests q
         WHERE q.audit_id = $1 AND q.id::text IN (SELECT entity_id FROM page WHERE entity_type IN ('request', 'disposition'))) AS requests,
       (SELECT json_agg(json_build_object('id', u.id, 'name', u.name)) FROM users u
         WHERE u.id::text IN (SELECT id FROM vals)) AS people`,
    [auditId, pageSize, (page - 1) * pageSize],
  );
  const row = rows[0];
  const responses = new Map(
    (row.responses ?? []).map((r) => [
      r.id,
      { subject: { id: r.s_id, name: r.s_name }, request: { id: r.q_id, ordinal: r.ordinal, title: r.title } },
    ]),
  );
  const subjects = new Map((row.subjects ?? []).map((s) => [s.id, s]));
  const requests = new Map((row.requests ?? []).map((r) => [r.id, r]));
  const people = new Map((row.people ?? []).map((p) => [p.id, p]));
  const items = (row.events ?? []).map((e) => {
    const responseId = responseIdOf({
      entityType: e.entity_type,
      entityId: e.entity_id,
      changes: e.changes as unknown as Prisma.JsonValue,
    });
    const response = responseId && isUuid(responseId) ? responses.get(responseId) : undefined;
    const subject = e.entity_type === 'subject' ? subjects.get(e.entity_id) : response?.subject;
    const ownRequest = e.entity_type === 'request' || e.entity_type === 'disposition';
    const request = ownRequest ? requests.get(e.entity_id) : response?.request;
    return {
      id: e.id,
      occurredAt: new Date(e.at),
      actor: ref(e.actor_id, e.actor_name),
      entityType: e.entity_type,
      entityId: e.entity_id,
      action: e.action,
      changes: e.changes,
      subject: subject ?? null,
      request: request ?? null,
      people: [...new Set(idsInChanges(e.changes))].flatMap((id) => people.get(id) ?? []),
    };
  });
  return { page, pageSize, total: row.total, items };
}

const UUID_PATH = '([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})';
const ROUTE = new RegExp(`^/api/audits/${UUID_PATH}/(responses|progress|activity)(?:/${UUID_PATH})?$`, 'i');

function send(res: http.ServerResponse, status: number, body: unknown): void {
  const json = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': status < 400 ? 'application/json; charset=utf-8' : 'application/problem+json',
    'Content-Length': Buffer.byteLength(json),
    'Cache-Control': 'no-store',
  });
  res.end(json);
}

const server = http.createServer((req, res) => {
  void (async () => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const match = ROUTE.exec(url.pathname);
    if (req.method !== 'GET' || !match) return send(res, 404, { title: 'Not found' });
    const user = await caller(req.headers.authorization);
    if (!user) return send(res, 401, { title: 'Log in or send a valid API token.' });
    const [, auditId, route, id] = match;
    const a = await access(user, auditId);
    if (!a) return send(res, 404, { title: 'Audit not found' });
    const body =
      route === 'responses'
        ? id
          ? await oneResponse(auditId, id, a)
          : await grid(auditId, a, url)
        : route === 'progress' && !id
          ? await progress(auditId, a)
          : route === 'activity' && !id
            ? await activity(auditId, url)
            : null;
    if (!body) return send(res, 404, { title: 'Not found' });
    send(res, 200, body);
  })().catch((error: Error) => send(res, 500, { title: error.message }));
});

server.listen(Number(process.argv[2]), '127.0.0.1', () => console.log('[baseline] listening'));
process.on('SIGTERM', () => {
  server.close();
  void pool.end();
});
