import { createHash } from 'node:crypto';
import type { FormField, FormValues, ResponseStatus } from '@app/domain';
import {
  DEFAULT_CONFIDENTIALITY_LEGEND,
  type ReportData,
  type ReportEvidence,
  type ReportResponse,
} from '../report-data';

// A hand-built ReportData for specs and the benchmark: `subjects` x `requests` cells, with
// `evidencePerResponse` FILE evidence items behind each, and names in several scripts.

export const INTERNATIONAL_NAMES = ['Zoë Ødegård', 'Łukasz Żółć', 'Иван Петров', 'Γιώργος Παπαδόπουλος', 'José Núñez'];

export interface FixtureOptions {
  subjects: number;
  requests: number;
  evidencePerResponse?: number;
  draft?: boolean;
  /** Words in each answer (long answers break across pages). */
  answerWords?: number;
  legend?: string | null;
  /** Give R1 a data-inventory form and R2 a table form, answered differently by the subjects. */
  forms?: boolean;
}

/** R1's form in the fixture: every scalar type, an evidence link and a retired field. */
export const FIXTURE_INVENTORY_FORM: FormField[] = [
  {
    key: 'categories',
    label: 'Data categories',
    required: true,
    type: 'MULTIPLE_CHOICE',
    options: ['Tweets', 'Profiles', 'Direct messages'],
  },
  { key: 'volume', label: 'Volume', required: true, type: 'NUMBER', unit: 'records' },
  { key: 'period', label: 'Period held', required: false, type: 'DATE_RANGE' },
  { key: 'still_held', label: 'Still held', required: true, type: 'YES_NO' },
  { key: 'destroyed_on', label: 'Destroyed on', required: false, type: 'DATE' },
  { key: 'how', label: 'How destroyed', required: false, type: 'LONG_TEXT' },
  { key: 'proof', label: 'Proof of deletion', required: false, type: 'EVIDENCE' },
  { key: 'store', label: 'Storage system', required: false, type: 'SHORT_TEXT', retired: true },
];

/** R2's form in the fixture: one table. */
export const FIXTURE_ACCESS_FORM: FormField[] = [
  {
    key: 'entities',
    label: 'Government entities',
    required: true,
    type: 'TABLE',
    columns: [
      { key: 'entity', label: 'Entity', type: 'SHORT_TEXT', required: true },
      { key: 'country', label: 'Country', type: 'SHORT_TEXT' },
      { key: 'received', label: 'Received data', type: 'YES_NO' },
      { key: 'period', label: 'Period', type: 'DATE_RANGE' },
    ],
  },
];

/** What subject `s` (from 1) answered in R1 and R2 of the fixture; subject 3 left required entries empty. */
function fixtureFormValues(form: 'inventory' | 'access', s: number, evidenceIds: string[]): FormValues | null {
  if (form === 'access') {
    if (s === 3) return null;
    return {
      entities: [
        {
          entity: 'Ministry of Digital Affairs',
          country: 'Norway',
          received: s === 1,
          period: { from: '2022-01-01', to: '2022-06-30' },
        },
        ...(s === 2 ? [{ entity: '東京都デジタル局', country: 'Japan', received: false, period: null }] : []),
      ],
    };
  }
  if (s === 3) return { categories: ['Tweets'], still_held: true };
  return {
    categories: s === 1 ? ['Tweets', 'Profiles'] : ['Tweets'],
    volume: s === 1 ? 1_200_000 : 48_500,
    period: { from: '2021-05-01', to: '2023-04-30' },
    still_held: false,
    destroyed_on: '2023-04-28',
    how:
      s === 1 ? 'Purged from the cache cluster and its backups.' : '키 삭제 후 저장소를 비웠습니다 (storage emptied).',
    ...(evidenceIds.length ? { proof: evidenceIds.slice(0, 1) } : {}),
    ...(s === 1 ? { store: 'Cache cluster 7' } : {}),
  };
}

const STATUSES: ResponseStatus[] = [
  'APPROVED',
  'IN_PROGRESS',
  'IN_REVIEW',
  'NOT_STARTED',
  'CHANGES_REQUESTED',
  'NOT_APPLICABLE',
];
export const fixtureHash = (seed: string) => createHash('sha256').update(seed).digest('hex');

export function reportFixture(opts: FixtureOptions): ReportData {
  const people = INTERNATIONAL_NAMES.map((name, i) => ({ id: `user-${i}`, name }));
  const person = (i: number) => people[i % people.length];
  const day = (d: string) => new Date(`${d}T00:00:00.000Z`);
  const subjects = Array.from({ length: opts.subjects }, (_, i) => ({
    id: `subject-${i + 1}`,
    name: `Subject ${i + 1} ${['Ålesund', 'Kraków', 'Москва', 'Αθήνα'][i % 4]}`,
    product: `Product line ${i + 1}`,
    description: null,
    owner: person(i),
  }));
  const provisions = Array.from({ length: Math.min(opts.requests, 5) }, (_, i) => ({
    id: `provision-${i + 1}`,
    reference: `VII.${i + 1}`,
    title: `Audit right ${i + 1}`,
    text: `The licensee shall keep records sufficient to demonstrate compliance with section ${i + 1}.`,
  }));
  const requests = Array.from({ length: opts.requests }, (_, i) => ({
    id: `request-${i + 1}`,
    ordinal: i + 1,
    title: `Records of use ${i + 1}`,
    text: `Provide the records showing how the licensed data was used under item ${i + 1}, for the whole period covered.`,
    provision: provisions[i % provisions.length] ?? null,
    form:
      opts.forms && i === 0
        ? { fields: FIXTURE_INVENTORY_FORM }
        : opts.forms && i === 1
          ? { fields: FIXTURE_ACCESS_FORM }
          : null,
  }));
  const evidence: ReportEvidence[] = [];
  const responses: ReportResponse[] = [];
  let n = 0;
  for (const [subjectIndex, s] of subjects.entries()) {
    for (const r of requests) {
      n += 1;
      const status = opts.draft === false ? 'APPROVED' : STATUSES[n % STATUSES.length];
      const evidenceIds: string[] = [];
      for (let e = 0; e < (opts.evidencePerResponse ?? 0); e++) {
        const id = `evidence-${n}-${e}`;
        evidenceIds.push(id);
        const version = (v: number) => ({
          number: v,
          fileName: `export-${n}-${e}-v${v}.csv`,
          mediaType: 'text/csv',
          sizeBytes: 1000 + n * 17 + v,
          sha256: fixtureHash(`${id}-v${v}`),
          uploadedAt: new Date('2023-05-22T14:00:00Z'),
          lastVerifiedAt: v === 2 ? new Date('2023-05-24T10:00:00Z') : null,
          lastVerification: v === 2 ? ('MATCH' as const) : null,
        });
        evidence.push({
          id,
          kind: 'FILE',
          title: `Usage export ${n}.${e}`,
          description: null,
          custodian: person(n + e).name,
          sourceSystem: 'Data warehouse',
          collectedOn: day('2023-05-20'),
          url: null,
          confidentiality: 'CONFIDENTIAL',
          file: version(2),
          earlierVersions: [version(1)],
        });
      }
      const words = opts.answerWords ?? 30;
      responses.push({
        id: `response-${n}`,
        subjectId: s.id,
        requestId: r.id,
        status,
        answer:
          status === 'NOT_STARTED'
            ? null
            : `Answer ${n}: ` + Array.from({ length: words }, (_, w) => `word${w}`).join(' ') + '.',
        answerWithheld: false,
        formValues: r.form
          ? fixtureFormValues(r.ordinal === 1 ? 'inventory' : 'access', subjectIndex + 1, evidenceIds)
          : null,
        assignee: person(n),
        reviewer: person(n + 1),
        approvedBy: status === 'APPROVED' ? person(n + 2) : null,
        approvedAt: status === 'APPROVED' ? new Date('2023-05-24T18:30:00Z') : null,
        dueDate: day('2023-06-01'),
        overdue: false,
        evidenceIds,
      });
    }
  }
  return {
    audit: {
      id: 'audit-1',
      title: 'Fixture licence audit',
      referenceCode: 'FIX-2023-01',
      status: 'OPEN',
      demandingParty: 'Licensor Ωmega GmbH',
      demandingCounselName: 'Zoë Ødegård',
      demandingCounselFirm: 'Ødegård & Partners',
      demandingCounselEmail: null,
      respondingParty: 'Licensee Łódź S.A.',
      agreementTitle: 'Data Licence Agreement',
      agreementVersion: 'effective 1 March 2020',
      auditClauseRef: 'VII',
      letterDate: day('2023-05-18'),
      receivedOn: day('2023-05-18'),
      responseDeadline: new Date('2023-06-07T21:00:00Z'),
      deadlineTimeZone: 'America/New_York',
      periodStart: day('2022-01-01'),
      periodEnd: day('2022-12-31'),
      confidentialityLegend: opts.legend ?? DEFAULT_CONFIDENTIALITY_LEGEND,
      counsel: [{ name: 'Иван Петров', role: 'Lead counsel' }],
    },
    extensions: [],
    options: { subjectIds: null, includeUnapproved: true },
    draft: opts.draft ?? true,
    generatedAt: new Date('2023-05-25T16:00:00Z'),
    generatedBy: 'Łukasz Żółć',
    subjects,
    requests,
    responses,
    evidence,
    activity: [
      {
        actor: 'Иван Петров',
        entityType: 'response',
        action: 'status_changed',
        count: 12,
        firstAt: new Date('2023-05-19T13:00:00Z'),
        lastAt: new Date('2023-05-24T18:30:00Z'),
      },
    ],
  };
}
