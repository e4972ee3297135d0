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
 * Post-due reminders repeat "until done", which has no end; a plan looks for them this many
 * calendar days past `now` (only each person's next digest is stored, `nextReminders`, so
 * this only bounds the search). Every change and every digest sent plans again, and the
 * worker's reconciler re-plans every audit whose plan is older than REPLAN_HORIZON_AFTER_MS.
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
  /** Counsel paused the audit's reminders: nothing is planned until they resume them. */
  paused?: boolean;
  /** Each recipient's own digest hour, days and vacation; unknown recipients get the defaults. */
  preferencesOf?: (userId: string) => ReminderPreferences | undefined;
}

/** What a user sets for their own digests (their profile). */
export interface ReminderPreferences {
  /** Local hour (their zone) of their digests; null: the audit policy's `sendHour`. */
  hour: number | null;
  /** ISO weekdays (1 = Monday ... 7 = Sunday) on which digests may go out; at least one. */
  days: readonly number[];
  /**
   * Vacation: calendar days ("YYYY-MM-DD", or a Date as Prisma returns @db.Date) in their zone,
   * both included, on which nothing is sent; what falls due then goes out on the first allowed
   * day after `pausedUntil`.
   */
  pausedFrom: string | Date | null;
  pausedUntil: string | Date | null;
}

/** Monday to Friday at the policy's hour, no vacation. */
export const DEFAULT_REMINDER_PREFERENCES: Readonly<ReminderPreferences> = Object.freeze({
  hour: null,
  days: Object.freeze([1, 2, 3, 4, 5]),
  pausedFrom: null,
  pausedUntil: null,
});

/** Whether `days` (ISO weekdays) is a valid choice of digest days: 1 to 7 distinct days 1-7. */
export function isValidReminderDays(days: readonly number[]): boolean {
  return (
    days.length > 0 && days.every((d) => Number.isInteger(d) && d >= 1 && d <= 7) && new Set(days).size === days.length
  );
}

export interface PlannedReminder {
  recipientId: string;
  sendAt: Date;
  reasons: ReminderReason[];
  itemIds: string[];
}

// Calendar days are DateTimes at UTC midnight carrying the day's date as read in the audit's
// zone: day arithmetic and weekdays then need no zone rules (luxon's zone maths is the cost
// of planning thousands of audits). Zones matter only when a day becomes a send instant.

/** The calendar day of `instant` in `zone`. */
const calendarDayIn = (instant: Date, zone: string) => {
  const local = DateTime.fromJSDate(instant, { zone });
  return DateTime.utc(local.year, local.month, local.day);
};

/**
 * The last calendar day (YYYY-MM-DD, in the audit's zone) on which anyone is reminded of an
 * audit past its deadline: `quietAfterDays` after the deadline's day. planReminders plans
 * nothing after it (its `lastDay`); the reminders page says so once it has passed.
 */
export function lastReminderDay(deadline: Date, zone: string, quietAfterDays: number): string {
  return calendarDayIn(deadline, zone).plus({ days: quietAfterDays }).toISODate()!;
}

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

/** Calendar days after `after` up to `last`. Memoised like sendInstant. */
const daysCache = new Map<string, DateTime[]>();
function daysBetween(after: DateTime, last: DateTime): DateTime[] {
  const key = `${after.toMillis()}|${last.toMillis()}`;
  let days = daysCache.get(key);
  if (!days) {
    if (daysCache.size >= 10_000) daysCache.clear();
    days = [];
    for (let day = after.plus({ days: 1 }); day <= last; day = day.plus({ days: 1 })) days.push(day);
    daysCache.set(key, days);
  }
  return days;
}

/** A recipient's preferences in the form the planner uses. */
interface Quiet {
  hour: number | null;
  /** Bit `weekday` set: digests may go out that weekday. */
  allowed: number;
  vacation: { from: number; until: DateTime } | null;
}

const weekdayMask = (days: readonly number[]) => days.reduce((mask, d) => mask | (1 << d), 0);
const DEFAULT_QUIET: Quiet = { hour: null, allowed: weekdayMask(DEFAULT_REMINDER_PREFERENCES.days), vacation: null };

function quietOf(prefs: ReminderPreferences | undefined): Quiet {
  if (!prefs) return DEFAULT_QUIET;
  const allowed = isValidReminderDays(prefs.days) ? weekdayMask(prefs.days) : DEFAULT_QUIET.allowed;
  const vacation =
    prefs.pausedFrom && prefs.pausedUntil
      ? { from: dueDay(prefs.pausedFrom).toMillis(), until: dueDay(prefs.pausedUntil) }
      : null;
  return { hour: prefs.hour, allowed, vacation };
}

const isAllowed = (quiet: Quiet, day: DateTime) => (quiet.allowed & (1 << day.weekday)) !== 0;

/** The last day on or before `day` on which the recipient takes digests (a reminder ahead of something comes early, never late). */
function allowedOnOrBefore(quiet: Quiet, day: DateTime): DateTime {
  for (let d = day, i = 0; i < 7; d = d.minus({ days: 1 }), i++) if (isAllowed(quiet, d)) return d;
  return day;
}

/** The first allowed day after `day`. */
function allowedAfter(quiet: Quiet, day: DateTime): DateTime {
  for (let d = day.plus({ days: 1 }), i = 0; i < 7; d = d.plus({ days: 1 }), i++) if (isAllowed(quiet, d)) return d;
  return day.plus({ days: 1 });
}

/** How a reminder's day is fitted to the recipient's days: moved earlier, or sent only on an allowed day. */
type DayRule = 'ahead' | 'daily';

export function planReminders(input: ReminderPlanInput): PlannedReminder[] {
  const { policy, zone, now } = input;
  if (input.paused) return [];
  const from = (input.plannedFrom ?? now).getTime();
  const open = input.items.filter((item) => !isDone(item.status));
  const deadlineDay = calendarDayIn(input.deadline, zone);
  const plan = new Map<string, PlannedReminder>();
  const quietCache = new Map<string, Quiet>();
  const quietFor = (id: string) => {
    let quiet = quietCache.get(id);
    if (!quiet) quietCache.set(id, (quiet = quietOf(input.preferencesOf?.(id))));
    return quiet;
  };

  // The last day anyone is chased, a calendar day like the others (so moving the deadline
  // within its day, e.g. a zone change, moves no reminder).
  const lastDay =
    input.quietAfterDays === undefined ? null : deadlineDay.plus({ days: input.quietAfterDays }).toMillis();

  const add = (recipientId: string, day: DateTime, rule: DayRule, reason: ReminderReason, itemIds: string[]) => {
    if (input.silencedIds?.has(recipientId)) return;
    const quiet = quietFor(recipientId);
    if (rule === 'ahead') day = allowedOnOrBefore(quiet, day);
    else if (!isAllowed(quiet, day)) return;
    // On vacation: held back to the first allowed day after it (repeats merge into that digest).
    if (quiet.vacation && day.toMillis() >= quiet.vacation.from && day <= quiet.vacation.until)
      day = allowedAfter(quiet, quiet.vacation.until);
    if (lastDay !== null && day.toMillis() > lastDay) return;
    const sendAt = sendInstant(day, quiet.hour ?? policy.sendHour, input.zoneOf(recipientId));
    if (sendAt.getTime() <= from) return;
    const key = `${recipientId}|${sendAt.getTime()}`;
    const entry = plan.get(key) ?? { recipientId, sendAt, reasons: [], itemIds: [] };
    if (!entry.reasons.includes(reason)) entry.reasons.push(reason);
    for (const id of itemIds) if (!entry.itemIds.includes(id)) entry.itemIds.push(id);
    plan.set(key, entry);
  };

  // A day before the deadline or a due date that the recipient takes no digest on (by default
  // a weekend day) moves to their allowed day before it (the Friday before).
  const deadlineDays = [...new Set(policy.deadlineDaysBefore)].map((d) => deadlineDay.minus({ days: d }));
  for (const item of open) {
    if (!item.assigneeId) continue;
    for (const day of deadlineDays) add(item.assigneeId, day, 'ahead', ReminderReason.DEADLINE, [item.id]);
    if (item.dueDate) {
      const due = dueDay(item.dueDate);
      for (const d of new Set(policy.dueDateDaysBefore))
        add(item.assigneeId, due.minus({ days: d }), 'ahead', ReminderReason.DUE_DATE, [item.id]);
    }
  }

  // Escalation: lead counsel sees every open item of the audit on every day they take digests
  // (by default business days) from `escalateDaysBefore` days before the deadline (their allowed
  // day before that, if it is not one) up to the deadline itself, whatever the assignees' days are.
  if (open.length > 0 && input.leadCounselIds.length > 0) {
    const openIds = open.map((i) => i.id);
    for (const lead of input.leadCounselIds) {
      const firstDay = allowedOnOrBefore(quietFor(lead), deadlineDay.minus({ days: policy.escalateDaysBefore }));
      for (const day of daysBetween(firstDay.minus({ days: 1 }), deadlineDay))
        add(lead, day, 'daily', ReminderReason.ESCALATION, openIds);
    }
  }

  if (policy.afterDueDaily) {
    const windowEnd = calendarDayIn(now, zone).plus({ days: AFTER_DUE_WINDOW_DAYS });
    for (const item of open) {
      // Overdue from the day after its due date, or the day after the deadline if that is earlier.
      const overdueAfter = item.dueDate ? DateTime.min(dueDay(item.dueDate), deadlineDay) : deadlineDay;
      const watchers = [
        ...new Set(
          [item.reviewerId, ...input.leadCounselIds].filter((id): id is string => !!id && id !== item.assigneeId),
        ),
      ];
      for (const day of daysBetween(overdueAfter, windowEnd)) {
        if (item.assigneeId) add(item.assigneeId, day, 'daily', ReminderReason.OVERDUE, [item.id]);
        for (const watcher of watchers) add(watcher, day, 'daily', ReminderReason.OVERDUE_NOTICE, [item.id]);
      }
    }
  }

  return [...plan.values()].sort(
    (a, b) =>
      a.sendAt.getTime() - b.sendAt.getTime() ||
      (a.recipientId < b.recipientId ? -1 : a.recipientId > b.recipientId ? 1 : 0),
  );
}

/**
 * What is stored of a plan: each recipient's next digest after `now`, and every send time at
 * or before `now` (those only tell the caller whether a digest already due but not yet sent is
 * still owed; nothing is ever planned in the past). Storing the whole calendar cost a row per
 * person per day of daily chasing (430 rows per audit, 4.3 M for 10,000 audits) and made every
 * re-plan rewrite it; the next digest is planned when this one has gone out, so the stored
 * plan is bounded by the number of people.
 */
export function nextReminders(plan: readonly PlannedReminder[], now: Date): PlannedReminder[] {
  const seen = new Set<string>();
  const inOrder = [...plan].sort((a, b) => a.sendAt.getTime() - b.sendAt.getTime());
  return inOrder.filter((reminder) => {
    if (reminder.sendAt <= now) return true;
    if (seen.has(reminder.recipientId)) return false;
    seen.add(reminder.recipientId);
    return true;
  });
}

/** Reads a stored policy (JSON column, possibly null or partial) over the defaults. */
export function reminderPolicyOf(stored: unknown): ReminderPolicy {
  const value = (stored && typeof stored === 'object' ? stored : {}) as Partial<ReminderPolicy>;
  return { ...DEFAULT_REMINDER_POLICY, ...value };
}
