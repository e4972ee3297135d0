import { DateTime } from 'luxon';
import { isDone, type ResponseStatus } from './enums';
import { formatCalendarDate } from './deadlines';

// The reminder schedule as a pure function: who gets a digest when, and why. The API stores
// what this returns; nothing else decides send times.

/** Why a reminder is sent. A digest row carries every reason that applies at its send time. */
export enum ReminderReason {
  /** Before the audit's external deadline (assignees). */
  DEADLINE = 'DEADLINE',
  /** Before a response's internal due date (its assignee). */
  DUE_DATE = 'DUE_DATE',
  /** A due date has passed and the work is not done (its assignee). */
  OVERDUE = 'OVERDUE',
  /** Close to the external deadline: every open item of the audit (lead counsel). */
  ESCALATION = 'ESCALATION',
  /** Which items are overdue and by whom (reviewer and lead counsel). */
  OVERDUE_NOTICE = 'OVERDUE_NOTICE',
  /** Sent now by counsel through the API. */
  MANUAL = 'MANUAL',
}

export interface ReminderPolicy {
  /** Days before the external deadline on which assignees are reminded (0 = on the day). */
  deadlineDaysBefore: number[];
  /** Days before a response's internal due date on which its assignee is reminded. */
  dueDateDaysBefore: number[];
  /** After a due date passes, remind every business day until the work is done. */
  afterDueDaily: boolean;
  /** From this many days before the external deadline, lead counsel gets every open item. */
  escalateDaysBefore: number;
  /** Local hour (recipient's zone) at which reminders go out. */
  sendHour: number;
}

export const DEFAULT_REMINDER_POLICY: Readonly<ReminderPolicy> = Object.freeze({
  deadlineDaysBefore: [14, 7, 3, 1, 0],
  dueDateDaysBefore: [3, 1, 0],
  afterDueDaily: true,
  escalateDaysBefore: 3,
  sendHour: 9,
});

/**
 * Post-due reminders repeat "until done", which has no end; the plan covers this many
 * calendar days past `now`. Every change to the audit plans again, so an audit with
 * activity never runs out; a stale one stops after this window (see README).
 */
export const AFTER_DUE_WINDOW_DAYS = 60;

export interface PlannedItem {
  id: string;
  status: ResponseStatus;
  assigneeId: string | null;
  reviewerId: string | null;
  /** Internal due date, "YYYY-MM-DD" in the audit's zone, or a Date as Prisma returns @db.Date. */
  dueDate: string | Date | null;
}

export interface ReminderPlanInput {
  policy: ReminderPolicy;
  deadline: Date;
  /** The audit's deadline zone: calendar days (due dates, business days) are read in it. */
  zone: string;
  leadCounselIds: string[];
  items: PlannedItem[];
  /** Each recipient's IANA zone; unknown recipients get UTC. */
  zoneOf: (userId: string) => string;
  now: Date;
}

export interface PlannedReminder {
  recipientId: string;
  sendAt: Date;
  reasons: ReminderReason[];
  itemIds: string[];
}

const isWeekend = (day: DateTime) => day.weekday >= 6;

/** A day before a deadline that falls on a weekend moves to the Friday before. */
const fridayIfWeekend = (day: DateTime) => (isWeekend(day) ? day.minus({ days: day.weekday - 5 }) : day);

/** `sendHour`:00 on the calendar day `day` (read in the audit's zone), in the recipient's zone. */
const sendInstant = (day: DateTime, hour: number, recipientZone: string): Date =>
  DateTime.fromObject({ year: day.year, month: day.month, day: day.day, hour }, { zone: recipientZone }).toJSDate();

const dueDay = (due: string | Date, zone: string) =>
  DateTime.fromISO(typeof due === 'string' ? due : formatCalendarDate(due), { zone });

export function planReminders(input: ReminderPlanInput): PlannedReminder[] {
  const { policy, zone, now } = input;
  const open = input.items.filter((item) => !isDone(item.status));
  const deadlineDay = DateTime.fromJSDate(input.deadline, { zone }).startOf('day');
  const plan = new Map<string, PlannedReminder>();

  // The same few days and zones recur for every item: build each instant once (luxon is the cost).
  const instants = new Map<string, Date>();
  const instantOf = (day: DateTime, recipientZone: string) => {
    const key = `${day.toMillis()}|${recipientZone}`;
    let at = instants.get(key);
    if (!at) instants.set(key, (at = sendInstant(day, policy.sendHour, recipientZone)));
    return at;
  };

  const add = (recipientId: string, day: DateTime, reason: ReminderReason, itemIds: string[]) => {
    const sendAt = instantOf(day, input.zoneOf(recipientId));
    if (sendAt.getTime() <= now.getTime()) return;
    const key = `${recipientId}|${sendAt.getTime()}`;
    const entry = plan.get(key) ?? { recipientId, sendAt, reasons: [], itemIds: [] };
    if (!entry.reasons.includes(reason)) entry.reasons.push(reason);
    for (const id of itemIds) if (!entry.itemIds.includes(id)) entry.itemIds.push(id);
    plan.set(key, entry);
  };

  const deadlineDays = [...new Set(policy.deadlineDaysBefore)].map((d) => ({ d, day: fridayIfWeekend(deadlineDay.minus({ days: d })) }));
  for (const item of open) {
    if (!item.assigneeId) continue;
    for (const { day } of deadlineDays) add(item.assigneeId, day, ReminderReason.DEADLINE, [item.id]);
    if (item.dueDate) {
      const due = dueDay(item.dueDate, zone);
      for (const d of new Set(policy.dueDateDaysBefore)) add(item.assigneeId, fridayIfWeekend(due.minus({ days: d })), ReminderReason.DUE_DATE, [item.id]);
    }
  }

  // Escalation: lead counsel sees every open item of the audit on each deadline reminder day
  // from `escalateDaysBefore` on.
  if (open.length > 0) {
    for (const { d, day } of deadlineDays) {
      if (d > policy.escalateDaysBefore) continue;
      for (const lead of input.leadCounselIds) add(lead, day, ReminderReason.ESCALATION, open.map((i) => i.id));
    }
  }

  if (policy.afterDueDaily) {
    const windowEnd = DateTime.fromJSDate(now, { zone }).startOf('day').plus({ days: AFTER_DUE_WINDOW_DAYS });
    const businessDays = (after: DateTime) => {
      const days: DateTime[] = [];
      for (let day = after.plus({ days: 1 }); day <= windowEnd; day = day.plus({ days: 1 })) if (!isWeekend(day)) days.push(day);
      return days;
    };
    const daysAfter = new Map<number, DateTime[]>();
    for (const item of open) {
      // Overdue from the day after its due date, or the day after the deadline if that is earlier.
      const lastDay = item.dueDate ? DateTime.min(dueDay(item.dueDate, zone), deadlineDay) : deadlineDay;
      let days = daysAfter.get(lastDay.toMillis());
      if (!days) daysAfter.set(lastDay.toMillis(), (days = businessDays(lastDay)));
      for (const day of days) {
        if (item.assigneeId) add(item.assigneeId, day, ReminderReason.OVERDUE, [item.id]);
        const watchers = new Set([item.reviewerId, ...input.leadCounselIds].filter((id): id is string => !!id && id !== item.assigneeId));
        for (const watcher of watchers) add(watcher, day, ReminderReason.OVERDUE_NOTICE, [item.id]);
      }
    }
  }

  return [...plan.values()].sort((a, b) => a.sendAt.getTime() - b.sendAt.getTime() || a.recipientId.localeCompare(b.recipientId));
}

/** Reads a stored policy (JSON column, possibly null or partial) over the defaults. */
export function reminderPolicyOf(stored: unknown): ReminderPolicy {
  const value = (stored && typeof stored === 'object' ? stored : {}) as Partial<ReminderPolicy>;
  return { ...DEFAULT_REMINDER_POLICY, ...value };
}
