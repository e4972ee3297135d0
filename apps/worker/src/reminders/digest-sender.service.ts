import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '@app/config';
import { PrismaService } from '@app/db';
import { AuditStatus, Clock, DONE_STATUSES, formatCalendarDate, isOverdue, ReminderStatus } from '@app/domain';
import { type DigestItem, MailSender, renderReminderDigest } from '@app/mail';
import type { DigestJobData } from '@app/queue';

/** A digest sent this long after its time is marked late (everything was down when it was due). */
export const LATE_AFTER_MS = 60_000;

export type DigestOutcome = 'sent' | 'skipped' | 'nothing-open';

interface ClaimedRow {
  id: string;
  auditId: string;
  itemIds: string[];
}

/**
 * Sends one digest: claims every SCHEDULED row of the recipient at that send time (so a
 * second worker or a retried job finds nothing and sends nothing), drops items that are no
 * longer open, sends one email, records the outcome on the rows.
 */
@Injectable()
export class DigestSenderService {
  private readonly logger = new Logger(DigestSenderService.name);

  constructor(
    private readonly prisma: PrismaService,
    private readonly mail: MailSender,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  /** `lastAttempt`: a failure now is final (FAILED) instead of going back for a retry. */
  async send(job: DigestJobData, lastAttempt: boolean): Promise<DigestOutcome> {
    const sendAt = new Date(job.sendAt);
    const claimed = await this.claim(job.recipientId, sendAt);
    if (claimed.length === 0) return 'skipped';

    const { items, emptyRowIds } = await this.openItems(claimed);
    if (emptyRowIds.length) {
      await this.prisma.reminder.updateMany({
        where: { id: { in: emptyRowIds } },
        data: { status: ReminderStatus.CANCELLED },
      });
    }
    const rowIds = claimed.map((r) => r.id).filter((id) => !emptyRowIds.includes(id));
    if (rowIds.length === 0) return 'nothing-open';

    const recipient = await this.prisma.user.findUniqueOrThrow({
      where: { id: job.recipientId },
      select: { id: true, email: true, name: true, timeZone: true, active: true },
    });
    try {
      if (!recipient.active) throw new Error('the recipient account is deactivated');
      const mail = renderReminderDigest({
        recipientName: recipient.name,
        recipientEmail: recipient.email,
        timeZone: recipient.timeZone,
        items: items.map((i) => ({
          ...i.item,
          assigneeName: i.assigneeId === recipient.id ? null : i.item.assigneeName,
        })),
      });
      const { messageId } = await this.mail.send(mail);
      const sentAt = this.clock.now();
      await this.prisma.reminder.updateMany({
        where: { id: { in: rowIds } },
        data: {
          status: ReminderStatus.SENT,
          sentAt,
          messageId,
          lastError: null,
          late: sentAt.getTime() - sendAt.getTime() > LATE_AFTER_MS,
        },
      });
      return 'sent';
    } catch (error) {
      const message = (error as Error).message.slice(0, 2000);
      await this.prisma.reminder.updateMany({
        where: { id: { in: rowIds } },
        data: { status: lastAttempt ? ReminderStatus.FAILED : ReminderStatus.SCHEDULED, lastError: message },
      });
      this.logger.warn(
        `Digest for ${recipient.email} at ${job.sendAt} failed${lastAttempt ? ' for the last time' : ''}: ${message}`,
      );
      throw error;
    }
  }

  private claim(recipientId: string, sendAt: Date): Promise<ClaimedRow[]> {
    const now = this.clock.now();
    return this.prisma.$queryRaw<ClaimedRow[]>`
      UPDATE reminders
         SET status = 'SENDING'::"ReminderStatus", claimed_at = ${now}, attempts = attempts + 1, updated_at = ${now}
       WHERE recipient_id = ${recipientId}::uuid AND send_at = ${sendAt} AND status = 'SCHEDULED'::"ReminderStatus"
   RETURNING id, audit_id AS "auditId", item_ids AS "itemIds"`;
  }

  /** The rows' items that still need work, in audits still being worked on. */
  private async openItems(rows: ClaimedRow[]) {
    const ids = [...new Set(rows.flatMap((r) => r.itemIds))];
    const responses = await this.prisma.response.findMany({
      where: {
        id: { in: ids },
        status: { notIn: [...DONE_STATUSES] },
        audit: { status: { in: [AuditStatus.DRAFT, AuditStatus.OPEN] } },
      },
      include: {
        audit: { select: { title: true, referenceCode: true, responseDeadline: true, deadlineTimeZone: true } },
        subject: { select: { name: true, position: true } },
        request: { select: { ordinal: true, title: true } },
        assignee: { select: { name: true } },
      },
      orderBy: [
        { audit: { responseDeadline: 'asc' } },
        { subject: { position: 'asc' } },
        { request: { ordinal: 'asc' } },
      ],
    });
    const open = new Set(responses.map((r) => r.id));
    const now = this.clock.now();
    const items = responses.map((r) => ({
      assigneeId: r.assigneeId,
      item: {
        auditTitle: r.audit.title,
        auditReference: r.audit.referenceCode,
        subject: r.subject.name,
        requestOrdinal: r.request.ordinal,
        requestTitle: r.request.title,
        status: r.status,
        dueDate: r.dueDate ? formatCalendarDate(r.dueDate) : null,
        deadline: r.audit.responseDeadline,
        overdue: isOverdue(r, r.audit.responseDeadline, r.audit.deadlineTimeZone, now),
        assigneeName: r.assignee?.name ?? null,
        link: `${this.config.APP_URL.replace(/\/$/, '')}/audits/${r.auditId}/responses/${r.id}`,
      } satisfies DigestItem,
    }));
    const emptyRowIds = rows.filter((r) => !r.itemIds.some((id) => open.has(id))).map((r) => r.id);
    return { items, emptyRowIds };
  }
}
