import type { Queue } from 'bullmq';
import { Prisma, type PrismaClient, type Tx } from '@app/db';
import {
  AuditRole,
  AuditStatus,
  DONE_STATUSES,
  nextReminders,
  planReminders,
  type PlannedReminder,
  ReminderReason,
  ReminderStatus,
  reminderPolicyOf,
  type ReminderPreferences,
  type ResponseStatus,
} from '@app/domain';
import { digestJobId, type DigestRetryPolicy, enqueueDigests } from '@app/queue';

// Turns audits' current state into reminder rows. The one writer of planned reminders: the
// API calls it inside each change's transaction (one audit), the worker's reconciler and the
// benchmark in batches (many audits, the same code and queries). What is stored is each
// person's next digest per audit (`nextReminders`); when it has gone out (or been dropped or
// failed for good) the sender marks the audit's plan stale as it records that (`closeDigestRows`),
// and the reconciler's next run plans the digest after it.

/** One digest: a recipient at a send time (the unit of a BullMQ job). */
export interface DigestKey {
  recipientId: string;
  sendAt: Date;
}

export interface ReplanResult {
  created: number;
  /** Superseded rows whose send time had not come: deleted. */
  removed: number;
  /** Superseded rows already due but not sent: kept as CANCELLED. */
  cancelled: number;
  /** Digests that lost rows (future send times): their job may no longer be wanted. */
  superseded: DigestKey[];
}

/**
 * Audits in these states are chased; SUBMITTED and CLOSED ones have nothing left to remind of
 * (nor have audits whose reminders counsel paused).
 */
const ACTIVE_AUDIT_STATUSES = [AuditStatus.DRAFT, AuditStatus.OPEN];
const ACTIVE_AUDIT = new Set<string>(ACTIVE_AUDIT_STATUSES);

/** What planning reads of each person (users `u`): their zone, whether they are active, their own digest settings. */
const PERSON_COLUMNS = Prisma.sql`u.time_zone AS "timeZone", u.active, u.reminder_hour AS "reminderHour",
  coalesce(u.reminder_days, '{}') AS "reminderDays", u.reminders_paused_from::text AS "pausedFrom", u.reminders_paused_until::text AS "pausedUntil"`;

interface PersonRow {
  id: string;
  timeZone: string;
  active: boolean;
  reminderHour: number | null;
  reminderDays: number[];
  /** Calendar days, "YYYY-MM-DD". */
  pausedFrom: string | null;
  pausedUntil: string | null;
}

interface MemberRow {
  auditId: string;
  role: string;
  remindersOff: boolean;
}

interface AuditRow {
  id: string;
  status: string;
  responseDeadline: Date;
  deadlineTimeZone: string;
  reminderPolicy: unknown;
  paused: boolean;
}

interface ItemRow {
  auditId: string;
  id: string;
  status: ResponseStatus;
  assigneeId: string | null;
  reviewerId: string | null;
  /** "YYYY-MM-DD" in the audit's zone. */
  dueDate: string | null;
}

/** Rows inserted per statement (one JSON parameter each). */
const INSERT_CHUNK = 5_000;

const digestKeyOf = (r: DigestKey) => `${r.recipientId}|${r.sendAt.getTime()}`;
const rowKey = (r: { recipientId: string; sendAt: Date; reasons: string[]; itemIds: string[] }) =>
  `${digestKeyOf(r)}|${[...r.reasons].sort().join(',')}|${[...r.itemIds].sort().join(',')}`;

interface ExistingRow extends DigestKey {
  id: string;
  auditId: string;
  reasons: string[];
  itemIds: string[];
}

/**
 * Brings the audits' SCHEDULED rows in line with their plans, in the caller's transaction:
 * future rows still wanted stay as they are, new ones are inserted, and superseded ones whose
 * send time has not come are deleted. Such a row is only a plan that never went out; the change
 * that superseded it is in the activity log, so keeping it (as CANCELLED, formerly) recorded
 * nothing and grew the table with every change (1,342 cancelled beside 276 scheduled rows
 * after 24 changes). A row already due but not yet sent (its job is waiting for a busy worker,
 * or retrying) is kept while its recipient is still owed a digest at that time: cancelling it
 * would lose the reminder, as the plan never adds past send times. Once nothing is owed it
 * becomes CANCELLED, like the rows the worker drops when it sends: a digest that was due and
 * deliberately not sent stays visible. Rows sent on demand (MANUAL) are not part of the plan
 * and are left alone.
 */
export interface PlanOptions {
  /** REMINDER_QUIET_AFTER_DAYS: days after the deadline during which overdue work is still chased. */
  quietAfterDays: number;
}

export async function replanAudits(tx: Tx, auditIds: string[], now: Date, options: PlanOptions): Promise<ReplanResult> {
  const ids = [...new Set(auditIds)].sort();
  if (ids.length === 0) return { created: 0, removed: 0, cancelled: 0, superseded: [] };
  // Serialises re-plans of one audit (two concurrent changes would each insert their plan);
  // a fixed lock order keeps a batch and a single change from deadlocking. The reads are raw
  // statements, a round trip each: Prisma's relation reads take several, and a re-plan runs
  // inside every change's transaction.
  const audits = await tx.$queryRaw<AuditRow[]>`
    SELECT id, status::text AS status, response_deadline AS "responseDeadline", deadline_time_zone AS "deadlineTimeZone",
           reminder_policy AS "reminderPolicy", reminders_paused_at IS NOT NULL AS paused
      FROM audits WHERE id = ANY(${ids}::uuid[]) ORDER BY id FOR UPDATE`;
  const members = await tx.$queryRaw<(PersonRow & MemberRow)[]>`
    SELECT m.audit_id AS "auditId", m.user_id AS id, m.role::text AS role, m.reminders_off_at IS NOT NULL AS "remindersOff",
           ${PERSON_COLUMNS}
      FROM audit_members m JOIN users u ON u.id = m.user_id
     WHERE m.audit_id = ANY(${ids}::uuid[])`;
  const activeIds = audits.filter((a) => ACTIVE_AUDIT.has(a.status) && !a.paused).map((a) => a.id);
  // One after the other: a transaction is one connection, which runs one query at a time.
  const items = activeIds.length
    ? await tx.$queryRaw<ItemRow[]>`
        SELECT audit_id AS "auditId", id, status::text AS status, assignee_id AS "assigneeId",
               reviewer_id AS "reviewerId", due_date::text AS "dueDate"
          FROM responses
         WHERE audit_id = ANY(${activeIds}::uuid[]) AND NOT (status::text = ANY(${[...DONE_STATUSES]}::text[]))`
    : [];
  // Assignees and reviewers are members as a rule; anyone who is not is read on their own.
  const known = new Set(members.map((m) => m.id));
  const others = [
    ...new Set(items.flatMap((i) => [i.assigneeId, i.reviewerId]).filter((id): id is string => !!id && !known.has(id))),
  ];
  const outsiders = others.length
    ? await tx.$queryRaw<PersonRow[]>`SELECT u.id, ${PERSON_COLUMNS} FROM users u WHERE u.id = ANY(${others}::uuid[])`
    : [];
  // Raw: at bulk sizes (a hundred thousand rows) Prisma's row mapping costs seconds.
  const existing = await tx.$queryRaw<ExistingRow[]>`
    SELECT id, audit_id AS "auditId", recipient_id AS "recipientId", send_at AS "sendAt", reasons, item_ids AS "itemIds"
      FROM reminders
     WHERE audit_id = ANY(${ids}::uuid[]) AND status = 'SCHEDULED'::"ReminderStatus" AND NOT (${ReminderReason.MANUAL} = ANY(reasons))`;
  // Each person's last planned digest already claimed or done: a plan asked from a clock behind
  // that send time (a job run early, clocks apart between hosts, a replay clock) must not plan
  // it again, as the plan only looks at SCHEDULED rows and the sent one's job is gone.
  const done = await tx.$queryRaw<{ auditId: string; recipientId: string; sendAt: Date }[]>`
    SELECT audit_id AS "auditId", recipient_id AS "recipientId", max(send_at) AS "sendAt"
      FROM reminders
     WHERE audit_id = ANY(${ids}::uuid[]) AND status IN ('SENDING'::"ReminderStatus", 'SENT'::"ReminderStatus", 'FAILED'::"ReminderStatus")
       AND NOT (${ReminderReason.MANUAL} = ANY(reasons)) AND send_at > ${now}
     GROUP BY 1, 2`;
  const doneUntil = new Map(done.map((d) => [`${d.auditId}|${d.recipientId}`, d.sendAt.getTime()]));

  const zones = new Map<string, string>();
  const preferences = new Map<string, ReminderPreferences>();
  const inactive = new Set<string>();
  const people = [...members, ...outsiders];
  for (const p of people) {
    zones.set(p.id, p.timeZone);
    preferences.set(p.id, {
      hour: p.reminderHour,
      days: p.reminderDays,
      pausedFrom: p.pausedFrom,
      pausedUntil: p.pausedUntil,
    });
    if (!p.active) inactive.add(p.id);
  }
  const itemsOf = groupBy(items, (i) => i.auditId);
  const membersOf = groupBy(members, (m) => m.auditId);
  const rowsOf = groupBy(existing, (r) => r.auditId);

  const scheduledDigests = new Set(existing.map(digestKeyOf));
  /** The plan without the send times already gone out early (a row still SCHEDULED there stays: a retry). */
  const notYetSent = (plan: PlannedReminder[], auditId: string) =>
    plan.filter((p) => {
      const until = doneUntil.get(`${auditId}|${p.recipientId}`);
      return until === undefined || p.sendAt.getTime() > until || scheduledDigests.has(digestKeyOf(p));
    });
  const dropped: ExistingRow[] = [];
  const fresh: (PlannedReminder & { auditId: string })[] = [];
  for (const audit of audits) {
    const rows = rowsOf.get(audit.id) ?? [];
    const firstDue = Math.min(now.getTime(), ...rows.map((r) => r.sendAt.getTime()));
    const planned = nextReminders(
      notYetSent(
        planReminders({
          policy: reminderPolicyOf(audit.reminderPolicy),
          deadline: audit.responseDeadline,
          zone: audit.deadlineTimeZone,
          leadCounselIds: (membersOf.get(audit.id) ?? [])
            .filter((m) => m.role === AuditRole.LEAD_COUNSEL)
            .map((m) => m.id),
          items: itemsOf.get(audit.id) ?? [],
          zoneOf: (id) => zones.get(id) ?? 'UTC',
          preferencesOf: (id) => preferences.get(id),
          paused: audit.paused,
          now,
          plannedFrom: new Date(firstDue - 1),
          silencedIds: new Set([
            ...inactive,
            ...(membersOf.get(audit.id) ?? []).filter((m) => m.remindersOff).map((m) => m.id),
          ]),
          quietAfterDays: options.quietAfterDays,
        }),
        audit.id,
      ),
      now,
    );
    const diff = diffPlan(rows, planned, now);
    dropped.push(...diff.superseded);
    for (const p of diff.fresh) fresh.push({ ...p, auditId: audit.id });
  }

  const removed = dropped.filter((r) => r.sendAt > now);
  const cancelled = dropped.filter((r) => r.sendAt <= now);
  if (removed.length) {
    await tx.$executeRaw`
      DELETE FROM reminders
       WHERE id = ANY(${removed.map((r) => r.id)}::uuid[]) AND status = 'SCHEDULED'::"ReminderStatus"`;
  }
  if (cancelled.length) {
    await tx.$executeRaw`
      UPDATE reminders SET status = 'CANCELLED'::"ReminderStatus", updated_at = now()
       WHERE id = ANY(${cancelled.map((r) => r.id)}::uuid[]) AND status = 'SCHEDULED'::"ReminderStatus"`;
  }
  for (let i = 0; i < fresh.length; i += INSERT_CHUNK) {
    const chunk = fresh.slice(i, i + INSERT_CHUNK);
    // One array parameter per column (a bind parameter per value would hit PostgreSQL's 65,535
    // limit); the array columns travel as array literals, as unnest cannot take jagged arrays.
    await tx.$executeRaw`
      INSERT INTO reminders (id, audit_id, recipient_id, send_at, reasons, item_ids, updated_at)
      SELECT gen_random_uuid(), r.audit_id, r.recipient_id, r.send_at, r.reasons::text[], r.item_ids::uuid[], now()
        FROM unnest(${chunk.map((p) => p.auditId)}::uuid[], ${chunk.map((p) => p.recipientId)}::uuid[], ${chunk.map((p) => p.sendAt)}::timestamptz[],
                    ${chunk.map((p) => `{${p.reasons.join(',')}}`)}::text[], ${chunk.map((p) => `{${p.itemIds.join(',')}}`)}::text[])
          AS r(audit_id, recipient_id, send_at, reasons, item_ids)`;
  }
  await tx.$executeRaw`UPDATE audits SET reminders_planned_at = ${now} WHERE id = ANY(${ids}::uuid[])`;

  const superseded = new Map<string, DigestKey>();
  for (const r of removed) superseded.set(digestKeyOf(r), { recipientId: r.recipientId, sendAt: r.sendAt });
  return {
    created: fresh.length,
    removed: removed.length,
    cancelled: cancelled.length,
    superseded: [...superseded.values()],
  };
}

/** A digest's final outcome, as closeDigestRows records it; a field left out keeps its value. */
export interface DigestOutcomeFields {
  status: ReminderStatus;
  sentAt?: Date | null;
  messageId?: string | null;
  lastError?: string | null;
  late?: boolean;
}

/** The reminders column of each DigestOutcomeFields field (fixed names, never from input). */
const OUTCOME_COLUMNS = {
  sentAt: 'sent_at',
  messageId: 'message_id',
  lastError: 'last_error',
  late: 'late',
} as const satisfies Record<Exclude<keyof DigestOutcomeFields, 'status'>, string>;

/**
 * Records a digest's final outcome (sent, dropped, failed for good) on its rows, `from` the
 * status they must still be in (any when omitted), and marks their audits' plans stale: the
 * one way the sender and the reconciler close a digest, so none forgets the next one. Returns
 * how many rows changed.
 *
 * Stale here is "never planned" (null): every reconcile run re-plans those first, so the mark
 * cannot be lost or outrun; the recipient's next digest is not stored yet (only the next one
 * ever is).
 *
 * One statement, so one round trip and atomic on its own: a burst of digests at 09:00 closes
 * thousands, and a transaction (BEGIN, two statements, COMMIT) was four round trips each. The
 * audits are locked first, in id order, as replanAudits locks them: the reminders' update reads
 * `stale` in a scalar subquery, which PostgreSQL runs in full before the update touches its
 * first row, so a re-plan holding an audit while it cancels a digest's rows and a sender
 * recording that digest never wait on each other in turn. (The order of a WITH's statements is
 * not promised in general; this one rests on the plan's "One-Time Filter" above the reminders
 * scan, seen with EXPLAIN on PostgreSQL 15: check it again on an upgrade.)
 */
export async function closeDigestRows(
  prisma: PrismaClient,
  rows: { id: string; auditId: string }[],
  outcome: DigestOutcomeFields,
  from?: ReminderStatus,
): Promise<number> {
  return rows.length ? prisma.$executeRaw(closeDigestRowsStatement(rows, outcome, from)) : 0;
}

/**
 * closeDigestRows' statement, for a caller that runs it on another client (the sender runs it
 * on PlainSql, out of the Prisma client's CPU cost per statement). `rows` must not be empty.
 */
export function closeDigestRowsStatement(
  rows: { id: string; auditId: string }[],
  outcome: DigestOutcomeFields,
  from?: ReminderStatus,
): Prisma.Sql {
  const auditIds = [...new Set(rows.map((r) => r.auditId))];
  const fields = (Object.keys(OUTCOME_COLUMNS) as (keyof typeof OUTCOME_COLUMNS)[])
    .filter((field) => outcome[field] !== undefined)
    .map((field) => Prisma.sql`${Prisma.raw(OUTCOME_COLUMNS[field])} = ${outcome[field]}`);
  const still = from ? Prisma.sql`AND status = ${from}::"ReminderStatus"` : Prisma.empty;
  return Prisma.sql`
    WITH stale AS (
      UPDATE audits SET reminders_planned_at = NULL
       WHERE id IN (SELECT id FROM audits WHERE id = ANY(${auditIds}::uuid[]) ORDER BY id FOR UPDATE)
   RETURNING id
    )
    UPDATE reminders
       SET ${Prisma.join([Prisma.sql`status = ${outcome.status}::"ReminderStatus"`, ...fields, Prisma.sql`updated_at = now()`])}
     WHERE id = ANY(${rows.map((r) => r.id)}::uuid[]) ${still}
       AND (SELECT count(*) FROM stale) >= 0`;
}

/** What re-planning a person's audits did: which audits, and the rows it changed. */
export interface PersonReplan extends ReplanResult {
  auditIds: string[];
}

/**
 * Re-plans, in one `replanAudits` call in the caller's transaction, every audit still being
 * worked on in which the person can have reminders (member, assignee or reviewer): after a
 * change to the person (deactivated or reactivated, their zone, their own digest settings).
 * SUBMITTED and CLOSED audits are left out: their plan is empty and was applied when they
 * left OPEN. The one place this set of audits is chosen, for the API and the CLI alike.
 */
export async function replanPerson(tx: Tx, userId: string, now: Date, options: PlanOptions): Promise<PersonReplan> {
  const audits = await tx.audit.findMany({
    where: {
      status: { in: ACTIVE_AUDIT_STATUSES },
      OR: [
        { members: { some: { userId } } },
        { responses: { some: { OR: [{ assigneeId: userId }, { reviewerId: userId }] } } },
      ],
    },
    select: { id: true },
  });
  const auditIds = audits.map((a) => a.id);
  return { auditIds, ...(await replanAudits(tx, auditIds, now, options)) };
}

/**
 * After commit: one delayed job per (recipient, send time) of these audits' SCHEDULED rows,
 * and the jobs of `superseded` digests left with no row removed. Jobs that exist already are
 * left as they are (deterministic ids). The caller logs a failure (Redis unreachable) and the
 * change stands: the worker's reconciler enqueues what is missing, and a stale job sends nothing.
 */
export async function enqueueReplanned(
  prisma: PrismaClient,
  queue: Queue,
  replanned: { auditIds: string[]; superseded: DigestKey[] },
  now: Date,
  retry: DigestRetryPolicy,
): Promise<void> {
  const auditIds = [...new Set(replanned.auditIds)];
  if (auditIds.length) {
    const keys = await prisma.reminder.findMany({
      where: { auditId: { in: auditIds }, status: ReminderStatus.SCHEDULED },
      distinct: ['recipientId', 'sendAt'],
      select: { recipientId: true, sendAt: true },
    });
    await enqueueDigests(queue, keys, now, retry);
  }
  const unique = new Map(replanned.superseded.map((k) => [digestKeyOf(k), k]));
  await removeSupersededDigestJobs(prisma, queue, [...unique.values()], now, retry);
}

/** Which existing rows the plan supersedes and which planned rows are new (see replanAudits). */
function diffPlan(rows: ExistingRow[], planned: PlannedReminder[], now: Date) {
  const wantedRows = new Set(planned.map(rowKey));
  const wantedDigests = new Set(planned.map(digestKeyOf));
  const kept = new Set<string>();
  const superseded: ExistingRow[] = [];
  for (const row of rows) {
    // Due rows are matched on the digest only: the worker drops items no longer open when it sends.
    const key = row.sendAt <= now ? digestKeyOf(row) : rowKey(row);
    const wanted = row.sendAt <= now ? wantedDigests.has(key) : wantedRows.has(key);
    if (wanted && !kept.has(key)) kept.add(key);
    else superseded.push(row);
  }
  const fresh = planned.filter((p) => p.sendAt > now && !kept.has(rowKey(p)));
  return { superseded, fresh };
}

function groupBy<T>(values: T[], key: (value: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const v of values) {
    const k = key(v);
    const group = groups.get(k);
    if (group) group.push(v);
    else groups.set(k, [v]);
  }
  return groups;
}

/** Audits re-planned per transaction by `replanAuditsInBatches`. */
export const REPLAN_BATCH = 250;

/**
 * Re-plans many audits, `REPLAN_BATCH` per transaction (the bulk path: a few queries per
 * batch instead of a transaction per audit), two batches at a time so planning in Node
 * overlaps writing in PostgreSQL. Returns the totals; enqueuing is the caller's.
 */
export async function replanAuditsInBatches(
  prisma: PrismaClient,
  auditIds: string[],
  now: Date,
  options: PlanOptions,
  batchSize = REPLAN_BATCH,
): Promise<ReplanResult> {
  const total: ReplanResult = { created: 0, removed: 0, cancelled: 0, superseded: [] };
  const batches: string[][] = [];
  for (let i = 0; i < auditIds.length; i += batchSize) batches.push(auditIds.slice(i, i + batchSize));
  const lane = async () => {
    for (let batch = batches.shift(); batch; batch = batches.shift()) {
      const result = await prisma.$transaction((tx) => replanAudits(tx, batch, now, options), {
        timeout: 300_000,
        maxWait: 60_000,
      });
      total.created += result.created;
      total.removed += result.removed;
      total.cancelled += result.cancelled;
      total.superseded.push(...result.superseded);
    }
  };
  await Promise.all([lane(), lane()]);
  return total;
}

/**
 * After commit, best effort: removes the BullMQ job of each superseded digest that has no
 * SCHEDULED row left (a digest spans audits, so another audit may still want it). Only
 * housekeeping: a stale job that fires anyway claims no row and sends nothing. A re-plan
 * that wanted the digest again between the check and the removal found the job existing and
 * added nothing, so digests that have rows again after the removal get their job back.
 */
export async function removeSupersededDigestJobs(
  prisma: PrismaClient,
  queue: Queue,
  keys: DigestKey[],
  now: Date,
  retry: DigestRetryPolicy,
): Promise<number> {
  if (keys.length === 0) return 0;
  const scheduled = (candidates: DigestKey[]) =>
    prisma.reminder.findMany({
      where: {
        status: ReminderStatus.SCHEDULED,
        OR: candidates.map((k) => ({ recipientId: k.recipientId, sendAt: k.sendAt })),
      },
      distinct: ['recipientId', 'sendAt'],
      select: { recipientId: true, sendAt: true },
    });
  const stillWanted = new Set((await scheduled(keys)).map(digestKeyOf));
  const gone = keys.filter((k) => !stillWanted.has(digestKeyOf(k)));
  if (gone.length === 0) return 0;
  // Queue.remove skips (returns 0 for) a job a worker holds; that one finds no row to claim.
  const removed = await Promise.all(gone.map((k) => queue.remove(digestJobId(k.recipientId, k.sendAt))));
  const back = await scheduled(gone);
  if (back.length) await enqueueDigests(queue, back, now, retry);
  return removed.reduce((sum, n) => sum + n, 0);
}
