import { afterEach, describe, expect, it, vi } from 'vitest';
import { canonicalTimeZone, isValidTimeZone } from '@app/domain/deadlines';
import {
  type DeadlineSubject,
  describeDeadline,
  filterTimeZones,
  skippedTimeProblem,
  timeZoneLabel,
  timeZoneOptions,
} from './dates';

// The reference case's deadline: 7 June 2023, 17:00 in New York.
const audit: DeadlineSubject = {
  responseDeadline: '2023-06-07T21:00:00.000Z',
  deadlineTimeZone: 'America/New_York',
  status: 'OPEN',
  submittedAt: null,
};
const at = (iso: string) => new Date(iso).getTime();

describe('describeDeadline', () => {
  it('counts whole days while the deadline is far, with the instant in the audit zone', () => {
    expect(describeDeadline(audit, at('2023-05-26T09:00:00Z'))).toEqual({
      text: 'due in 12 days (Jun 7, 2023, 5:00 PM EDT)',
      tone: 'ahead',
    });
  });

  it('counts hours, then minutes, as it nears', () => {
    expect(describeDeadline(audit, at('2023-06-06T17:00:00Z')).text).toBe(
      'due in 1 day 4 hours (Jun 7, 2023, 5:00 PM EDT)',
    );
    expect(describeDeadline(audit, at('2023-06-07T15:48:00Z')).text).toBe(
      'due in 5 hours 12 minutes (Jun 7, 2023, 5:00 PM EDT)',
    );
    expect(describeDeadline(audit, at('2023-06-07T20:48:00Z'))).toEqual({
      text: 'due in 12 minutes (Jun 7, 2023, 5:00 PM EDT)',
      tone: 'near',
    });
  });

  it('says a passed deadline is overdue with its date, never a running count of days', () => {
    expect(describeDeadline(audit, at('2026-12-02T06:00:00Z'))).toEqual({
      text: 'overdue: the deadline was Jun 7, 2023, 5:00 PM EDT',
      tone: 'overdue',
    });
  });

  it("adds the reader's time where their clock reads otherwise, with the date when the day differs", () => {
    const now = at('2023-05-26T09:00:00Z');
    expect(describeDeadline(audit, now, 'Europe/London').text).toBe(
      'due in 12 days (Jun 7, 2023, 5:00 PM EDT; 10:00 PM GMT+1 your time)',
    );
    expect(describeDeadline(audit, now, 'Asia/Tokyo').text).toBe(
      'due in 12 days (Jun 7, 2023, 5:00 PM EDT; Jun 8, 2023, 6:00 AM GMT+9 your time)',
    );
    expect(describeDeadline(audit, at('2026-12-02T06:00:00Z'), 'Asia/Tokyo').text).toBe(
      'overdue: the deadline was Jun 7, 2023, 5:00 PM EDT; Jun 8, 2023, 6:00 AM GMT+9 your time',
    );
    // The same clock under another name, or the audit's own zone: nothing added.
    expect(describeDeadline(audit, now, 'America/Detroit').text).toBe('due in 12 days (Jun 7, 2023, 5:00 PM EDT)');
    expect(describeDeadline(audit, now, 'America/New_York').text).toBe('due in 12 days (Jun 7, 2023, 5:00 PM EDT)');
  });

  it('stops counting once the response went out', () => {
    const now = at('2026-12-02T06:00:00Z');
    expect(describeDeadline({ ...audit, status: 'SUBMITTED', submittedAt: '2023-06-07' }, now)).toEqual({
      text: 'response submitted Wed, Jun 7, 2023',
      tone: 'done',
    });
    expect(describeDeadline({ ...audit, status: 'CLOSED', submittedAt: '2023-06-07' }, now).text).toBe(
      'closed; response submitted Wed, Jun 7, 2023',
    );
  });
});

describe('timeZoneOptions', () => {
  // What Chromium (and Node) list: ICU's ids, which keep the zones' names from before IANA renamed them.
  const chromiumZones = ['America/Buenos_Aires', 'America/New_York', 'Asia/Calcutta', 'Asia/Saigon', 'Europe/Kiev'];
  // What a browser whose data has the renames lists instead (Firefox).
  const renamedZones = ['America/Argentina/Buenos_Aires', 'America/New_York', 'Asia/Kolkata', 'Europe/Kyiv'];
  const listing = (zones: string[]) => vi.spyOn(Intl, 'supportedValuesOf').mockReturnValue(zones);
  /** The options whose label has `typed` in it, as a picker's search finds them. */
  const search = (options: { value: string; label: string }[], typed: string) =>
    options.filter((o) => o.label.toLowerCase().includes(typed.toLowerCase()));
  afterEach(() => vi.restoreAllMocks());

  it('finds a zone listed under its old name by the name it has now, and sends the name the browser gave', () => {
    listing(chromiumZones);
    const options = timeZoneOptions();
    expect(search(options, 'Kolkata')).toEqual([{ value: 'Asia/Calcutta', label: 'Asia/Kolkata' }]);
    expect(search(options, 'Ho Chi Minh')).toEqual([{ value: 'Asia/Saigon', label: 'Asia/Ho Chi Minh' }]);
    expect(search(options, 'Kyiv')).toEqual([{ value: 'Europe/Kiev', label: 'Europe/Kyiv' }]);
    expect(search(options, 'Buenos Aires')).toEqual([
      { value: 'America/Buenos_Aires', label: 'America/Argentina/Buenos Aires' },
    ]);
    // UTC first, then as they read.
    expect(options.map((o) => o.label)).toEqual([
      'UTC',
      'America/Argentina/Buenos Aires',
      'America/New York',
      'Asia/Ho Chi Minh',
      'Asia/Kolkata',
      'Europe/Kyiv',
    ]);
  });

  it('shows the chosen zone chosen, one option under its current name, whichever spelling was stored', () => {
    listing(chromiumZones);
    const stored = timeZoneOptions('Asia/Kolkata');
    expect(search(stored, 'Kolkata')).toEqual([{ value: 'Asia/Kolkata', label: 'Asia/Kolkata' }]);
    expect(stored).toHaveLength(6);
    vi.restoreAllMocks();
    listing(renamedZones);
    const legacy = timeZoneOptions('Asia/Calcutta');
    expect(search(legacy, 'Kolkata')).toEqual([{ value: 'Asia/Calcutta', label: 'Asia/Kolkata' }]);
    expect(legacy).toHaveLength(5);
    // A zone the browser does not list at all is still offered.
    expect(search(timeZoneOptions('Asia/Yangon'), 'Yangon')).toEqual([{ value: 'Asia/Yangon', label: 'Asia/Yangon' }]);
  });

  it('sends a zone the API takes, and the zone as the API keeps it reads the same', () => {
    // The API checks a zone with isValidTimeZone and keeps canonicalTimeZone's spelling of it.
    for (const { value, label } of timeZoneOptions('Asia/Rangoon')) {
      expect({ value, valid: isValidTimeZone(value) }).toEqual({ value, valid: true });
      expect(timeZoneLabel(canonicalTimeZone(value))).toBe(label);
    }
    expect(timeZoneLabel('Asia/Katmandu')).toBe('Asia/Kathmandu');
    expect(timeZoneLabel('Europe/Dublin')).toBe('Europe/Dublin');
  });
});

describe('filterTimeZones', () => {
  const options = [
    { value: 'UTC', label: 'UTC' },
    { value: 'Asia/Calcutta', label: 'Asia/Kolkata' },
    { value: 'Asia/Ho_Chi_Minh', label: 'Asia/Ho Chi Minh' },
    { value: 'Europe/Kiev', label: 'Europe/Kyiv' },
    { value: 'Europe/Dublin', label: 'Europe/Dublin' },
  ];
  const labels = (search: string, limit = 50) => filterTimeZones({ options, search, limit }).map((o) => o.label);

  it.each([
    ['Kiev', 'Europe/Kyiv'],
    ['kyiv', 'Europe/Kyiv'],
    ['Calcutta', 'Asia/Kolkata'],
    ['Saigon', 'Asia/Ho Chi Minh'],
    ['Europe/Kiev', 'Europe/Kyiv'],
    ['ho_chi', 'Asia/Ho Chi Minh'],
  ])('finds "%s" as %s (its name now or a former one)', (search, label) => {
    expect(labels(search)).toEqual([label]);
  });

  it('matches nothing for a place with no zone, everything for an empty search, up to the limit', () => {
    expect(labels('Atlantis')).toEqual([]);
    expect(labels('')).toHaveLength(options.length);
    expect(labels('Europe', 1)).toEqual(['Europe/Kyiv']);
  });
});

describe('skippedTimeProblem', () => {
  it.each([
    [
      '2026-03-08T02:30',
      'America/New_York',
      'The clocks go forward at this time on Sun, Mar 8, 2026 in America/New York: 2:00–2:59 AM does not happen. Choose 3:00 AM or later.',
    ],
    [
      '2026-03-08T02:00',
      'America/New_York',
      'The clocks go forward at this time on Sun, Mar 8, 2026 in America/New York: 2:00–2:59 AM does not happen. Choose 3:00 AM or later.',
    ],
    [
      '2026-03-29T01:15',
      'Europe/London',
      'The clocks go forward at this time on Sun, Mar 29, 2026 in Europe/London: 1:00–1:59 AM does not happen. Choose 2:00 AM or later.',
    ],
    // Lord Howe Island moves its clocks half an hour.
    [
      '2026-10-04T02:15',
      'Australia/Lord_Howe',
      'The clocks go forward at this time on Sun, Oct 4, 2026 in Australia/Lord Howe: 2:00–2:29 AM does not happen. Choose 2:30 AM or later.',
    ],
  ])('says %s in %s is skipped, and what to choose', (local, zone, said) => {
    expect(skippedTimeProblem(local, zone)).toBe(said);
  });

  it.each([
    ['2026-03-08T01:59', 'America/New_York'], // the minute before
    ['2026-03-08T03:00', 'America/New_York'], // the first minute after
    ['2026-11-01T01:30', 'America/New_York'], // happens twice (RepeatedTimeChoice's case)
    ['2026-06-07T17:00', 'America/New_York'],
    ['2026-03-08T02:30', 'UTC'],
    ['2026-03-08T02:30', 'Not/A_Zone'],
    ['2026-03-08', 'America/New_York'],
    ['', 'America/New_York'],
  ])('says nothing of %s in %s, a time that happens (or none)', (local, zone) => {
    expect(skippedTimeProblem(local, zone)).toBeNull();
  });
});
