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

const timeFormats = new Map<string, Intl.DateTimeFormat>();

/** "5:03 PM EDT": a time of today in `timeZone`, e.g. when something was saved. */
export function formatTime(instant: string | Date, timeZone: string): string {
  let format = timeFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone, hour: 'numeric', minute: '2-digit', timeZoneName: 'short' });
    timeFormats.set(timeZone, format);
  }
  return format.format(new Date(instant));
}

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

/** What a deadline line needs to know of its audit. */
export interface DeadlineSubject {
  responseDeadline: string;
  deadlineTimeZone: string;
  status: 'DRAFT' | 'OPEN' | 'SUBMITTED' | 'CLOSED';
  /** The day the response was submitted ("YYYY-MM-DD"), if it was. */
  submittedAt: string | null;
}

export interface DeadlineStatus {
  text: string;
  tone: 'done' | 'ahead' | 'near' | 'overdue';
}

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;

/** "12 days", "1 day 4 hours", "5 hours 12 minutes", "12 minutes": only as precise as it matters. */
function describeSpan(ms: number): string {
  const days = Math.floor(ms / DAY_MS);
  const hours = Math.floor((ms % DAY_MS) / HOUR_MS);
  const minutes = Math.floor((ms % HOUR_MS) / 60_000);
  if (days >= 2) return plural(days, 'day');
  if (days === 1) return hours > 0 ? `1 day ${plural(hours, 'hour')}` : '1 day';
  if (hours > 0) return minutes > 0 ? `${plural(hours, 'hour')} ${plural(minutes, 'minute')}` : plural(hours, 'hour');
  return plural(Math.max(minutes, 1), 'minute');
}

/**
 * The deadline as a sentence, with the instant in the audit's zone (the one the parties meant):
 * "due in 12 days (Jun 7, 2023, 5:00 PM EDT)", "overdue: the deadline was Jun 7, 2023, 5:00 PM
 * EDT", "response submitted Wed, Jun 7, 2023". A submitted or closed audit has no countdown.
 * Given the reader's zone, and where its clock reads otherwise, the instant there too: "(Jun 7,
 * 2023, 5:00 PM EDT; 10:00 PM BST your time)", its date only when the day differs there.
 */
export function describeDeadline(audit: DeadlineSubject, now: number, readerZone?: string): DeadlineStatus {
  if (audit.status === 'SUBMITTED' || audit.status === 'CLOSED') {
    const submitted = audit.submittedAt ? `response submitted ${formatDay(audit.submittedAt)}` : 'response submitted';
    return { text: audit.status === 'CLOSED' ? `closed; ${submitted}` : submitted, tone: 'done' };
  }
  const theirs = formatInstant(audit.responseDeadline, audit.deadlineTimeZone);
  const when = theirs + readerTime(audit.responseDeadline, theirs, readerZone);
  const ms = new Date(audit.responseDeadline).getTime() - now;
  if (ms <= 0) return { text: `overdue: the deadline was ${when}`, tone: 'overdue' };
  return { text: `due in ${describeSpan(ms)} (${when})`, tone: ms < 3 * DAY_MS ? 'near' : 'ahead' };
}

/**
 * "; 10:00 PM BST your time" (or "; Jun 8, 2023, 6:00 AM GMT+9 your time"), or nothing: the
 * instant `at` in the reader's zone, beside `theirs` (the same instant as the audit's zone writes it).
 */
function readerTime(at: string, theirs: string, readerZone?: string) {
  if (!readerZone) return '';
  const yours = formatInstant(at, readerZone);
  if (yours === theirs) return '';
  // "Jun 7, 2023, 5:00 PM EDT": the day is what comes before the last comma.
  const day = (formatted: string) => formatted.slice(0, formatted.lastIndexOf(','));
  return `; ${day(yours) === day(theirs) ? formatTime(at, readerZone) : yours} your time`;
}

/** The IANA zones the browser knows. */
const timeZones = (): string[] =>
  typeof Intl.supportedValuesOf === 'function'
    ? Intl.supportedValuesOf('timeZone')
    : ['UTC', 'Europe/London', 'America/New_York'];

/**
 * Zones IANA has renamed, old name -> name now (each a link in tzdata's 'backward' file), that
 * browsers and Node still list and resolve under the old name: ICU keeps CLDR's zone ids,
 * which predate the renames, so Chromium lists Asia/Calcutta and resolves Asia/Kolkata to it.
 * People look a city up by the name it has now. Renames only: where tzdata merged one city's
 * zone into another's (Europe/Bratislava -> Europe/Prague), the city is still a zone of its own
 * to the reader. No dependency carries this table; add a row when tzdata renames a zone.
 */
const RENAMED_ZONES: Readonly<Record<string, string>> = {
  'Africa/Asmera': 'Africa/Asmara',
  'America/Buenos_Aires': 'America/Argentina/Buenos_Aires',
  'America/Catamarca': 'America/Argentina/Catamarca',
  'America/Coral_Harbour': 'America/Atikokan',
  'America/Cordoba': 'America/Argentina/Cordoba',
  'America/Godthab': 'America/Nuuk', // 2020
  'America/Indianapolis': 'America/Indiana/Indianapolis',
  'America/Jujuy': 'America/Argentina/Jujuy',
  'America/Knox_IN': 'America/Indiana/Knox',
  'America/Louisville': 'America/Kentucky/Louisville',
  'America/Mendoza': 'America/Argentina/Mendoza',
  'Asia/Ashkhabad': 'Asia/Ashgabat',
  'Asia/Calcutta': 'Asia/Kolkata', // 2008
  'Asia/Dacca': 'Asia/Dhaka',
  'Asia/Katmandu': 'Asia/Kathmandu', // 2008
  'Asia/Macao': 'Asia/Macau',
  'Asia/Rangoon': 'Asia/Yangon', // 2016
  'Asia/Saigon': 'Asia/Ho_Chi_Minh', // 2008
  'Asia/Thimbu': 'Asia/Thimphu',
  'Asia/Ujung_Pandang': 'Asia/Makassar',
  'Asia/Ulan_Bator': 'Asia/Ulaanbaatar',
  'Atlantic/Faeroe': 'Atlantic/Faroe',
  'Europe/Kiev': 'Europe/Kyiv', // 2022
  'Pacific/Enderbury': 'Pacific/Kanton', // 2021
  'Pacific/Ponape': 'Pacific/Pohnpei',
  'Pacific/Truk': 'Pacific/Chuuk',
};

/** A zone's name as IANA spells it now ("Asia/Calcutta" -> "Asia/Kolkata"). */
const currentZoneName = (zone: string): string => RENAMED_ZONES[zone] ?? zone;

/**
 * A zone as people read it: its current name, with spaces ("Asia/Ho Chi Minh"). A zone stored
 * under its old name (the API keeps the spelling Node resolves it to) reads the same.
 */
export const timeZoneLabel = (zone: string): string => currentZoneName(zone).replaceAll('_', ' ');

/**
 * A zone picker's options: "UTC" (which not every browser lists), the zones the browser knows
 * and the zone already chosen (which it may not). Each reads as timeZoneLabel writes it, so
 * typing a city as people write it now finds it ("Kolkata", "Kyiv"); the value stays the name
 * the browser gave, which it and the API accept (an old browser may not know a name newer than
 * its data, such as Europe/Kyiv). One option per zone: the chosen zone, under whichever name it
 * was stored, is the value of its own, so the picker shows it chosen. UTC first, then by label.
 */
export function timeZoneOptions(current?: string | null): { value: string; label: string }[] {
  const byLabel = new Map<string, string>();
  for (const zone of timeZones()) {
    const label = timeZoneLabel(zone);
    if (!byLabel.has(label)) byLabel.set(label, zone);
  }
  if (current) byLabel.set(timeZoneLabel(current), current);
  const value = byLabel.get('UTC') ?? 'UTC';
  byLabel.delete('UTC');
  const zones = [...byLabel].map(([label, zone]) => ({ value: zone, label }));
  return [{ value, label: 'UTC' }, ...zones.sort((a, b) => a.label.localeCompare(b.label, 'en'))];
}

/** Each zone's former names, as people wrote them ("Asia/Kolkata" -> ["Asia/Calcutta"]). */
const FORMER_NAMES = new Map<string, string[]>();
for (const [old, now] of Object.entries(RENAMED_ZONES)) {
  FORMER_NAMES.set(now, [...(FORMER_NAMES.get(now) ?? []), old.replaceAll('_', ' ')]);
}

/**
 * Whether a zone option (labelled as timeZoneLabel writes it) answers what was typed: its name
 * now or a name it had, so "Kiev", "Calcutta" and "Saigon" still find Kyiv, Kolkata and Ho Chi
 * Minh. Case and "_" against " " do not matter.
 */
export function timeZoneMatches(label: string, search: string): boolean {
  const typed = search.trim().toLowerCase().replaceAll('_', ' ');
  if (!typed) return true;
  const names = [label, ...(FORMER_NAMES.get(label.replaceAll(' ', '_')) ?? [])];
  return names.some((name) => name.toLowerCase().includes(typed));
}

/** A zone picker's search (a Mantine Select `filter`): timeZoneMatches over flat options, up to `limit`. */
export function filterTimeZones<T extends { label: string }>({
  options,
  search,
  limit,
}: {
  options: T[];
  search: string;
  limit: number;
}): T[] {
  const found: T[] = [];
  for (const option of options) {
    if (found.length >= limit) break;
    if (timeZoneMatches(option.label, search)) found.push(option);
  }
  return found;
}

const offsetFormats = new Map<string, Intl.DateTimeFormat>();

/** How far `zone`'s clocks stand ahead of UTC at instant `at` (ms), from what they read then. */
function zoneOffset(at: number, zone: string): number {
  let format = offsetFormats.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    offsetFormats.set(zone, format);
  }
  const part = Object.fromEntries(format.formatToParts(at).map((p) => [p.type, Number(p.value)]));
  const reads = Date.UTC(part.year, part.month - 1, part.day, part.hour % 24, part.minute, part.second);
  return reads - Math.floor(at / 1000) * 1000;
}

const clockFormat = new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', hour: 'numeric', minute: '2-digit' });

/**
 * The wall-clock times `zone`'s clocks skip around `local` ("YYYY-MM-DDTHH:mm") when `local`
 * is one of them (02:30 on a spring-forward day in New York): the first skipped minute and the
 * first time that happens again, as wall-clock readings (ms, read as UTC). Null when `local`
 * happens (or is no date-time, or the zone is unknown).
 */
export function skippedTimes(local: string, zone: string): { from: number; to: number } | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(local) || !zone) return null;
  const reads = Date.parse(`${local}:00Z`);
  if (Number.isNaN(reads)) return null;
  try {
    // Instants two days either side surely fall either side of a change that skips `local`.
    let before = reads - 2 * DAY_MS;
    let after = reads + 2 * DAY_MS;
    const offsetBefore = zoneOffset(before, zone);
    const offsetAfter = zoneOffset(after, zone);
    if (offsetAfter <= offsetBefore) return null;
    // The change: the first minute read with the later offset.
    while (after - before > 60_000) {
      const mid = before + Math.floor((after - before) / 120_000) * 60_000;
      if (zoneOffset(mid, zone) === offsetBefore) before = mid;
      else after = mid;
    }
    const from = after + offsetBefore;
    const to = after + offsetAfter;
    return reads >= from && reads < to ? { from, to } : null;
  } catch {
    return null; // a zone Intl does not know
  }
}

/**
 * What to say of a time the clocks skip, where the time is typed: "The clocks go forward at this
 * time on Sun, Mar 8, 2026 in America/New York: 2:00–2:59 AM does not happen. Choose 3:00 AM
 * or later." Null when `local` happens in `zone`.
 */
export function skippedTimeProblem(local: string, zone: string): string | null {
  const gap = skippedTimes(local, zone);
  if (!gap) return null;
  const first = clockFormat.format(gap.from);
  const last = clockFormat.format(gap.to - 60_000);
  const sameHalf = first.slice(-2) === last.slice(-2);
  const span = `${sameHalf ? first.slice(0, -3) : first}–${last}`;
  return (
    `The clocks go forward at this time on ${formatDay(local.slice(0, 10))} in ${timeZoneLabel(zone)}: ` +
    `${span} does not happen. Choose ${clockFormat.format(gap.to)} or later.`
  );
}
