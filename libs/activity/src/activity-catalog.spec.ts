import type { ActivityInput } from './activity';
import {
  ACTIVITY_ACTION_LABEL,
  ACTIVITY_ACTIONS,
  ACTIVITY_CATALOG,
  ACTIVITY_ENTITY_TYPE_LABEL,
  ACTIVITY_ENTITY_FIELDS,
  ACTIVITY_ENTITY_TYPES,
  ACTIVITY_FIELDS,
  activityField,
  type ActivityField,
  AUDIT_ACTIVITY_ENTITY_TYPES,
  auditHistoryActions,
  isActivityAction,
} from './activity-catalog';

describe('the activity catalog', () => {
  it('holds the twenty-five entity types the writers record', () => {
    expect(ACTIVITY_ENTITY_TYPES).toEqual([
      'audit',
      'member',
      'provision',
      'subject',
      'request',
      'response',
      'comment',
      'evidence',
      'source_document',
      'correspondence',
      'invitation',
      'extension',
      'reminder',
      'report',
      'disposition',
      'response_letter',
      'objection',
      'production',
      'production_release',
      'response_submission',
      'privilege_log_entry',
      'redaction',
      'request_template',
      'form_template',
      'session',
      'api_token',
      'user',
    ]);
  });

  it('gives every entity type and every action a label, and no two the same one', () => {
    for (const type of ACTIVITY_ENTITY_TYPES) expect(ACTIVITY_ENTITY_TYPE_LABEL[type]).toMatch(/^[A-Z]\S/);
    for (const action of ACTIVITY_ACTIONS) expect(ACTIVITY_ACTION_LABEL[action]).toMatch(/^[A-Z]\S/);
    expect(Object.keys(ACTIVITY_ACTION_LABEL).sort()).toEqual([...ACTIVITY_ACTIONS].sort());
    const typeLabels = Object.values(ACTIVITY_ENTITY_TYPE_LABEL);
    const actionLabels = Object.values(ACTIVITY_ACTION_LABEL);
    expect(new Set(typeLabels).size).toBe(typeLabels.length);
    expect(new Set(actionLabels).size).toBe(actionLabels.length);
  });

  it('spells every stored word in lower snake case, each action once per entity type', () => {
    for (const type of ACTIVITY_ENTITY_TYPES) {
      expect(type).toMatch(/^[a-z]+(_[a-z]+)*$/);
      const actions: readonly string[] = ACTIVITY_CATALOG[type].actions;
      expect(actions.length).toBeGreaterThan(0);
      expect(new Set(actions).size).toBe(actions.length);
      for (const action of actions) expect(action).toMatch(/^[a-z]+(_[a-z]+)*$/);
    }
    expect(new Set(ACTIVITY_ACTIONS).size).toBe(ACTIVITY_ACTIONS.length);
  });

  it("keeps organisation and account events (templates, sessions, tokens) out of an audit's history", () => {
    expect(AUDIT_ACTIVITY_ENTITY_TYPES).not.toEqual(expect.arrayContaining(['session']));
    expect(ACTIVITY_ENTITY_TYPES.filter((type) => !AUDIT_ACTIVITY_ENTITY_TYPES.includes(type))).toEqual([
      'objection',
      'request_template',
      'form_template',
      'session',
      'api_token',
    ]);
  });

  it("holds the one account event recorded in an audit: a new user's invitation", () => {
    expect(AUDIT_ACTIVITY_ENTITY_TYPES).toContain('user');
    expect(auditHistoryActions('user')).toEqual(['invited']);
    expect(auditHistoryActions('response')).toEqual(ACTIVITY_CATALOG.response.actions);
    expect(auditHistoryActions('session')).toEqual([]);
    for (const type of ACTIVITY_ENTITY_TYPES)
      for (const action of auditHistoryActions(type)) expect(isActivityAction(type, action)).toBe(true);
  });

  it('knows which actions are recorded for which entity type', () => {
    expect(isActivityAction('response', 'status_changed')).toBe(true);
    expect(isActivityAction('member', 'status_changed')).toBe(false);
    expect(isActivityAction('evidence', 'integrity_failed')).toBe(true);
  });

  it('lets a writer record only a pair of the catalog (checked when this file compiles)', () => {
    const base = { actorId: null, auditId: null, entityId: 'x' };
    const valid: ActivityInput[] = [
      { ...base, entityType: 'response', action: 'status_changed' },
      { ...base, entityType: 'extension', action: 'granted' },
    ];
    // @ts-expect-error an entity type that is not in the catalog
    const unknownType: ActivityInput = { ...base, entityType: 'responses', action: 'updated' };
    // @ts-expect-error an action that is not recorded for that entity type
    const wrongPair: ActivityInput = { ...base, entityType: 'member', action: 'uploaded' };
    expect([...valid, unknownType, wrongPair]).toHaveLength(4);
  });
});

describe('the fields the activity catalog reads', () => {
  const entries: [string, ActivityField][] = [
    ...Object.entries(ACTIVITY_FIELDS),
    ...Object.values(ACTIVITY_ENTITY_FIELDS).flatMap((fields) => Object.entries(fields ?? {})),
  ];

  it('give each code its set, each record its noun, and name a record only by a field the catalog reads', () => {
    for (const [field, entry] of entries) {
      if (entry.kind === 'code') expect([field, entry.codes]).toEqual([field, expect.any(String)]);
      if (entry.kind === 'record') expect([field, entry.noun]).toEqual([field, expect.any(String)]);
      if (entry.namedBy) expect([field, entry.namedBy in ACTIVITY_FIELDS]).toEqual([field, true]);
    }
  });

  it('read the calendar days the writers record as days, not as instants', () => {
    const days = ['letterDate', 'receivedOn', 'periodStart', 'periodEnd', 'submittedAt', 'dueDate'];
    const more = ['requestedOn', 'decidedOn', 'productionDate', 'collectedOn'];
    for (const field of [...days, ...more])
      expect([field, activityField('audit', field)?.kind]).toEqual([field, 'day']);
  });

  it("read a field by what the event is about first: a status is the response's, the audit's or the extension's", () => {
    expect(activityField('response', 'status')).toMatchObject({ kind: 'code', codes: 'responseStatus' });
    expect(activityField('extension', 'status')).toMatchObject({ kind: 'code', codes: 'extensionStatus' });
    expect(activityField('redaction', 'reason')).toMatchObject({ kind: 'code', codes: 'redactionReason' });
    expect(activityField('audit', 'reason')).toMatchObject({ kind: 'text' });
    expect(activityField('response', 'formValues.volume')).toMatchObject({ kind: 'text' });
    expect(activityField('audit', 'neverRecorded')).toBeUndefined();
  });
});
