import { isValidTimeZone, parseDeadline } from '@app/domain';
import { MIN_PASSWORD_LENGTH } from '@app/accounts';
import {
  DEMO_PASSWORD,
  DEMO_USERS,
  PROVISIONS,
  REFERENCE_AUDIT,
  REQUESTS,
  RESPONSE_STATES,
  SUBJECTS,
} from './reference-case';

// The reference case is hand-written data: these checks catch a typo before the seed does.
describe('reference case data', () => {
  it('has the eight apps and six requests of the letter', () => {
    expect(SUBJECTS).toHaveLength(8);
    expect(new Set(SUBJECTS.map((s) => s.name)).size).toBe(8);
    expect(REQUESTS.map((r) => r.ordinal)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('cites only provisions it defines', () => {
    const references = new Set(PROVISIONS.map((p) => p.reference));
    for (const r of REQUESTS) expect(references).toContain(r.provision);
  });

  it('names only demo users that exist, with unique emails and valid zones', () => {
    const keys = new Set(DEMO_USERS.map((u) => u.key));
    expect(new Set(DEMO_USERS.map((u) => u.email)).size).toBe(DEMO_USERS.length);
    for (const u of DEMO_USERS) {
      expect(u.email).toMatch(/@example\.com$/);
      expect(isValidTimeZone(u.timeZone)).toBe(true);
    }
    for (const s of SUBJECTS) expect(keys).toContain(s.owner);
    for (const c of RESPONSE_STATES.flatMap((s) => s.comments ?? [])) expect(keys).toContain(c.author);
    expect(keys).toContain(REFERENCE_AUDIT.createdBy);
  });

  it('places every response state on a cell of the grid, once', () => {
    const names = new Set(SUBJECTS.map((s) => s.name));
    const cells = RESPONSE_STATES.map((s) => `${s.subject}:${s.request}`);
    expect(new Set(cells).size).toBe(cells.length);
    for (const s of RESPONSE_STATES) {
      expect(names).toContain(s.subject);
      expect(REQUESTS.map((r) => r.ordinal)).toContain(s.request);
      if (s.status === 'APPROVED') expect(s.approvedAt).toBeDefined();
      if (s.status !== 'NOT_STARTED') expect(s.answer?.trim()).toBeTruthy();
    }
  });

  it('reads the deadline as 17:00 in New York', () => {
    const { local, timeZone } = REFERENCE_AUDIT.deadline;
    expect(parseDeadline(local, timeZone)?.toISOString()).toBe('2023-06-07T21:00:00.000Z');
  });

  it('uses a demo password the login rules accept', () => {
    expect(DEMO_PASSWORD.length).toBeGreaterThanOrEqual(MIN_PASSWORD_LENGTH);
  });
});
