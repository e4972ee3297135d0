import { Injectable, Logger } from '@nestjs/common';
import { UnrecoverableError } from 'bullmq';
import { AppConfig, reminderLinkSecret } from '@app/config';
import { Clock, ReminderStatus } from '@app/domain';
import {
  type DigestItem,
  isPermanentMailFailure,
  MailSender,
  renderReminderDigest,
  signUnsubscribeToken,
  unsubscribeUrl,
} from '@app/mail';
import { type DigestJobData, digestJobId, digestMessageId } from '@app/queue';
import { DeliveryReceipts } from './delivery-receipts';
import { type ClaimedRow, type DigestContents, DigestStore } from './digest-store';

/** A digest sent this long after its time is marked late (everything was down when it was due). */
export const LATE_AFTER_MS = 60_000;

export type DigestOutcome = 'sent' | 'skipped' | 'nothing-open';

/** Those of `rows` whose ids are in `ids`. */
const rowsOf = (rows: ClaimedRow[], ids: string[]) => rows.filter((r) => ids.includes(r.id));

/**
 * Sends one digest: claims every SCHEDULED row of the recipient at that send time (so a
 * second worker or a retried job finds nothing and sends nothing), drops items that are no
 * longer open, audits the recipient turned off and audits counsel paused, sends one email (composed by
 * renderReminderDigest, with its unsubscribe links), records the outcome on the rows. Each final
 * outcome (sent, dropped, failed for good) marks the audits' plans stale in the same
 * transaction: only a person's next digest is stored, and the reconciler plans the one after.
 */
@Injectable()
export class DigestSenderService {
  private readonly logger = new Logger(DigestSenderService.name);

  constructor(
    private readonly mail: MailSender,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly receipts: DeliveryReceipts,
    private readonly store: DigestStore,
  ) {}

  /** `lastAttempt`: a failure now is final (FAILED) instead of going back for a retry. */
  async send(job: DigestJobData, lastAttempt: boolean): Promise<DigestOutcome> {
    const sendAt = new Date(job.sendAt);
    const base = this.config.APP_URL.replace(/\/$/, '');
    const plannedMessageId = digestMessageId(job.recipientId, sendAt, new URL(base).hostname);
    const { claimed, contents } = await this.store.claim(job.recipientId, sendAt, plannedMessageId, this.clock.now());
    if (claimed.length === 0) return 'skipped';

    const recipient = contents.recipient;
    if (!recipient) throw new Error(`The digest's recipient ${job.recipientId} no longer exists`);
    // A deactivated user, or one who turned an audit's reminders off, gets nothing (of it): the
    // rows are dropped, not retried. Planning leaves them out already; this catches rows that
    // were due when the change was made, and manual sends.
    const memberships = contents.memberships;
    const silenced = new Set(memberships.filter((m) => m.silenced).map((m) => m.auditId));
    const eligible = recipient.active ? claimed.filter((r) => !silenced.has(r.auditId)) : [];
    const { items, audits, emptyRowIds } = this.openItems(eligible, recipient.id, contents);
    const rowIds = eligible.map((r) => r.id).filter((id) => !emptyRowIds.includes(id));
    const droppedIds = claimed.map((r) => r.id).filter((id) => !rowIds.includes(id));
    if (droppedIds.length) {
      await this.store.close(rowsOf(claimed, droppedIds), { status: ReminderStatus.CANCELLED, messageId: null });
    }
    if (rowIds.length === 0) return 'nothing-open';

    let messageId: string;
    try {
      const roles = new Map(memberships.map((m) => [m.auditId, m.role]));
      const secret = reminderLinkSecret(this.config);
      const link = (auditIds: string[]) =>
        unsubscribeUrl(base, signUnsubscribeToken(secret, { userId: recipient.id, auditIds }, this.clock.now()));
      const mail = renderReminderDigest({
        recipientName: recipient.name,
        recipientEmail: recipient.email,
        timeZone: recipient.timeZone,
        now: this.clock.now(),
        audits: audits.map((a) => ({
          ...a,
          role: roles.get(a.id) ?? null,
          link: `${base}/audits/${a.id}`,
          unsubscribeLink: link([a.id]),
        })),
        items,
        profileLink: `${base}/profile`,
        unsubscribeLink: link(audits.map((a) => a.id)),
      });
      ({ messageId } = await this.mail.send({ ...mail, messageId: plannedMessageId }));
    } catch (error) {
      // Not sent. A 5xx refusal is final at once (the server will refuse it again); anything
      // else goes back for the job's next attempt, or is final on the last one.
      const permanent = isPermanentMailFailure(error);
      const final = permanent || lastAttempt;
      const message = (error as Error).message.slice(0, 2000);
      // The server said no: no message went out under the Message-ID claimed (neither keeps it).
      if (final)
        await this.store.close(rowsOf(claimed, rowIds), {
          status: ReminderStatus.FAILED,
          lastError: message,
          messageId: null,
        });
      else await this.store.release(rowsOf(claimed, rowIds), message);
      // The failed attempt is logged with the job (LoggedWorkerHost).
      throw permanent ? new UnrecoverableError(message) : error;
    }
    // Sent. Recording it is outside the try above on purpose: if this write fails, the rows stay
    // SENDING (with the Message-ID that went out), so the job's retry finds nothing to claim and
    // the recipient never gets the digest twice; the receipt in Redis lets the reconciler record
    // it as SENT once its lease runs out.
    await this.receipts
      .record(digestJobId(job.recipientId, sendAt), messageId)
      .catch((error: unknown) =>
        this.logger.warn(`Could not keep the delivery receipt of ${messageId}: ${(error as Error).message}`),
      );
    const sentAt = this.clock.now();
    await this.store.close(rowsOf(claimed, rowIds), {
      status: ReminderStatus.SENT,
      sentAt,
      messageId,
      lastError: null,
      late: sentAt.getTime() - sendAt.getTime() > LATE_AFTER_MS,
    });
    return 'sent';
  }

  /**
   * The eligible rows' items among the open ones read, with their audits; a row none of whose
   * items is open any more is empty (dropped: nothing to remind of).
   */
  private openItems(rows: ClaimedRow[], recipientId: string, contents: DigestContents) {
    const wanted = new Set(rows.flatMap((r) => r.itemIds));
    const open = contents.items.filter((item) => wanted.has(item.id));
    const openIds = new Set(open.map((item) => item.id));
    const base = this.config.APP_URL.replace(/\/$/, '');
    const items = open.map((r): DigestItem => ({
      auditId: r.auditId,
      subject: r.subjectName,
      requestOrdinal: r.requestOrdinal,
      requestTitle: r.requestTitle,
      status: r.status,
      dueDate: r.dueDate,
      assigneeName: r.assigneeName,
      assignedToRecipient: r.assigneeId === recipientId,
      reviewedByRecipient: r.reviewerId === recipientId,
      link: `${base}/audits/${r.auditId}/responses/${r.id}`,
    }));
    const listed = new Set(open.map((item) => item.auditId));
    const audits = contents.audits.filter((a) => listed.has(a.id));
    const emptyRowIds = rows.filter((r) => !r.itemIds.some((id) => openIds.has(id))).map((r) => r.id);
    return { items, audits, emptyRowIds };
  }
}
