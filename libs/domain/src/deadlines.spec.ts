import { ResponseStatus } from './enums';
import {
  extensionDecisionDayProblem,
  businessDaysBeforeDeadline,
  calendarDate,
  calendarDaysBetween,
  canonicalTimeZone,
  endOfDueDate,
  isOverdue,
  isValidCalendarDay,
  localDeadline,
  parseDeadline,
  timeLeft,
  todayIn,
} from './deadlines';

const NY = 'America/New_York';

describe('deadlines', () => {
  it('reads a wall-clock deadline in its zone, across daylight saving time', () => {
    expect(parseDeadline('2023-06-07T17:00', NY)?.toISOString()).toBe('2023-06-07T21:00:00.000Z');
    expect(parseDeadline('2023-01-10T17:00', NY)?.toISOString()).toBe('2023-01-10T22:00:00.000Z');
  });

  it('takes an instant with an offset as it is, whatever the zone', () => {
    expect(parseDeadline('2023-06-07T17:00:00+02:00', NY)?.toISOString()).toBe('2023-06-07T15:00:00.000Z');
    expect(parseDeadline('2023-06-07T17:00:00Z', 'Asia/Tokyo')?.toISOString()).toBe('2023-06-07T17:00:00.000Z');
  });

  it('refuses what is not a date-time, or a time that does not exist in the zone', () => {
    expect(parseDeadline('next Tuesday', NY)).toBeNull();
    expect(parseDeadline('2023-02-30T17:00', NY)).toBeNull();
    // Clocks in New York jumped from 02:00 to 03:00 on 12 March 2023.
    expect(parseDeadline('2023-03-12T02:30', NY)).toBeNull();
    expect(parseDeadline('2023-03-12T03:30', NY)?.toISOString()).toBe('2023-03-12T07:30:00.000Z');
    expect(parseDeadline('9999-12-31T23:59', NY)).toBeNull();
  });

  it('spells zones canonically', () => {
    expect(canonicalTimeZone('america/new_york')).toBe('America/New_York');
  });

  it('shows a deadline with the offset of its zone', () => {
    expect(localDeadline(new Date('2023-06-07T21:00:00Z'), NY)).toBe('2023-06-07T17:00:00.000-04:00');
  });

  it('ends an internal due date at midnight in the audit zone', () => {
    expect(endOfDueDate(calendarDate('2023-05-31'), NY).toISOString()).toBe('2023-06-01T03:59:59.999Z');
    // Asked again (a kept answer), for another zone, and after the caller changed the first one.
    const first = endOfDueDate(calendarDate('2023-05-31'), NY);
    first.setTime(0);
    expect(endOfDueDate(calendarDate('2023-05-31'), NY).toISOString()).toBe('2023-06-01T03:59:59.999Z');
    expect(endOfDueDate(calendarDate('2023-05-31'), 'Asia/Tokyo').toISOString()).toBe('2023-05-31T14:59:59.999Z');
  });

  it('counts calendar days between two days, across a clock change and a leap day', () => {
    expect(calendarDaysBetween('2023-03-10', '2023-03-13')).toBe(3);
    expect(calendarDaysBetween('2024-02-28', '2024-03-01')).toBe(2);
    expect(calendarDaysBetween('2023-06-07', '2023-05-31')).toBe(-7);
    expect(calendarDaysBetween('2023-12-31', '2024-01-01')).toBe(1);
  });

  it('names the day in a zone, the same when asked again for the same instant', () => {
    const at = new Date('2023-06-01T02:00:00Z');
    expect([todayIn(NY, at), todayIn('Europe/Dublin', at), todayIn(NY, at)]).toEqual([
      '2023-05-31',
      '2023-06-01',
      '2023-05-31',
    ]);
  });

  it('calls open work overdue after its due day, and done work never', () => {
    const deadline = new Date('2023-06-07T21:00:00Z');
    const item = { status: ResponseStatus.IN_PROGRESS, dueDate: calendarDate('2023-05-31') };
    expect(isOverdue(item, deadline, NY, new Date('2023-06-01T03:59:00Z'))).toBe(false);
    expect(isOverdue(item, deadline, NY, new Date('2023-06-01T04:00:00Z'))).toBe(true);
    expect(
      isOverdue({ ...item, status: ResponseStatus.APPROVED }, deadline, NY, new Date('2023-07-01T00:00:00Z')),
    ).toBe(false);
  });

  it('calls open work overdue once the audit deadline passed, even if its own due date is later', () => {
    const deadline = new Date('2023-06-07T21:00:00Z');
    const item = { status: ResponseStatus.IN_REVIEW, dueDate: calendarDate('2023-06-10') };
    expect(isOverdue(item, deadline, NY, new Date('2023-06-08T12:00:00Z'))).toBe(true);
  });

  it('falls back to the audit deadline when a response has no due date', () => {
    const deadline = new Date('2023-06-07T21:00:00Z');
    const item = { status: ResponseStatus.NOT_STARTED, dueDate: null };
    expect(isOverdue(item, deadline, NY, new Date('2023-06-07T20:59:59Z'))).toBe(false);
    expect(isOverdue(item, deadline, NY, new Date('2023-06-07T21:00:01Z'))).toBe(true);
  });

  it('agrees with the query form: due before today in the zone means overdue', () => {
    const deadline = new Date('2030-01-01T00:00:00Z');
    for (const now of ['2023-06-01T03:59:00Z', '2023-06-01T04:00:00Z', '2023-05-31T12:00:00Z']) {
      const at = new Date(now);
      const today = todayIn(NY, at);
      for (const due of ['2023-05-30', '2023-05-31', '2023-06-01']) {
        const overdue = isOverdue({ status: ResponseStatus.IN_PROGRESS, dueDate: calendarDate(due) }, deadline, NY, at);
        expect(overdue).toBe(due < today);
      }
    }
  });

  it('counts the time left in the deadline zone', () => {
    const left = timeLeft(new Date('2023-06-07T21:00:00Z'), NY, new Date('2023-05-25T12:00:00Z'));
    expect(left).toEqual({
      milliseconds: 1_155_600_000,
      passed: false,
      days: 13,
      hours: 9,
      minutes: 0,
      calendarDays: 13,
    });
    const late = timeLeft(new Date('2023-06-07T21:00:00Z'), NY, new Date('2023-06-08T22:30:00Z'));
    expect(late).toMatchObject({ passed: true, days: 1, hours: 1, minutes: 30, calendarDays: -1 });
  });

  it('knows which calendar days exist', () => {
    expect(isValidCalendarDay('2024-02-29')).toBe(true);
    expect(isValidCalendarDay('2023-02-29')).toBe(false);
    expect(isValidCalendarDay('2023-6-1')).toBe(false);
    expect(isValidCalendarDay('0000-01-01')).toBe(false);
  });
});

describe('businessDaysBeforeDeadline', () => {
  // Wednesday 7 June 2023, 17:00 in New York (21:00 UTC).
  const deadline = new Date('2023-06-07T21:00:00.000Z');

  it('counts back working days from the deadline date, skipping the weekend', () => {
    expect(businessDaysBeforeDeadline(deadline, NY, 0)).toBe('2023-06-07');
    expect(businessDaysBeforeDeadline(deadline, NY, 1)).toBe('2023-06-06');
    expect(businessDaysBeforeDeadline(deadline, NY, 2)).toBe('2023-06-05');
    // Past Monday 5 June: Friday 2 June, not the Sunday or Saturday before it.
    expect(businessDaysBeforeDeadline(deadline, NY, 3)).toBe('2023-06-02');
    expect(businessDaysBeforeDeadline(deadline, NY, 5)).toBe('2023-05-31');
    expect(businessDaysBeforeDeadline(deadline, NY, 10)).toBe('2023-05-24');
  });

  it('reads the deadline date in the audit zone, not in UTC or the server zone', () => {
    // Monday 5 June 2023 at 23:00 in New York is already Tuesday 6 June in UTC and in Kiritimati.
    const lateMonday = new Date('2023-06-06T03:00:00.000Z');
    expect(businessDaysBeforeDeadline(lateMonday, NY, 0)).toBe('2023-06-05');
    expect(businessDaysBeforeDeadline(lateMonday, NY, 1)).toBe('2023-06-02');
    expect(businessDaysBeforeDeadline(lateMonday, 'UTC', 1)).toBe('2023-06-05');
    // Tuesday 09:00 in Tokyo is still Monday in UTC.
    const tokyoTuesday = new Date('2023-06-06T00:00:00.000Z');
    expect(businessDaysBeforeDeadline(tokyoTuesday, 'Asia/Tokyo', 1)).toBe('2023-06-05');
    expect(businessDaysBeforeDeadline(tokyoTuesday, 'Pacific/Kiritimati', 1)).toBe('2023-06-05');
  });

  it('starts from a weekend deadline date and skips that weekend too', () => {
    // Saturday 10 June 2023, noon in London.
    const saturday = new Date('2023-06-10T11:00:00.000Z');
    expect(businessDaysBeforeDeadline(saturday, 'Europe/London', 0)).toBe('2023-06-10');
    expect(businessDaysBeforeDeadline(saturday, 'Europe/London', 1)).toBe('2023-06-09');
  });

  it('steps across a daylight-saving change and a year end by whole days', () => {
    // Tuesday 14 March 2023 in New York; clocks jumped on Sunday 12 March.
    expect(businessDaysBeforeDeadline(new Date('2023-03-14T21:00:00.000Z'), NY, 2)).toBe('2023-03-10');
    expect(businessDaysBeforeDeadline(new Date('2024-01-02T17:00:00.000Z'), NY, 2)).toBe('2023-12-29');
  });

  it('refuses a negative or fractional count', () => {
    expect(() => businessDaysBeforeDeadline(deadline, NY, -1)).toThrow(RangeError);
    expect(() => businessDaysBeforeDeadline(deadline, NY, 1.5)).toThrow(RangeError);
  });
});

describe('extensionDecisionDayProblem', () => {
  it('takes a day from the request to today, and names what is wrong with any other', () => {
    expect(extensionDecisionDayProblem('2023-05-26', '2023-05-25', '2023-06-01')).toBeNull();
    expect(extensionDecisionDayProblem('2023-05-25', '2023-05-25', '2023-05-25')).toBeNull();
    expect(extensionDecisionDayProblem('2023-06-02', '2023-05-25', '2023-06-01')).toBe(
      'decidedOn 2023-06-02 is in the future (today is 2023-06-01).',
    );
    expect(extensionDecisionDayProblem('2023-05-24', '2023-05-25', '2023-06-01')).toBe(
      'decidedOn 2023-05-24 is before the extension was asked for (2023-05-25).',
    );
  });
});
