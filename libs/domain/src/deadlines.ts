import { DateTime, IANAZone } from 'luxon';
import { isDone, type ResponseStatus } from './enums';

// Deadlines are wall-clock times in a named zone; these functions are the only place
// that turns them into instants, so no code silently uses the server's zone.

export const isValidTimeZone = (zone: string): boolean => IANAZone.isValidZone(zone);

/**
 * Reads a deadline given either as an instant with an offset ("2023-06-07T21:00:00Z") or
 * as a local date-time ("2023-06-07T17:00") meant in `zone`. Returns null when unreadable.
 */
export function parseDeadline(value: string, zone: string): Date | null {
  const hasOffset = /(Z|[+-]\d{2}:?\d{2})$/i.test(value.trim());
  const parsed = hasOffset
    ? DateTime.fromISO(value, { setZone: true })
    : DateTime.fromISO(value, { zone });
  return parsed.isValid ? parsed.toJSDate() : null;
}

/** The deadline as the parties read it: ISO with the zone's offset, e.g. 2023-06-07T17:00:00.000-04:00. */
export function localDeadline(instant: Date, zone: string): string {
  return DateTime.fromJSDate(instant, { zone }).toISO() ?? instant.toISOString();
}

/** A calendar date (stored as UTC midnight) as "YYYY-MM-DD". */
export const formatCalendarDate = (date: Date): string => date.toISOString().slice(0, 10);

/** "YYYY-MM-DD" -> the Date Prisma stores for a @db.Date column. */
export const calendarDate = (day: string): Date => new Date(`${day}T00:00:00.000Z`);

/** An internal due date ends at the last instant of that day in the audit's zone. */
export function endOfDueDate(dueDate: Date, zone: string): Date {
  return DateTime.fromISO(formatCalendarDate(dueDate), { zone }).endOf('day').toJSDate();
}

export interface DueItem {
  status: ResponseStatus;
  dueDate: Date | null;
}

/**
 * An open response is overdue once its internal due date has ended, or, without one,
 * once the audit's response deadline has passed.
 */
export function isOverdue(item: DueItem, deadline: Date, zone: string, now: Date): boolean {
  if (isDone(item.status)) return false;
  const due = item.dueDate ? endOfDueDate(item.dueDate, zone) : deadline;
  return now.getTime() > due.getTime();
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
  return /^\d{4}-\d{2}-\d{2}$/.test(day) && DateTime.fromISO(day, { zone: 'utc' }).isValid;
}

/**
 * The day in `zone` at `now`, as "YYYY-MM-DD". An open response whose due date is before
 * this day is overdue: the database form of isOverdue, for filtering in queries.
 */
export const todayIn = (zone: string, now: Date): string =>
  DateTime.fromJSDate(now, { zone }).toISODate() ?? formatCalendarDate(now);
