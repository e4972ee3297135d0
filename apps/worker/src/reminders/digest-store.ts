import { Injectable } from '@nestjs/common';
import { PlainSql, Prisma } from '@app/db';
import { AuditStatus, type AuditRole, DONE_STATUSES, type ResponseStatus } from '@app/domain';
import type { DigestAudit } from '@app/mail';
import { closeDigestRowsStatement, type DigestOutcomeFields } from '@app/reminders';

export interface DigestRecipient {
  id: string;
  email: string;
  name: string;
  timeZone: string;
  active: boolean;
}

export interface DigestMembership {
  auditId: string;
  role: AuditRole;
  silenced: boolean;
}

/** An audit as the digest names it (the recipient's role and links are added by the sender). */
export type DigestAuditFacts = Omit<DigestAudit, 'role' | 'link' | 'unsubscribeLink'>;

/** A response a digest lists: still open, in an audit still being worked on and not paused. */
export interface OpenDigestItem {
  id: string;
  auditId: string;
  status: ResponseStatus;
  /** "YYYY-MM-DD", or null. */
  dueDate: string | null;
  assigneeId: string | null;
  reviewerId: string | null;
  assigneeName: string | null;
  subjectName: string;
  requestOrdinal: number;
  requestTitle: string;
}

export interface DigestContents {
  recipient: DigestRecipient | null;
  memberships: DigestMembership[];
  /** In the order the digest lists them: by audit deadline, subject, request. */
  items: OpenDigestItem[];
  audits: DigestAuditFacts[];
}

/** A reminder row the sender claimed: one of the digest's audits, and the items it reminds of. */
export interface ClaimedRow {
  id: string;
  auditId: string;
  itemIds: string[];
}

interface ClaimRow {
  claimed: ClaimedRow[];
  recipient: DigestRecipient | null;
  memberships: DigestMembership[];
  items: OpenDigestItem[];
  audits: (Omit<DigestAuditFacts, 'deadline'> & { deadline: string })[];
}

/**
 * DigestStore.claim's statement. It runs prepared, so after a few runs on a connection
 * PostgreSQL may keep a generic plan, made without the ids: each lookup is written so that the
 * plan stays a primary-key lookup even then (a generic plan that scanned every audit cost 15
 * times as much, measured with EXPLAIN ANALYZE in the benchmark). Exported for the test that
 * forces that plan at scale and reads it back (test/reminders/claim-plan.e2e-spec.ts).
 */
export function digestClaimStatement(recipientId: string, sendAt: Date, messageId: string, now: Date): Prisma.Sql {
  const done = Prisma.join(DONE_STATUSES.map((s) => Prisma.sql`${s}::"ResponseStatus"`));
  const working = Prisma.join([AuditStatus.DRAFT, AuditStatus.OPEN].map((s) => Prisma.sql`${s}::"AuditStatus"`));
  return Prisma.sql`
      WITH claimed AS (
        UPDATE reminders
           SET status = 'SENDING'::"ReminderStatus", claimed_at = ${now}, attempts = attempts + 1, updated_at = ${now},
               message_id = ${messageId}
         WHERE recipient_id = ${recipientId}::uuid AND send_at = ${sendAt} AND status = 'SCHEDULED'::"ReminderStatus"
     RETURNING id, audit_id, item_ids
      ),
      -- Item by item, by primary key: a LATERAL subquery kept apart (OFFSET 0 stops the planner
      -- from merging it into the join), so whatever the statistics say of the audits, a digest
      -- never scans them.
      open_items AS (
        SELECT o.*
          FROM (SELECT DISTINCT unnest(item_ids) AS id FROM claimed) wanted
         CROSS JOIN LATERAL (
          SELECT r.id, r.audit_id, r.status, to_char(r.due_date, 'YYYY-MM-DD') AS due_date, r.assignee_id,
                 r.reviewer_id, asg.name AS assignee_name, s.name AS subject_name, s.position,
                 q.ordinal, q.title AS request_title, a.response_deadline
            FROM responses r
            JOIN audits a ON a.id = r.audit_id
            JOIN subjects s ON s.id = r.subject_id
            JOIN requests q ON q.id = r.request_id
            LEFT JOIN users asg ON asg.id = r.assignee_id
           WHERE r.id = wanted.id
             AND r.status NOT IN (${done})
             AND a.status IN (${working})
             AND a.reminders_paused_at IS NULL
          OFFSET 0
        ) o
      )
      SELECT
        (SELECT coalesce(json_agg(json_build_object('id', c.id, 'auditId', c.audit_id, 'itemIds', c.item_ids)), '[]')
           FROM claimed c) AS claimed,
        (SELECT json_build_object('id', u.id, 'email', u.email, 'name', u.name, 'timeZone', u.time_zone,
                                  'active', u.active)
           FROM users u WHERE u.id = ${recipientId}::uuid) AS recipient,
        (SELECT coalesce(json_agg(json_build_object('auditId', m.audit_id, 'role', m.role,
                                                    'silenced', m.reminders_off_at IS NOT NULL)), '[]')
           FROM audit_members m
          WHERE m.user_id = ${recipientId}::uuid AND m.audit_id = ANY(ARRAY(SELECT audit_id FROM claimed))) AS memberships,
        (SELECT coalesce(json_agg(json_build_object(
                  'id', o.id, 'auditId', o.audit_id, 'status', o.status, 'dueDate', o.due_date,
                  'assigneeId', o.assignee_id, 'reviewerId', o.reviewer_id, 'assigneeName', o.assignee_name,
                  'subjectName', o.subject_name, 'requestOrdinal', o.ordinal, 'requestTitle', o.request_title)
                ORDER BY o.response_deadline, o.position, o.ordinal), '[]')
           FROM open_items o) AS items,
        (SELECT coalesce(json_agg(json_build_object(
                  'id', a.id, 'title', a.title, 'referenceCode', a.reference_code,
                  'demandingParty', a.demanding_party, 'respondingParty', a.responding_party,
                  'deadline', a.response_deadline, 'deadlineZone', a.deadline_time_zone)), '[]')
           FROM (SELECT DISTINCT audit_id FROM open_items) listed
          CROSS JOIN LATERAL (SELECT * FROM audits WHERE id = listed.audit_id OFFSET 0) a) AS audits`;
}

/**
 * The sender's statements, on PlainSql: a burst of digests at 09:00 is thousands of sends on
 * the worker's one thread, and through Prisma a digest was six statements, each with the
 * client's CPU cost (see PlainSql); it is now two, the claim and the close (or, after a
 * failure that may pass, the release).
 */
@Injectable()
export class DigestStore {
  constructor(private readonly sql: PlainSql) {}

  /**
   * Claims every SCHEDULED row of the recipient at that send time (SENDING, with the Message-ID
   * the digest will go out under, one more attempt), and reads in the same statement everything
   * the digest says: the recipient, their memberships of the claimed rows' audits, and those
   * rows' items still open. Nothing claimed (another worker has the digest, or it went): no rows.
   */
  async claim(
    recipientId: string,
    sendAt: Date,
    messageId: string,
    now: Date,
  ): Promise<{ claimed: ClaimedRow[]; contents: DigestContents }> {
    const [row] = await this.sql.rows<ClaimRow>(digestClaimStatement(recipientId, sendAt, messageId, now), {
      name: 'digest-claim',
    });
    // The audits in the order their first item comes.
    const audits = new Map(row.audits.map((a) => [a.id, { ...a, deadline: new Date(a.deadline) }]));
    const auditOrder = [...new Set(row.items.map((item) => item.auditId))];
    return {
      claimed: row.claimed,
      contents: {
        recipient: row.recipient,
        memberships: row.memberships,
        items: row.items,
        audits: auditOrder.map((id) => audits.get(id)!),
      },
    };
  }

  /**
   * Puts a digest's rows back for the job's next attempt after a failure that may pass (nothing
   * went out: no Message-ID is kept), with the failure's message for the reminders screen.
   */
  async release(rows: ClaimedRow[], lastError: string): Promise<void> {
    if (rows.length === 0) return;
    await this.sql.execute(Prisma.sql`
      UPDATE reminders
         SET status = 'SCHEDULED'::"ReminderStatus", last_error = ${lastError}, message_id = NULL, updated_at = now()
       WHERE id = ANY(${rows.map((r) => r.id)}::uuid[])`);
  }

  /** closeDigestRows, on PlainSql. */
  async close(rows: ClaimedRow[], outcome: DigestOutcomeFields): Promise<void> {
    if (rows.length) await this.sql.execute(closeDigestRowsStatement(rows, outcome));
  }
}
