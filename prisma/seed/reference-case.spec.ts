import {
  checkFormDefinition,
  checkFormValues,
  compareFormAnswers,
  isDone,
  isValidTimeZone,
  parseDeadline,
} from '@app/domain';
import { MIN_PASSWORD_LENGTH } from '@app/accounts';
import {
  DEMO_PASSWORD,
  DEMO_USERS,
  FORM_ANSWERS,
  FORM_TEMPLATES,
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

  it('defines form templates a form editor accepts, each on requests of the case, a request at most once', () => {
    const ordinals = FORM_TEMPLATES.flatMap((t) => t.requests);
    expect(new Set(ordinals).size).toBe(ordinals.length);
    for (const t of FORM_TEMPLATES) {
      expect(checkFormDefinition(t.fields)).toEqual([]);
      for (const ordinal of t.requests) expect(REQUESTS.map((r) => r.ordinal)).toContain(ordinal);
    }
    expect(FORM_TEMPLATES.map((t) => [t.name, t.requests])).toEqual([
      ['Data inventory', [1]],
      ['Government access', [5]],
    ]);
  });

  it('gives form values that fit their form, on responses that have moved on from not started', () => {
    for (const a of FORM_ANSWERS) {
      const template = FORM_TEMPLATES.find((t) => t.requests.includes(a.request));
      expect(template).toBeDefined();
      expect(checkFormValues(template!.fields, a.values)).toEqual([]);
      const state = RESPONSE_STATES.find((s) => s.subject === a.subject && s.request === a.request);
      expect(state?.status).toBeDefined();
      expect(state?.status).not.toBe('NOT_STARTED');
    }
  });

  it('answers each form so that the comparison shows a difference, and an app not yet done left a required entry empty', () => {
    for (const t of FORM_TEMPLATES) {
      const answers = FORM_ANSWERS.filter((a) => t.requests.includes(a.request));
      expect(answers.length).toBeGreaterThanOrEqual(2);
      expect(compareFormAnswers(t.fields, answers).differing.length).toBeGreaterThan(0);
    }
    const inventory = FORM_TEMPLATES[0];
    const r1 = FORM_ANSWERS.filter((a) => a.request === 1);
    const { missing } = compareFormAnswers(inventory.fields, r1);
    const gaps = r1.filter((_, i) => missing[i].length > 0);
    expect(gaps.map((a) => [a.subject, missing[r1.indexOf(a)]])).toEqual([['Bing Pages 2', ['volume']]]);
    const state = RESPONSE_STATES.find((s) => s.subject === 'Bing Pages 2' && s.request === 1)!;
    expect(isDone(state.status)).toBe(false);
  });
});
