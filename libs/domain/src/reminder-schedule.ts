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
 * calendar days past `now`. Every change to the audit plans again, and the worker's
 * reconciler re-plans every audit whose plan is older than REPLAN_HORIZON_AFTER_MS, so the
 * window keeps moving forward while the audit is open.
 */
export const AFTER_DUE_WINDOW_DAYS = 60;

/** An active audit last planned longer ago than this is re-planned by the reconciler (horizon top-up). */
export const REPLAN_HORIZON_AFTER_MS = 24 * 60 * 60_000;

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
  /**
   * Send times after this instant are returned (default `now`). An earlier instant lets the
   * caller see whether reminders already due but not yet sent are still wanted; the post-due
   * window is still counted from `now`.
   */
  plannedFrom?: Date;
  /**
   * People who get nothing from this audit: deactivated users, and members who turned its
   * reminders off.
   */
  silencedIds?: ReadonlySet<string>;
  /**
   * Calendar days after the deadline's day (in the audit's zone) on which overdue work is still
   * chased; nothing is planned after the last one (an audit left open for years stops mailing
   * people). Default: no limit.
   */
  quietAfterDays?: number;
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

// Calendar days are DateTimes at UTC midnight carrying the day's date as read in the audit's
// zone: day arithmetic and weekdays then need no zone rules (luxon's zone maths is the cost
// of planning thousands of audits). Zones matter only when a day becomes a send instant.

/** The calendar day of `instant` in `zone`. */
const calendarDayIn = (instant: Date, zone: string) => {
  const local = DateTime.fromJSDate(instant, { zone });
  return DateTime.utc(local.year, local.month, local.day);
};

const dueDay = (due: string | Date) =>
  DateTime.fromISO(typeof due === 'string' ? due : formatCalendarDate(due), { zone: 'utc' });

/**
 * `hour`:00 on the calendar day `day`, in the recipient's zone. Memoised across calls: the
 * same few days, hours and zones recur for every audit of a bulk plan (pure, so safe to share).
 */
const instantCache = new Map<string, Date>();
const sendInstant = (day: DateTime, hour: number, recipientZone: string): Date => {
  const key = `${day.toMillis()}|${hour}|${recipientZone}`;
  let at = instantCache.get(key);
  if (!at) {
    if (instantCache.size >= 100_000) instantCache.clear();
    at = DateTime.fromObject(
      { year: day.year, month: day.month, day: day.day, hour },
      { zone: recipientZone },
    ).toJSDate();
    instantCache.set(key, at);
  }
  return at;
};

/** Business days after `after` up to `last` (calendar days). Memoised like sendInstant. */
const businessDaysCache = new Map<string, DateTime[]>();
function businessDaysBetween(after: DateTime, last: DateTime): DateTime[] {
  const key = `${after.toMillis()}|${last.toMillis()}`;
  let days = businessDaysCache.get(key);
  if (!days) {
    if (businessDaysCache.size >= 10_000) businessDaysCache.clear();
    days = [];
    for (let day = after.plus({ days: 1 }); day <= last; day = day.plus({ days: 1 }))
      if (!isWeekend(day)) days.push(day);
    businessDaysCache.set(key, days);
  }
  return days;
}

export function planReminders(input: ReminderPlanInput): PlannedReminder[] {
  const { policy, zone, now } = input;
  const from = (input.plannedFrom ?? now).getTime();
  const open = input.items.filter((item) => !isDone(item.status));
  const deadlineDay = calendarDayIn(input.deadline, zone);
  const plan = new Map<string, PlannedReminder>();

  // The last day anyone is chased, a calendar day like the others (so moving the deadline
  // within its day, e.g. a zone change, moves no reminder).
  const lastDay =
    input.quietAfterDays === undefined ? null : deadlineDay.plus({ days: input.quietAfterDays }).toMillis();

  const add = (recipientId: string, day: DateTime, reason: ReminderReason, itemIds: string[]) => {
    if (input.silencedIds?.has(recipientId) || (lastDay !== null && day.toMillis() > lastDay)) return;
    const sendAt = sendInstant(day, policy.sendHour, input.zoneOf(recipientId));
    if (sendAt.getTime() <= from) return;
    const key = `${recipientId}|${sendAt.getTime()}`;
    const entry = plan.get(key) ?? { recipientId, sendAt, reasons: [], itemIds: [] };
    if (!entry.reasons.includes(reason)) entry.reasons.push(reason);
    for (const id of itemIds) if (!entry.itemIds.includes(id)) entry.itemIds.push(id);
    plan.set(key, entry);
  };

  const deadlineDays = [...new Set(policy.deadlineDaysBefore)].map((d) => ({
    d,
    day: fridayIfWeekend(deadlineDay.minus({ days: d })),
  }));
  for (const item of open) {
    if (!item.assigneeId) continue;
    for (const { day } of deadlineDays) add(item.assigneeId, day, ReminderReason.DEADLINE, [item.id]);
    if (item.dueDate) {
      const due = dueDay(item.dueDate);
      for (const d of new Set(policy.dueDateDaysBefore))
        add(item.assigneeId, fridayIfWeekend(due.minus({ days: d })), ReminderReason.DUE_DATE, [item.id]);
    }
  }

  // Escalation: lead counsel sees every open item of the audit on every business day from
  // `escalateDaysBefore` days before the deadline (the Friday before, if that is a weekend day)
  // up to the deadline itself, whatever the assignees' reminder days are.
  if (open.length > 0 && input.leadCounselIds.length > 0) {
    const firstDay = fridayIfWeekend(deadlineDay.minus({ days: policy.escalateDaysBefore }));
    const openIds = open.map((i) => i.id);
    for (const day of businessDaysBetween(firstDay.minus({ days: 1 }), deadlineDay)) {
      for (const lead of input.leadCounselIds) add(lead, day, ReminderReason.ESCALATION, openIds);
    }
  }

  if (policy.afterDueDaily) {
    const windowEnd = calendarDayIn(now, zone).plus({ days: AFTER_DUE_WINDOW_DAYS });
    for (const item of open) {
      // Overdue from the day after its due date, or the day after the deadline if that is earlier.
      const lastDay = item.dueDate ? DateTime.min(dueDay(item.dueDate), deadlineDay) : deadlineDay;
      for (const day of businessDaysBetween(lastDay, windowEnd)) {
        if (item.assigneeId) add(item.assigneeId, day, ReminderReason.OVERDUE, [item.id]);
        const watchers = new Set(
          [item.reviewerId, ...input.leadCounselIds].filter((id): id is string => !!id && id !== item.assigneeId),
        );
        for (const watcher of watchers) add(watcher, day, ReminderReason.OVERDUE_NOTICE, [item.id]);
      }
    }
  }

  return [...plan.values()].sort(
    (a, b) =>
      a.sendAt.getTime() - b.sendAt.getTime() ||
      (a.recipientId < b.recipientId ? -1 : a.recipientId > b.recipientId ? 1 : 0),
  );
}

/** Reads a stored policy (JSON column, possibly null or partial) over the defaults. */
export function reminderPolicyOf(stored: unknown): ReminderPolicy {
  const value = (stored && typeof stored === 'object' ? stored : {}) as Partial<ReminderPolicy>;
  return { ...DEFAULT_REMINDER_POLICY, ...value };
}
