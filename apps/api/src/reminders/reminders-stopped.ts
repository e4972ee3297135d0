import { AuditStatus, lastReminderDay, todayIn } from '@app/domain';
import type { RemindersStoppedDto } from './dto/reminder.dto';

/** What the reminders page needs to know of an audit to say why nothing is planned. */
export interface ReminderQuietInput {
  status: AuditStatus;
  paused: boolean;
  responseDeadline: Date;
  deadlineTimeZone: string;
  /** Responses not yet approved or not applicable. */
  openItems: number;
}

/**
 * Why nobody is reminded of the audit from now on, or null when reminders go out as its policy
 * says. The same conditions the planner applies (`replanAudits`, `planReminders`), read for
 * people, in the order that explains most: an audit that is over, a pause, the quiet period
 * past the deadline (REMINDER_QUIET_AFTER_DAYS), no open work.
 */
export function remindersStopped(
  audit: ReminderQuietInput,
  now: Date,
  quietAfterDays: number,
): RemindersStoppedDto | null {
  const zone = audit.deadlineTimeZone;
  const deadlineDay = todayIn(zone, audit.responseDeadline);
  const lastDay = lastReminderDay(audit.responseDeadline, zone, quietAfterDays);
  const stopped = (reason: RemindersStoppedDto['reason']): RemindersStoppedDto => ({
    reason,
    deadlineDay,
    lastReminderDay: reason === 'PAST_DEADLINE' ? lastDay : null,
    quietAfterDays,
  });
  if (audit.status === AuditStatus.SUBMITTED) return stopped('AUDIT_SUBMITTED');
  if (audit.status === AuditStatus.CLOSED) return stopped('AUDIT_CLOSED');
  if (audit.paused) return stopped('PAUSED');
  // Calendar days as YYYY-MM-DD compare as strings.
  if (todayIn(zone, now) > lastDay) return stopped('PAST_DEADLINE');
  if (audit.openItems === 0) return stopped('NO_OPEN_WORK');
  return null;
}
