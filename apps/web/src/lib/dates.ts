// Dates as people read them. Instants show in a named zone (the user's, or the audit's where
// the audit's clock is what counts, e.g. the deadline); calendar days ("YYYY-MM-DD") have no
// zone and show as they are.

const instantFormats = new Map<string, Intl.DateTimeFormat>();

function instantFormat(timeZone: string, withZone: boolean): Intl.DateTimeFormat {
  const key = `${timeZone}|${withZone}`;
  let format = instantFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: 'short',
      day: 'numeric',
      hour: 'numeric',
      minute: '2-digit',
      ...(withZone && { timeZoneName: 'short' }),
    });
    instantFormats.set(key, format);
  }
  return format;
}

/** "Jun 7, 2023, 5:00 PM EDT" in `timeZone`. */
export const formatInstant = (instant: string | Date, timeZone: string, withZone = true): string =>
  instantFormat(timeZone, withZone).format(new Date(instant));

const dayFormat = new Intl.DateTimeFormat('en-US', {
  timeZone: 'UTC',
  weekday: 'short',
  year: 'numeric',
  month: 'short',
  day: 'numeric',
});

/** "Wed, Jun 7, 2023" for "2023-06-07". */
export const formatDay = (day: string | null | undefined): string =>
  day ? dayFormat.format(new Date(`${day}T00:00:00Z`)) : '—';

export interface TimeLeftParts {
  passed: boolean;
  days: number;
  hours: number;
  minutes: number;
  seconds: number;
}

/** Whole days, hours, minutes and seconds between now and the deadline (counted down, or since it passed). */
export function timeLeft(deadline: string | Date, now: number): TimeLeftParts {
  const ms = new Date(deadline).getTime() - now;
  let rest = Math.floor(Math.abs(ms) / 1000);
  const days = Math.floor(rest / 86_400);
  rest -= days * 86_400;
  const hours = Math.floor(rest / 3_600);
  rest -= hours * 3_600;
  const minutes = Math.floor(rest / 60);
  return { passed: ms <= 0, days, hours, minutes, seconds: rest - minutes * 60 };
}

/** "5d 04h 12m 09s left", or "passed 3d 02h ago". */
export function describeTimeLeft(parts: TimeLeftParts, withSeconds = true): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  const span = [
    parts.days > 0 ? `${parts.days}d` : null,
    `${pad(parts.hours)}h`,
    `${pad(parts.minutes)}m`,
    withSeconds && !parts.passed ? `${pad(parts.seconds)}s` : null,
  ]
    .filter(Boolean)
    .join(' ');
  return parts.passed ? `passed ${span} ago` : `${span} left`;
}

/** The IANA zones the browser knows, for zone pickers. */
export const timeZones = (): string[] =>
  typeof Intl.supportedValuesOf === 'function'
    ? Intl.supportedValuesOf('timeZone')
    : ['UTC', 'Europe/London', 'America/New_York'];
