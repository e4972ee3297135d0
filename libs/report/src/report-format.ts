import { formatCalendarDate, type ResponseStatus, wallClockTime } from '@app/domain';

// How the report and the exports write dates, sizes and statuses. Instants are shown on the
// audit's deadline clock (through the domain's zone helpers), never the server's.

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** "2023-06-07" -> "7 June 2023" (unambiguous for readers on both sides of the Atlantic). */
function longDay(isoDay: string): string {
  const [year, month, day] = isoDay.split('-').map(Number);
  return `${day} ${MONTHS[month - 1]} ${year}`;
}

/** A calendar day (a @db.Date column). */
export const formatDay = (date: Date | null): string => (date ? longDay(formatCalendarDate(date)) : '—');

/** The calendar day an instant falls on in `zone`: "7 June 2023". */
export const formatDayIn = (instant: Date, zone: string): string => longDay(wallClockTime(instant, zone).slice(0, 10));

/** An instant as the wall-clock time in `zone`: "7 June 2023, 17:00 (America/New_York)". */
export function formatInstant(instant: Date | null, zone: string, withZone = true): string {
  if (!instant) return '—';
  const wall = wallClockTime(instant, zone);
  return `${longDay(wall.slice(0, 10))}, ${wall.slice(11, 16)}${withZone ? ` (${zone})` : ''}`;
}

/** "1.4 MB (1,468,006 bytes)": the exact count matters when comparing with a file. */
export function formatSize(bytes: number): string {
  const units = ['bytes', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const exact = `${bytes.toLocaleString('en-US')} bytes`;
  return unit === 0 ? exact : `${value.toFixed(1)} ${units[unit]} (${exact})`;
}

export { RESPONSE_STATUS_LABEL as STATUS_LABEL } from '@app/domain';

/** Two letters per status for the matrix: legible without colour. */
export const STATUS_ABBREVIATION: Record<ResponseStatus, string> = {
  NOT_STARTED: 'NS',
  IN_PROGRESS: 'IP',
  IN_REVIEW: 'IR',
  CHANGES_REQUESTED: 'CR',
  APPROVED: 'AP',
  NOT_APPLICABLE: 'NA',
};

/** Light fills, an extra for colour readers; the abbreviation carries the meaning. */
export const STATUS_FILL: Record<ResponseStatus, string> = {
  NOT_STARTED: '#eeeeee',
  IN_PROGRESS: '#fff2cc',
  IN_REVIEW: '#dde8f8',
  CHANGES_REQUESTED: '#fbdcd6',
  APPROVED: '#d9ead3',
  NOT_APPLICABLE: '#f5f5f5',
};
