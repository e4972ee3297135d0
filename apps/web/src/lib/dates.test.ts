import { describe, expect, it } from 'vitest';
import { type DeadlineSubject, describeDeadline } from './dates';

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
