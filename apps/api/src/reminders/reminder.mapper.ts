import type { Prisma } from '@app/db';
import type { ReminderReason } from '@app/domain';
import type { ReminderDto } from './dto/reminder.dto';

export const reminderInclude = { recipient: { select: { id: true, name: true } } } as const;

export type ReminderRow = Prisma.ReminderGetPayload<{ include: typeof reminderInclude }>;

export const mapReminder = (r: ReminderRow): ReminderDto => ({
  id: r.id,
  recipient: r.recipient,
  sendAt: r.sendAt,
  reasons: r.reasons as ReminderReason[],
  itemIds: r.itemIds,
  status: r.status,
  attempts: r.attempts,
  sentAt: r.sentAt,
  messageId: r.messageId,
  lastError: r.lastError,
  late: r.late,
  createdAt: r.createdAt,
});
