import {
  DEFAULT_REMINDER_POLICY,
  DEFAULT_REMINDER_PREFERENCES,
  isValidReminderDays,
  lastReminderDay,
  nextReminders,
  planReminders,
  ReminderReason,
  type PlannedReminder,
  type ReminderPreferences,
} from './reminder-schedule';
import { FixedClock, ReplayClock } from './clock';

// The reference case: demand received Thursday 18 May 2023, response due Wednesday
// 7 June 2023 at 17:00 in New York. Counsel sits in New York, the app owner in Redmond.
const NY = 'America/New_York';
const REDMOND = 'America/Los_Angeles';
const deadline = new Date('2023-06-07T21:00:00Z');
const zones: Record<string, string> = { lead: NY, owner: REDMOND, reviewer: NY };
const base = {
  policy: DEFAULT_REMINDER_POLICY,
  deadline,
  zone: NY,
  leadCounselIds: ['lead'],
  zoneOf: (id: string) => zones[id] ?? 'UTC',
  now: new Date('2023-05-18T13:00:00Z'),
};

const times = (plan: PlannedReminder[], recipient: string, reason: ReminderReason) =>
  plan.filter((r) => r.recipientId === recipient && r.reasons.includes(reason)).map((r) => r.sendAt.toISOString());

/** The one open item: assigned to the owner, reviewed by the reviewer, due Fri 2 June. */
const item = {
  id: 'r1',
  status: 'NOT_STARTED' as const,
  assigneeId: 'owner',
  reviewerId: 'reviewer',
  dueDate: '2023-06-02',
};

describe('planReminders', () => {
  it('reminds the assignee before the deadline at 09:00 in their zone, moving a Sunday to the Friday before', () => {
    const plan = planReminders({ ...base, items: [item] });
    // 14 days: Wed 24 May; 7: Wed 31 May; 3: Sun 4 June -> Fri 2 June; 1: Tue 6 June; on the day: Wed 7 June.
    // 09:00 in Redmond (PDT, UTC-7) is 16:00Z.
    expect(times(plan, 'owner', ReminderReason.DEADLINE)).toEqual([
      '2023-05-24T16:00:00.000Z',
      '2023-05-31T16:00:00.000Z',
      '2023-06-02T16:00:00.000Z',
      '2023-06-06T16:00:00.000Z',
      '2023-06-07T16:00:00.000Z',
    ]);
  });

  it('reminds before the internal due date and every business day after it, skipping the weekend', () => {
    const plan = planReminders({ ...base, items: [item] });
    // Due Friday 2 June: 3 days before is Tue 30 May, 1 day Thu 1 June, on the day Fri 2 June.
    expect(times(plan, 'owner', ReminderReason.DUE_DATE)).toEqual([
      '2023-05-30T16:00:00.000Z',
      '2023-06-01T16:00:00.000Z',
      '2023-06-02T16:00:00.000Z',
    ]);
    // Overdue from Monday 5 June (Sat 3 and Sun 4 skipped).
    expect(times(plan, 'owner', ReminderReason.OVERDUE).slice(0, 3)).toEqual([
      '2023-06-05T16:00:00.000Z',
      '2023-06-06T16:00:00.000Z',
      '2023-06-07T16:00:00.000Z',
    ]);
    // The reviewer (New York, EDT) is told at 09:00 their time = 13:00Z.
    expect(times(plan, 'reviewer', ReminderReason.OVERDUE_NOTICE)[0]).toBe('2023-06-05T13:00:00.000Z');
    expect(times(plan, 'lead', ReminderReason.OVERDUE_NOTICE)[0]).toBe('2023-06-05T13:00:00.000Z');
  });

  it('sends one digest per recipient and send time, with every reason and item', () => {
    const second = { ...item, id: 'r2', dueDate: null };
    const plan = planReminders({ ...base, items: [item, second] });
    const friday = plan.filter(
      (r) => r.recipientId === 'owner' && r.sendAt.toISOString() === '2023-06-02T16:00:00.000Z',
    );
    expect(friday).toHaveLength(1);
    expect(friday[0].reasons.sort()).toEqual([ReminderReason.DEADLINE, ReminderReason.DUE_DATE]);
    expect(friday[0].itemIds.sort()).toEqual(['r1', 'r2']);
    const keys = plan.map((r) => `${r.recipientId}|${r.sendAt.toISOString()}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('escalates every open item to lead counsel on every business day from 3 days before the deadline', () => {
    const plan = planReminders({ ...base, items: [item, { ...item, id: 'r2', assigneeId: null }] });
    // 3 days before Wed 7 June is Sun 4 June: from the Friday before, then Mon 5, Tue 6, Wed 7.
    expect(times(plan, 'lead', ReminderReason.ESCALATION)).toEqual([
      '2023-06-02T13:00:00.000Z',
      '2023-06-05T13:00:00.000Z',
      '2023-06-06T13:00:00.000Z',
      '2023-06-07T13:00:00.000Z',
    ]);
    expect(plan.find((r) => r.reasons.includes(ReminderReason.ESCALATION))!.itemIds.sort()).toEqual(['r1', 'r2']);
  });

  it('plans nothing for done items and nothing in the past', () => {
    expect(planReminders({ ...base, items: [{ ...item, status: 'APPROVED' }] })).toEqual([]);
    const now = new Date('2023-06-06T16:00:00Z');
    const plan = planReminders({ ...base, now, items: [item] });
    expect(plan.length).toBeGreaterThan(0);
    expect(plan.every((r) => r.sendAt > now)).toBe(true);
    expect(times(plan, 'owner', ReminderReason.DEADLINE)).toEqual(['2023-06-07T16:00:00.000Z']);
  });

  it('returns send times from `plannedFrom` when given, with the post-due window still counted from now', () => {
    const now = new Date('2023-06-06T16:00:30Z');
    const plan = planReminders({ ...base, now, plannedFrom: new Date('2023-06-06T15:59:59Z'), items: [item] });
    // The 1-day reminder due 30 s ago is still wanted: the caller keeps it rather than cancel it.
    expect(times(plan, 'owner', ReminderReason.DEADLINE)).toEqual([
      '2023-06-06T16:00:00.000Z',
      '2023-06-07T16:00:00.000Z',
    ]);
    const fromNow = planReminders({ ...base, now, items: [item] });
    expect(times(plan, 'owner', ReminderReason.OVERDUE).at(-1)).toBe(
      times(fromNow, 'owner', ReminderReason.OVERDUE).at(-1),
    );
  });

  it('keeps overdue reminders on business days only, within the planning window', () => {
    const plan = planReminders({ ...base, items: [item] });
    const overdue = plan.filter((r) => r.recipientId === 'owner' && r.reasons.includes(ReminderReason.OVERDUE));
    expect(overdue.length).toBeGreaterThan(10);
    expect(overdue.every((r) => ![0, 6].includes(r.sendAt.getUTCDay()))).toBe(true);
  });

  it('follows the policy: other days, another hour, no daily chasing', () => {
    const policy = {
      ...DEFAULT_REMINDER_POLICY,
      deadlineDaysBefore: [2],
      dueDateDaysBefore: [],
      afterDueDaily: false,
      sendHour: 8,
    };
    const plan = planReminders({ ...base, policy, items: [item] });
    // 2 days before Wed 7 June: Mon 5 June, 08:00 PDT. Lead counsel's escalation keeps its own
    // days (every business day from 3 days before), at 08:00 EDT.
    expect(plan.map((r) => [r.recipientId, r.sendAt.toISOString(), r.reasons])).toEqual([
      ['lead', '2023-06-02T12:00:00.000Z', [ReminderReason.ESCALATION]],
      ['lead', '2023-06-05T12:00:00.000Z', [ReminderReason.ESCALATION]],
      ['owner', '2023-06-05T15:00:00.000Z', [ReminderReason.DEADLINE]],
      ['lead', '2023-06-06T12:00:00.000Z', [ReminderReason.ESCALATION]],
      ['lead', '2023-06-07T12:00:00.000Z', [ReminderReason.ESCALATION]],
    ]);
  });

  it('plans nothing for silenced people (deactivated, or who turned the audit off), the others unchanged', () => {
    const all = planReminders({ ...base, items: [item] });
    const plan = planReminders({ ...base, items: [item], silencedIds: new Set(['owner']) });
    expect(plan.some((r) => r.recipientId === 'owner')).toBe(false);
    expect(plan).toEqual(all.filter((r) => r.recipientId !== 'owner'));
  });

  it('stops chasing the quiet period after the deadline, and plans nothing once it is over', () => {
    const plan = planReminders({ ...base, items: [item], quietAfterDays: 3 });
    // Deadline Wed 7 June (New York); three days later is Sat 10 June: the last chase is the
    // business day before, Fri 9 June, 09:00 in each recipient's zone.
    expect(times(plan, 'owner', ReminderReason.OVERDUE).at(-1)).toBe('2023-06-09T16:00:00.000Z');
    expect(times(plan, 'reviewer', ReminderReason.OVERDUE_NOTICE).at(-1)).toBe('2023-06-09T13:00:00.000Z');
    const years = planReminders({ ...base, now: new Date('2026-12-01T12:00:00Z'), items: [item], quietAfterDays: 30 });
    expect(years).toEqual([]);
  });
});

describe('lastReminderDay', () => {
  it('is the day the planner chases last: the quiet period after the deadline’s day in the audit’s zone', () => {
    expect(lastReminderDay(deadline, NY, 5)).toBe('2023-06-12');
    const plan = planReminders({ ...base, items: [item], quietAfterDays: 5 });
    // Mon 12 June, 09:00 in Redmond: the planner's last chase falls on that day.
    expect(times(plan, 'owner', ReminderReason.OVERDUE).at(-1)).toBe('2023-06-12T16:00:00.000Z');
    // 22:00 on 7 June in New York is already 8 June in UTC: the audit's zone decides the day.
    expect(lastReminderDay(new Date('2023-06-08T02:00:00Z'), NY, 30)).toBe('2023-07-07');
  });
});

describe('nextReminders', () => {
  it("keeps each recipient's next digest only: the owner's 24 May, lead counsel's and the reviewer's first overdue notice", () => {
    const plan = planReminders({ ...base, items: [item] });
    expect(plan.length).toBeGreaterThan(40);
    const next = nextReminders(plan, base.now);
    expect(next.map((r) => [r.recipientId, r.sendAt.toISOString(), r.reasons])).toEqual([
      ['owner', '2023-05-24T16:00:00.000Z', [ReminderReason.DEADLINE]],
      ['lead', '2023-06-02T13:00:00.000Z', [ReminderReason.ESCALATION]],
      ['reviewer', '2023-06-05T13:00:00.000Z', [ReminderReason.OVERDUE_NOTICE]],
    ]);
  });

  it('keeps every send time already due (to match digests not yet sent) beside each next one', () => {
    const now = new Date('2023-06-06T16:00:30Z');
    const plan = planReminders({ ...base, now, plannedFrom: new Date('2023-06-05T00:00:00Z'), items: [item] });
    const next = nextReminders(plan, now);
    const owner = next.filter((r) => r.recipientId === 'owner').map((r) => r.sendAt.toISOString());
    // Mon 5 and Tue 6 June (due, not sent) and Wed 7 June, the next one.
    expect(owner).toEqual(['2023-06-05T16:00:00.000Z', '2023-06-06T16:00:00.000Z', '2023-06-07T16:00:00.000Z']);
  });

  it('gives the same answer whatever order the plan comes in', () => {
    const plan = planReminders({ ...base, items: [item] });
    expect(nextReminders([...plan].reverse(), base.now)).toEqual(nextReminders(plan, base.now));
  });
});

describe('planReminders: quiet and control', () => {
  // The planner reads the time it is given; the API and the worker pass their injected Clock's.
  const clock = new FixedClock(new Date('2023-05-18T13:00:00Z'));
  const at = (prefs: Record<string, Partial<ReminderPreferences>>) => ({
    ...base,
    now: clock.now(),
    items: [item],
    preferencesOf: (id: string) => (prefs[id] ? { ...DEFAULT_REMINDER_PREFERENCES, ...prefs[id] } : undefined),
  });
  const digests = (plan: PlannedReminder[], recipient: string) =>
    plan.filter((r) => r.recipientId === recipient).map((r) => r.sendAt.toISOString());

  it("sends at the user's own hour in their zone; the others keep the policy's", () => {
    const plan = planReminders(at({ owner: { hour: 7 } }));
    // 07:00 in Redmond (PDT) is 14:00Z; the reviewer stays at 09:00 New York (13:00Z).
    expect(times(plan, 'owner', ReminderReason.DEADLINE)).toEqual([
      '2023-05-24T14:00:00.000Z',
      '2023-05-31T14:00:00.000Z',
      '2023-06-02T14:00:00.000Z',
      '2023-06-06T14:00:00.000Z',
      '2023-06-07T14:00:00.000Z',
    ]);
    expect(times(plan, 'reviewer', ReminderReason.OVERDUE_NOTICE)[0]).toBe('2023-06-05T13:00:00.000Z');
  });

  it("sends only on the user's days: a reminder ahead of a date comes on their day before it, chasing skips the others", () => {
    const plan = planReminders(at({ owner: { days: [1, 3] } }));
    // Mondays and Wednesdays: 14 days (Wed 24 May) and 7 days (Wed 31 May) stay; 3 days (Sun 4 June)
    // moves to Wed 31 May (one digest); 1 day (Tue 6 June) to Mon 5 June; on the day, Wed 7 June.
    expect(times(plan, 'owner', ReminderReason.DEADLINE)).toEqual([
      '2023-05-24T16:00:00.000Z',
      '2023-05-31T16:00:00.000Z',
      '2023-06-05T16:00:00.000Z',
      '2023-06-07T16:00:00.000Z',
    ]);
    const overdue = times(plan, 'owner', ReminderReason.OVERDUE);
    expect(overdue.length).toBeGreaterThan(5);
    expect(overdue.every((t) => [1, 3].includes(new Date(t).getUTCDay()))).toBe(true);
    const keys = plan.map((r) => `${r.recipientId}|${r.sendAt.toISOString()}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('sends on a weekend to someone who takes digests then', () => {
    const plan = planReminders(at({ lead: { days: [1, 2, 3, 4, 5, 6, 7] } }));
    // Escalation from 3 days before Wed 7 June: Sun 4 June itself, not the Friday before.
    expect(times(plan, 'lead', ReminderReason.ESCALATION)).toEqual([
      '2023-06-04T13:00:00.000Z',
      '2023-06-05T13:00:00.000Z',
      '2023-06-06T13:00:00.000Z',
      '2023-06-07T13:00:00.000Z',
    ]);
    expect(times(plan, 'lead', ReminderReason.OVERDUE_NOTICE)).toContain('2023-06-10T13:00:00.000Z');
  });

  it('sends nothing during a vacation and what fell due in it on the first allowed day after', () => {
    const plan = planReminders(at({ owner: { pausedFrom: '2023-05-29', pausedUntil: '2023-06-02' } }));
    const owner = digests(plan, 'owner');
    expect(owner.filter((t) => t >= '2023-05-29' && t < '2023-06-03')).toEqual([]);
    expect(owner.slice(0, 2)).toEqual(['2023-05-24T16:00:00.000Z', '2023-06-05T16:00:00.000Z']);
    // Monday 5 June carries everything held back (deadline and due-date reminders) and that day's chase.
    const monday = plan.find(
      (r) => r.recipientId === 'owner' && r.sendAt.toISOString() === '2023-06-05T16:00:00.000Z',
    )!;
    expect(monday.reasons.sort()).toEqual([ReminderReason.DEADLINE, ReminderReason.DUE_DATE, ReminderReason.OVERDUE]);
    // Nobody else's plan moves.
    const none = planReminders(at({}));
    expect(plan.filter((r) => r.recipientId !== 'owner')).toEqual(none.filter((r) => r.recipientId !== 'owner'));
  });

  it('a vacation reaching past the stop period: nothing is sent from its first day', () => {
    const plan = planReminders({
      ...at({ owner: { pausedFrom: new Date('2023-06-01T00:00:00Z'), pausedUntil: new Date('2023-06-30T00:00:00Z') } }),
      quietAfterDays: 10,
    });
    // From 1 June to the end of the chase (17 June) the owner is away: nothing after 31 May.
    expect(digests(plan, 'owner').at(-1)).toBe('2023-05-31T16:00:00.000Z');
    expect(digests(plan, 'reviewer').length).toBeGreaterThan(0);
  });

  it('plans nothing for an audit whose reminders counsel paused', () => {
    expect(planReminders({ ...at({}), paused: true })).toEqual([]);
    expect(planReminders({ ...at({}), paused: false }).length).toBeGreaterThan(0);
  });

  it('stops once the deadline is more than the stop period past, whatever the preferences', () => {
    const later = new FixedClock(new Date('2023-07-20T12:00:00Z'));
    const plan = planReminders({ ...at({ owner: { days: [6, 7] } }), now: later.now(), quietAfterDays: 30 });
    expect(plan).toEqual([]);
  });

  it('accepts 1 to 7 distinct weekdays', () => {
    expect(isValidReminderDays([1, 2, 3, 4, 5])).toBe(true);
    expect(isValidReminderDays([7])).toBe(true);
    expect(isValidReminderDays([])).toBe(false);
    expect(isValidReminderDays([0])).toBe(false);
    expect(isValidReminderDays([8])).toBe(false);
    expect(isValidReminderDays([1, 1])).toBe(false);
  });
});

describe('ReplayClock', () => {
  // The process's time is faked, so the clock is read at exact instants, never raced.
  beforeEach(() => jest.useFakeTimers({ now: new Date('2026-12-02T10:00:00Z') }));
  afterEach(() => jest.useRealTimers());

  it('starts at the given instant and runs forward with real time', () => {
    const clock = new ReplayClock(new Date('2023-05-18T13:00:00Z'));
    expect(clock.now().toISOString()).toBe('2023-05-18T13:00:00.000Z');
    jest.advanceTimersByTime(5_000);
    expect(clock.now().toISOString()).toBe('2023-05-18T13:00:05.000Z');
  });

  it('counts from the real instant it is given, not from when it was made', () => {
    const clock = new ReplayClock(new Date('2023-05-18T13:00:00Z'), Date.now() - 5_000);
    expect(clock.now().toISOString()).toBe('2023-05-18T13:00:05.000Z');
  });
});
