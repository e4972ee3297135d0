import { remindersStopped } from './reminders-stopped';

// The reference case's deadline: Wed 7 June 2023, 17:00 in New York.
const open = {
  status: 'OPEN' as const,
  paused: false,
  responseDeadline: new Date('2023-06-07T21:00:00Z'),
  deadlineTimeZone: 'America/New_York',
  openItems: 46,
};

describe('remindersStopped', () => {
  it('says nothing while reminders still go out, up to the last day of the quiet period', () => {
    expect(remindersStopped(open, new Date('2023-05-18T13:00:00Z'), 30)).toBeNull();
    // 7 July is the 30th day after the deadline's: still chased (late evening in New York).
    expect(remindersStopped(open, new Date('2023-07-08T03:59:00Z'), 30)).toBeNull();
  });

  it('says reminders stopped once the deadline is more than the quiet period past, with the days', () => {
    expect(remindersStopped(open, new Date('2023-07-08T04:00:00Z'), 30)).toEqual({
      reason: 'PAST_DEADLINE',
      deadlineDay: '2023-06-07',
      lastReminderDay: '2023-07-07',
      quietAfterDays: 30,
    });
    // The demo: an audit years past its deadline, 46 items overdue.
    expect(remindersStopped(open, new Date('2026-12-04T12:00:00Z'), 30)?.reason).toBe('PAST_DEADLINE');
  });

  it('names an audit that is over, then a pause, before the deadline, and no open work last', () => {
    const later = new Date('2026-12-04T12:00:00Z');
    expect(remindersStopped({ ...open, status: 'SUBMITTED', paused: true }, later, 30)).toMatchObject({
      reason: 'AUDIT_SUBMITTED',
      lastReminderDay: null,
    });
    expect(remindersStopped({ ...open, status: 'CLOSED' }, later, 30)?.reason).toBe('AUDIT_CLOSED');
    expect(remindersStopped({ ...open, paused: true }, later, 30)?.reason).toBe('PAUSED');
    const early = new Date('2023-05-18T13:00:00Z');
    expect(remindersStopped({ ...open, openItems: 0 }, early, 30)?.reason).toBe('NO_OPEN_WORK');
    expect(remindersStopped({ ...open, status: 'DRAFT' }, early, 30)).toBeNull();
  });
});
