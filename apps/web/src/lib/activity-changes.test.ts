import { describe, expect, it } from 'vitest';
import {
  ACTIVITY_ENTITY_FIELDS,
  ACTIVITY_ENTITY_TYPES,
  ACTIVITY_FIELDS,
  type ActivityEntityType,
  type ActivityField,
} from '@app/activity/activity-catalog';
import { ACTIVITY_CODE_LABELS, readChanges, readFieldValue } from './activity-changes';

const person = 'b0000000-0000-4000-8000-000000000002';
// West of UTC: a calendar day read as an instant there falls on the day before.
const context = { names: new Map([[person, 'Helen Byrne']]), timeZone: 'America/New_York' };

/** What a writer records for a field of each kind (several shapes where writers differ). */
function recordedValues(entry: ActivityField): unknown[] {
  switch (entry.kind) {
    case 'text':
      return ['Checked against the 2022 logs'];
    case 'day':
      return ['2026-11-20', '2026-11-20T00:00:00.000Z'];
    case 'instant':
      return ['2026-12-18T22:00:00.000Z'];
    case 'number':
      return [3, 0];
    case 'bytes':
      return [1_258_291];
    case 'yesNo':
      return [true, false];
    case 'person':
      return [person];
    case 'record':
      return ['3d3db7ab-e752-4c2b-93f0-1b7fb3a5d7fe', ['3d3db7ab-e752-4c2b-93f0-1b7fb3a5d7fe']];
    case 'code':
      return Object.keys(ACTIVITY_CODE_LABELS[entry.codes!]);
    case 'list':
      return [['CONFIDENTIAL', 'HIGHLY CONFIDENTIAL - AEO'], []];
    case 'objections':
      return [
        // As recorded before the log kept the objection's words, and since.
        [{ note: null, objectionId: '3d3db7ab-e752-4c2b-93f0-1b7fb3a5d7fe', provisionId: null }],
        [
          {
            objectionId: '3d3db7ab-e752-4c2b-93f0-1b7fb3a5d7fe',
            title: 'Overbroad',
            provisionId: 'c0000000-0000-4000-8000-000000000001',
            provision: 'II.D',
            note: 'Reaches every app',
          },
        ],
      ];
    case 'box':
      return [{ x: 0.0811, y: 0.0809, width: 0.768, height: 0.0598 }];
    case 'document':
      return [{ id: '25fba332-3362-4a44-adf9-1d6cce0b8aca', evidenceVersionId: person, fileName: 'ev1-v2.csv' }];
    case 'byteRange':
      return [null, '0-1023'];
    case 'address':
      return ['::1', '203.0.113.7'];
    case 'settings':
      return [{ includeUnapproved: true, sections: ['SUMMARY', 'GRID'] }, { deadlineDaysBefore: [7, 3, 1] }];
  }
}

/** Every field the catalog knows, with the entity types it is read for. */
const everyField: [ActivityEntityType, string, ActivityField][] = [
  ...Object.entries(ACTIVITY_FIELDS).map(([field, entry]): [ActivityEntityType, string, ActivityField] => [
    'audit',
    field,
    entry,
  ]),
  ...ACTIVITY_ENTITY_TYPES.flatMap((type) =>
    Object.entries(ACTIVITY_ENTITY_FIELDS[type] ?? {}).map(
      ([field, entry]): [ActivityEntityType, string, ActivityField] => [type, field, entry],
    ),
  ),
];

const ENUM_KEY = /\b[A-Z][A-Z0-9]*(_[A-Z0-9]+)+\b/;
const JSON_TEXT = /[{}[\]"]/;
const ISO_TIME = /\d{4}-\d{2}-\d{2}(T\d{2}:\d{2})?/;
const ID = /[0-9a-f]{8}-[0-9a-f]{4}-/i;

describe('every field the activity catalog knows', () => {
  it.each(everyField)('%s.%s reads in words: no code key, JSON, ISO date or id', (type, field, entry) => {
    for (const value of recordedValues(entry)) {
      const [line] = readChanges(type, { [field]: { before: null, after: value } }, context);
      // A record's id the event names in words elsewhere is left out; otherwise a line shows.
      if (!line) {
        expect(entry.namedBy).toBeTruthy();
        continue;
      }
      for (const shown of [line.label, line.after]) {
        expect(shown, `${field} = ${JSON.stringify(value)}`).not.toMatch(ENUM_KEY);
        expect(shown, `${field} = ${JSON.stringify(value)}`).not.toMatch(JSON_TEXT);
        expect(shown, `${field} = ${JSON.stringify(value)}`).not.toMatch(ISO_TIME);
        expect(shown, `${field} = ${JSON.stringify(value)}`).not.toMatch(ID);
        expect(shown, `${field} = ${JSON.stringify(value)}`).not.toBe('a record');
        expect(shown).not.toBe('');
      }
      // The field's name on screen is words, never the recorded key ("copiedFromAuditId").
      if (/[a-z][A-Z]/.test(field)) expect(line.label).not.toBe(field);
    }
  });

  it('covers every code of each set it reads, by the label the rest of the UI shows', () => {
    expect(readFieldValue(ACTIVITY_FIELDS.disposition, 'NOT_APPLICABLE', context)).toBe('Not applicable');
    expect(readFieldValue(ACTIVITY_FIELDS.disposition, 'COMPLY', context)).toBe('Will comply');
    expect(readChanges('extension', { status: { before: 'REQUESTED', after: 'GRANTED' } }, context)[0]).toMatchObject({
      label: 'Status',
      before: 'Requested',
      after: 'Granted',
    });
    // A code a later release adds still reads as words until it has a label.
    expect(readFieldValue(ACTIVITY_FIELDS.disposition, 'PARTLY_WITHDRAWN', context)).toBe('Partly withdrawn');
  });
});

describe('reading recorded values', () => {
  it('shows a calendar day as that day in every zone, however it was recorded', () => {
    for (const timeZone of ['America/Los_Angeles', 'UTC', 'Pacific/Kiritimati']) {
      const lines = readChanges(
        'audit',
        {
          letterDate: { before: null, after: '2026-11-20T00:00:00.000Z' },
          receivedOn: { before: null, after: '2026-11-21T00:00:00.000Z' },
          requestedOn: { before: null, after: '2026-12-04' },
        },
        { ...context, timeZone },
      );
      expect(lines.map((l) => `${l.label}: ${l.before} → ${l.after}`)).toEqual([
        'Letter dated: — → Fri, Nov 20, 2026',
        'Received on: — → Sat, Nov 21, 2026',
        'Asked on: — → Fri, Dec 4, 2026',
      ]);
    }
  });

  it("names a copy's source audit once, by its title and reference", () => {
    const lines = readChanges(
      'audit',
      {
        copiedFrom: { before: null, after: 'Twitter audit (TWTR-2023-05)' },
        copiedFromAuditId: { before: null, after: '2d295820-4992-41d9-bfb4-7bc6019bbd27' },
      },
      context,
    );
    expect(lines.map((l) => `${l.label}: ${l.after}`)).toEqual(['Copied from: Twitter audit (TWTR-2023-05)']);
  });

  it('reads objections by their titles, provision and note; sizes, ranges, methods and addresses in words', () => {
    const read = (type: ActivityEntityType, field: string, after: unknown) =>
      readChanges(type, { [field]: { before: null, after } }, context)[0].after;
    expect(
      read('disposition', 'objections', [
        { objectionId: person, title: 'Overbroad', provisionId: person, provision: 'II.D', note: null },
        { objectionId: person, title: 'Outside the period', provisionId: null, provision: null, note: 'Since 2021' },
      ]),
    ).toBe('Overbroad (citing II.D); Outside the period: Since 2021');
    expect(read('disposition', 'objections', [{ note: null, objectionId: person, provisionId: null }])).toBe(
      'An objection from the library',
    );
    expect(read('evidence', 'sizeBytes', 1_258_291)).toBe('1.2 MB');
    expect(read('evidence', 'range', null)).toBe('Whole file');
    expect(read('evidence', 'range', '0-1023')).toBe('Bytes 0–1,023');
    expect(read('evidence', 'result', 'MATCH')).toBe('Intact');
    expect(read('response_submission', 'method', 'ELECTRONIC')).toBe('Signed electronically');
    expect(read('response_submission', 'clientAddress', '::1')).toBe('IP address ::1');
    expect(read('report', 'options', { includeUnapproved: true })).toBe('Include unapproved: Yes');
  });
});
