import { Injectable } from '@nestjs/common';
import { Prisma, SqlReader } from '@app/db';
import { AuditStatus, type AuditRole, DONE_STATUSES, type ResponseStatus } from '@app/domain';
import type { DigestAudit } from '@app/mail';

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

interface ContentsRow {
  recipient: DigestRecipient | null;
  memberships: DigestMembership[];
  items: OpenDigestItem[];
  audits: (Omit<DigestAuditFacts, 'deadline'> & { deadline: string })[];
}

/**
 * Everything a digest says, read in one statement: the recipient, their memberships of the
 * digest's audits, and the items still open. A burst of digests at 09:00 is thousands of sends,
 * and through Prisma this was six statements each, with the client's CPU cost per statement
 * (see SqlReader) on the worker's one thread.
 */
@Injectable()
export class DigestReader {
  constructor(private readonly sql: SqlReader) {}

  async read(recipientId: string, auditIds: string[], itemIds: string[]): Promise<DigestContents> {
    const done = Prisma.join(DONE_STATUSES.map((s) => Prisma.sql`${s}::"ResponseStatus"`));
    const working = Prisma.join([AuditStatus.DRAFT, AuditStatus.OPEN].map((s) => Prisma.sql`${s}::"AuditStatus"`));
    const [row] = await this.sql.rows<ContentsRow>(
      Prisma.sql`
      WITH open_items AS (
        SELECT r.id, r.audit_id, r.status, to_char(r.due_date, 'YYYY-MM-DD') AS due_date, r.assignee_id,
               r.reviewer_id, asg.name AS assignee_name, s.name AS subject_name, s.position,
               q.ordinal, q.title AS request_title, a.response_deadline
          FROM responses r
          JOIN audits a ON a.id = r.audit_id
          JOIN subjects s ON s.id = r.subject_id
          JOIN requests q ON q.id = r.request_id
          LEFT JOIN users asg ON asg.id = r.assignee_id
         WHERE r.id = ANY(${itemIds}::uuid[])
           AND r.status NOT IN (${done})
           AND a.status IN (${working})
           AND a.reminders_paused_at IS NULL
      )
      SELECT
        (SELECT json_build_object('id', u.id, 'email', u.email, 'name', u.name, 'timeZone', u.time_zone,
                                  'active', u.active)
           FROM users u WHERE u.id = ${recipientId}::uuid) AS recipient,
        (SELECT coalesce(json_agg(json_build_object('auditId', m.audit_id, 'role', m.role,
                                                    'silenced', m.reminders_off_at IS NOT NULL)), '[]')
           FROM audit_members m
          WHERE m.user_id = ${recipientId}::uuid AND m.audit_id = ANY(${auditIds}::uuid[])) AS memberships,
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
           FROM audits a WHERE a.id IN (SELECT audit_id FROM open_items)) AS audits`,
      { name: 'digest-contents' },
    );
    // The audits in the order their first item comes.
    const audits = new Map(row.audits.map((a) => [a.id, { ...a, deadline: new Date(a.deadline) }]));
    const auditOrder = [...new Set(row.items.map((item) => item.auditId))];
    return {
      recipient: row.recipient,
      memberships: row.memberships,
      items: row.items,
      audits: auditOrder.map((id) => audits.get(id)!),
    };
  }
}
