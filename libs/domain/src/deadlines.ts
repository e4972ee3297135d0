import { LRUCache } from 'lru-cache';
import { DateTime, IANAZone } from 'luxon';
import { isDone, type ResponseStatus } from './enums';

// Deadlines are wall-clock times in a named zone; these functions are the only place
// that turns them into instants, so no code silently uses the server's zone.

export const isValidTimeZone = (zone: string): boolean => IANAZone.isValidZone(zone);

/** The zone's canonical spelling ("america/new_york" -> "America/New_York"). */
export function canonicalTimeZone(zone: string): string {
  return new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone;
}

/** Dates outside these years are typing mistakes, and some would not fit the database. */
const FIRST_YEAR = 1900;
const LAST_YEAR = 2999;

/**
 * How a date-time given for `zone` reads there: one instant; nothing (not a date-time, a day
 * out of range, or a wall-clock time the clocks skip, 02:30 on a spring-forward day); or two
 * instants, for a wall-clock time the clocks pass twice (01:30 when they go back), which only
 * the person who typed it can tell apart. A value with an offset ("2023-11-05T01:30-05:00")
 * is always one instant.
 */
export type LocalTimeReading =
  | { kind: 'instant'; instant: Date }
  | { kind: 'unreadable' }
  | { kind: 'skipped' }
  | { kind: 'repeated'; readings: [RepeatedTimeReading, RepeatedTimeReading] };

export interface RepeatedTimeReading {
  instant: Date;
  /** The zone's offset at that instant, as a value sent with it carries it ("-04:00"). */
  offset: string;
}

/** Reads a date-time, with an offset or as a wall-clock time meant in `zone` (see LocalTimeReading). */
export function readLocalTime(value: string, zone: string): LocalTimeReading {
  const hasOffset = /(Z|[+-]\d{2}:?\d{2})$/i.test(value.trim());
  const parsed = hasOffset ? DateTime.fromISO(value, { setZone: true }) : DateTime.fromISO(value, { zone });
  if (!parsed.isValid || !isValidCalendarDay(parsed.toUTC().toISODate() ?? '')) return { kind: 'unreadable' };
  if (hasOffset) return { kind: 'instant', instant: parsed.toJSDate() };
  // luxon silently moves a skipped time an hour on, and silently picks one of a repeated
  // time's two instants: neither may become a deadline without the person saying which.
  if (parsed.toFormat("yyyy-MM-dd'T'HH:mm") !== value.trim().slice(0, 16)) return { kind: 'skipped' };
  const possible = parsed.getPossibleOffsets();
  if (possible.length === 2) {
    const [first, second] = possible
      .sort((a, b) => a.toMillis() - b.toMillis())
      .map((reading) => ({ instant: reading.toJSDate(), offset: reading.toFormat('ZZ') }));
    return { kind: 'repeated', readings: [first, second] };
  }
  return { kind: 'instant', instant: parsed.toJSDate() };
}

/**
 * Reads a deadline given either as an instant with an offset ("2023-06-07T21:00:00Z") or
 * as a local date-time ("2023-06-07T17:00") meant in `zone`. Returns null when unreadable,
 * skipped by a clock change or repeated by one (readLocalTime says which).
 */
export function parseDeadline(value: string, zone: string): Date | null {
  const reading = readLocalTime(value, zone);
  return reading.kind === 'instant' ? reading.instant : null;
}

/**
 * The refusal of a wall-clock time the clocks pass twice, naming the field as the API does;
 * it says how to choose (the offset of each reading), so an API client can too.
 */
export function repeatedTimeProblem(
  field: string,
  value: string,
  zone: string,
  [first, second]: readonly [RepeatedTimeReading, RepeatedTimeReading],
): string {
  return (
    `${field} ${value} happens twice that day in ${zone}, as the clocks go back: choose one by giving its offset ` +
    `(${value.trim().slice(0, 16)}${first.offset} for the first time, ${value.trim().slice(0, 16)}${second.offset} for the second).`
  );
}

/** The deadline's wall-clock time in `zone`, without offset ("2023-06-07T17:00:00.000"). */
export const wallClockTime = (instant: Date, zone: string): string =>
  DateTime.fromJSDate(instant, { zone }).toFormat("yyyy-MM-dd'T'HH:mm:ss.SSS");

/** The deadline as the parties read it: ISO with the zone's offset, e.g. 2023-06-07T17:00:00.000-04:00. */
export function localDeadline(instant: Date, zone: string): string {
  return DateTime.fromJSDate(instant, { zone }).toISO() ?? instant.toISOString();
}

/** A calendar date (stored as UTC midnight) as "YYYY-MM-DD". */
export const formatCalendarDate = (date: Date): string => date.toISOString().slice(0, 10);

/** "YYYY-MM-DD" -> the Date Prisma stores for a @db.Date column. */
export const calendarDate = (day: string): Date => new Date(`${day}T00:00:00.000Z`);

/**
 * endOfDueDate's instants (ms) by "day|zone". A grid page and a morning's digests ask for the
 * same few days and zones thousands of times, and luxon's zone arithmetic was a tenth of a
 * digest's CPU; a bounded cache, as the answers never change.
 */
const endOfDayMs = new LRUCache<string, number>({
  max: 10_000,
  memoMethod: (key) => {
    const [day, zone] = key.split('|');
    return DateTime.fromISO(day, { zone }).endOf('day').toMillis();
  },
});

/** An internal due date ends at the last instant of that day in the audit's zone. */
export function endOfDueDate(dueDate: Date, zone: string): Date {
  return new Date(endOfDayMs.memo(`${formatCalendarDate(dueDate)}|${zone}`));
}

export interface DueItem {
  status: ResponseStatus;
  dueDate: Date | null;
}

/**
 * An open response is overdue once its internal due date has ended or the audit's response
 * deadline has passed, whichever comes first.
 */
export function isOverdue(item: DueItem, deadline: Date, zone: string, now: Date): boolean {
  if (isDone(item.status)) return false;
  if (now.getTime() > deadline.getTime()) return true;
  return item.dueDate !== null && now.getTime() > endOfDueDate(item.dueDate, zone).getTime();
}

export interface TimeLeft {
  /** Milliseconds until the deadline; negative once it has passed. */
  milliseconds: number;
  passed: boolean;
  days: number;
  hours: number;
  minutes: number;
  /** Calendar days left counted in the deadline's zone (0 on the day itself). */
  calendarDays: number;
}

export function timeLeft(deadline: Date, zone: string, now: Date): TimeLeft {
  const milliseconds = deadline.getTime() - now.getTime();
  const abs = Math.abs(milliseconds);
  const minutesTotal = Math.floor(abs / 60_000);
  const start = DateTime.fromJSDate(now, { zone }).startOf('day');
  const end = DateTime.fromJSDate(deadline, { zone }).startOf('day');
  return {
    milliseconds,
    passed: milliseconds < 0,
    days: Math.floor(minutesTotal / 1440),
    hours: Math.floor((minutesTotal % 1440) / 60),
    minutes: minutesTotal % 60,
    calendarDays: Math.round(end.diff(start, 'days').days),
  };
}

/** True for "YYYY-MM-DD" strings naming a day that exists. */
export function isValidCalendarDay(day: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return false;
  const parsed = DateTime.fromISO(day, { zone: 'utc' });
  return parsed.isValid && parsed.year >= FIRST_YEAR && parsed.year <= LAST_YEAR;
}

/**
 * The day in `zone` at `now`, as "YYYY-MM-DD". An open response whose due date is before
 * this day is overdue: the database form of isOverdue, for filtering in queries.
 */
export const todayIn = (zone: string, now: Date): string => dayAt.memo(`${now.getTime()}|${zone}`);

/** todayIn's answers by "instant (ms)|zone": a digest asks for its audits' deadline days once per item. */
const dayAt = new LRUCache<string, string>({
  max: 10_000,
  memoMethod: (key) => {
    const [ms, zone] = key.split('|');
    const now = new Date(Number(ms));
    return DateTime.fromJSDate(now, { zone }).toISODate() ?? formatCalendarDate(now);
  },
});

/** Calendar days from one "YYYY-MM-DD" to another (negative when `to` is earlier). */
export const calendarDaysBetween = (from: string, to: string): number =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

/** How far back a "business days before the deadline" due date may reach (about a year of working days). */
export const MAX_BUSINESS_DAYS_BEFORE_DEADLINE = 260;

/**
 * The internal due date `businessDays` working days (Monday to Friday) before the deadline, as
 * "YYYY-MM-DD": counted back from the deadline's own date in the audit's zone (not the server's,
 * not UTC), skipping Saturdays and Sundays. 0 is the deadline's own date, whatever day that is.
 * Public holidays are not known here and count as working days.
 */
export function businessDaysBeforeDeadline(deadline: Date, zone: string, businessDays: number): string {
  if (!Number.isInteger(businessDays) || businessDays < 0) {
    throw new RangeError(`businessDays must be a whole number of days, 0 or more (got ${businessDays})`);
  }
  // The local date only: a calendar day in UTC, so stepping back never meets a DST change.
  let day = DateTime.fromISO(DateTime.fromJSDate(deadline, { zone }).toISODate()!, { zone: 'utc' });
  for (let left = businessDays; left > 0;) {
    day = day.minus({ days: 1 });
    if (day.weekday <= 5) left -= 1;
  }
  return day.toISODate()!;
}

/**
 * Why a day cannot be the day an extension was asked for (null when it can): it is recorded
 * after the other side asked, so never in the future (`today` in the audit's zone). Already
 * in plain words: the API and the form say the same.
 */
export function extensionRequestDayProblem(requestedOn: string, today: string): string | null {
  return requestedOn > today ? 'The day the extension was asked for cannot be in the future.' : null;
}

/**
 * Why a day cannot be the day an extension was decided (null when it can): a decision is
 * recorded after the fact, so never in the future (`today` in the audit's zone) and never
 * before the extension was asked for.
 */
export function extensionDecisionDayProblem(decidedOn: string, requestedOn: string, today: string): string | null {
  if (decidedOn > today) return `decidedOn ${decidedOn} is in the future (today is ${today}).`;
  if (decidedOn < requestedOn) return `decidedOn ${decidedOn} is before the extension was asked for (${requestedOn}).`;
  return null;
}
