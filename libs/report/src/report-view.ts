import { ACTIVITY_ACTION_LABEL, ACTIVITY_ENTITY_TYPE_LABEL } from '@app/activity/activity-catalog';
import { EXTENSION_STATUS_LABEL, type FormValueContext, isDone, type ResponseStatus } from '@app/domain';
import { type FormAnswerRow, formAnswerRows, type FormComparisonView, formComparisonView } from './form-view';
import type {
  ReportData,
  ReportEvidence,
  ReportFileVersion,
  ReportRequest,
  ReportResponse,
  ReportSubject,
} from './report-data';
import {
  formatDay,
  formatDayIn,
  formatInstant,
  formatSize,
  STATUS_ABBREVIATION,
  STATUS_FILL,
  STATUS_LABEL,
} from './report-format';
import { servedHeader, servedMatter } from './served-heading';

// ReportData -> the audit report's view: every value the template prints, already worded and
// formatted (dates on the audit's deadline clock, sizes, statuses), as plain JSON. The Typst
// template (libs/documents/templates/audit-report.typ) only lays it out. Pure: no I/O, no
// clock (the time of generation is in the data), so the same data gives the same document.
//
// Two audiences read the report. The firm's own (the Report page, the worker) is INTERNAL: the
// work-product legend on every page, the audit's title, reference and status, who is assigned
// and reviews each item with its internal due date, the status matrix, the open items and the
// activity appendix. The one SERVED on the other side (the submitted response package) prints
// what the other side is owed: the parties and the matter as they know it, each request with
// its answer and evidence, the evidence index and the provisions cited, dated by the submission;
// none of our workflow, people or analysis (the form comparisons' "DIFFERS" and "EMPTY" marks).

/**
 * Who the report is for. `served`: the report in a submitted package; `submittedAt` is the
 * submission (the cover and the foot of every page are dated by it). `releasedEvidence`: the
 * evidence it lists, each record at the one version the package carries (null: a link or note,
 * which has no file). Evidence not named there (withheld as privileged, behind no approved
 * answer, a version not produced) is not printed at all: not its title, file name or hash.
 */
export type ReportAudience =
  { kind: 'internal' } | { kind: 'served'; submittedAt: Date; releasedEvidence: ReadonlyMap<string, number | null> };

export const INTERNAL_AUDIENCE: ReportAudience = { kind: 'internal' };

/** A run of text, optionally strong: how a sentence with emphasis travels as data. */
export interface Span {
  text: string;
  strong?: boolean;
}

export interface Fact {
  label: string;
  value: string;
}

export interface CompletionRow {
  name: string;
  items: number;
  done: number;
  open: number;
  overdue: number;
  complete: string;
}

export interface MatrixCell {
  text: string;
  fill: string;
  overdue: boolean;
}

export interface MatrixSlice {
  requests: string[];
  rows: { subject: string; cells: (MatrixCell | null)[] }[];
}

export interface OpenItem {
  subject: string;
  request: string;
  status: string;
  assignee: string;
  reviewer: string;
  due: string;
  overdue: boolean;
}

export interface FileView {
  name: string;
  size: string;
  sha256: string;
  integrity: string;
}

export interface EvidenceCardView {
  title: string;
  kind: string;
  collected: string;
  custodian: string;
  source: string;
  file: FileView | null;
  url: string | null;
}

/** A fact printed beside a request; `strong` for an overdue status. */
export interface ResponseFact extends Fact {
  strong: boolean;
}

export interface ResponseView {
  heading: string;
  text: string;
  provision: { reference: string; text: string } | null;
  /** The facts under the request, two to a row (internal: status, due, assignee, reviewer, approval). */
  facts: ResponseFact[][];
  answer: { kind: 'text' | 'withheld' | 'none'; text: string };
  /** The request's form as this subject answered it (field -> value); null without a form or when withheld. */
  form: FormAnswerRow[] | null;
  evidence: EvidenceCardView[];
}

export interface SubjectView {
  heading: string;
  intro: string;
  description: string | null;
  responses: ResponseView[];
}

export interface EvidenceIndexEntry {
  number: number;
  title: string;
  meta: string;
  versions: { line: string; sha256: string; integrity: string }[];
  other: string | null;
}

export interface AuditReportView {
  lang: 'en';
  draft: boolean;
  /** The PDF's metadata (title, author, subject, keywords). */
  document: {
    title: string;
    author: string;
    description: string;
    keywords: string[];
    /** The time of generation (UTC parts), so the same data gives the same bytes. */
    created: { year: number; month: number; day: number; hour: number; minute: number; second: number };
  };
  /**
   * The line at the top of every page: internal, the legend (prefixed DRAFT on drafts); served,
   * the responding party and the matter.
   */
  header: string;
  /** Printed after "Page N of M — " at the foot of every page. */
  reference: string;
  /** Null when served: the legend is the firm's, for its own copies. */
  cover: { kicker: string; title: string; subtitle: string; facts: Fact[]; note: string | null; legend: string | null };
  /** Completion, status matrix and open items: the firm's workflow, null when served. */
  summary: {
    sentence: Span[];
    draftNote: string | null;
    bySubject: CompletionRow[];
    byRequest: CompletionRow[];
    matrixKey: Span[];
    matrix: MatrixSlice[];
    open: OpenItem[];
  } | null;
  subjects: SubjectView[];
  evidenceIndex: EvidenceIndexEntry[];
  provisions: { reference: string; title: string; text: string | null; citedBy: string }[];
  /** Per request with a form, its answers side by side (an appendix only when some request has a form). */
  formComparisons: { intro: string; requests: FormComparisonView[] } | null;
  /** Appendix C, who did what in the audit: internal only (null when served). */
  activity: { intro: string; rows: { who: string; what: string; times: number; first: string; last: string }[] } | null;
}

/**
 * Requests per matrix table. The matrix sits on landscape pages: 20 columns of 24 pt beside a
 * 150 pt subject column fit 684 pt of text width (US Letter turned, 54 pt margins).
 */
export const MATRIX_COLUMNS = 20;

/**
 * Subjects per form comparison table, on landscape pages: a 130 pt field column and six of
 * about 92 pt fit 684 pt, wide enough for a table field's "Column: value" lines to wrap legibly.
 */
export const FORM_COMPARISON_COLUMNS = 6;

const dash = (value: string | null | undefined): string => (value && value.trim() ? value : '—');
const percent = (done: number, total: number) => (total === 0 ? '—' : `${Math.round((done / total) * 100)}%`);
const requestLabel = (r: ReportRequest) => `R${r.ordinal}`;
const capitalised = (word: string) => word.charAt(0) + word.slice(1).toLowerCase();

/**
 * An activity group as people read it, in the activity catalog's words: "Response letter
 * generated", "Disposition set for one subject". A word the catalog no longer has (rows keep
 * the word they were recorded with) reads as stored, its underscores as spaces.
 */
export function activityWhat(entityType: string, action: string): string {
  const entity =
    ACTIVITY_ENTITY_TYPE_LABEL[entityType as keyof typeof ACTIVITY_ENTITY_TYPE_LABEL] ?? entityType.replace(/_/g, ' ');
  const label = ACTIVITY_ACTION_LABEL[action as keyof typeof ACTIVITY_ACTION_LABEL];
  return `${entity} ${label ? label.charAt(0).toLowerCase() + label.slice(1) : action.replace(/_/g, ' ')}`;
}

/** Of the evidence, what a package releases, each file at the version it carries. */
function released(evidence: ReportEvidence[], versions: ReadonlyMap<string, number | null>): ReportEvidence[] {
  return evidence.flatMap((e): ReportEvidence[] => {
    if (!versions.has(e.id)) return [];
    if (e.kind !== 'FILE') return [{ ...e, file: null, earlierVersions: [] }];
    const file = [e.file, ...e.earlierVersions].find((v) => v?.number === versions.get(e.id));
    return file ? [{ ...e, file, earlierVersions: [] }] : [];
  });
}

export function buildReportView(data: ReportData, audience: ReportAudience = INTERNAL_AUDIENCE): AuditReportView {
  const { audit } = data;
  const zone = audit.deadlineTimeZone;
  const served = audience.kind === 'served' ? audience : null;
  const requestsById = new Map(data.requests.map((r) => [r.id, r]));
  const evidence = served ? released(data.evidence, served.releasedEvidence) : data.evidence;
  const evidenceById = new Map(evidence.map((e) => [e.id, e]));
  const responsesBySubject = groupBy(data.responses, (r) => r.subjectId);
  // EVIDENCE fields read the titles of the evidence; one the report does not list was removed
  // (or, served, is not produced: its title is not the other side's to read).
  const formContext: FormValueContext = {
    evidenceTitle: (id) => evidenceById.get(id)?.title ?? (served ? '(not produced)' : '(removed evidence)'),
  };

  return {
    lang: 'en',
    draft: data.draft,
    document: {
      title: served ? `Audit report — ${servedMatter(audit)}` : `${audit.title} (${audit.referenceCode})`,
      author: served ? audit.respondingParty : data.generatedBy,
      // The PDF's Subject: what kind of document this is, the same words the pdfmake report
      // used (readers and tests key on them); the parties are on the cover.
      description: `Audit report${data.draft ? ' (draft)' : ''}`,
      keywords: [...(served ? [] : [audit.referenceCode]), 'audit report', ...(data.draft ? ['draft'] : [])],
      created: {
        year: data.generatedAt.getUTCFullYear(),
        month: data.generatedAt.getUTCMonth() + 1,
        day: data.generatedAt.getUTCDate(),
        hour: data.generatedAt.getUTCHours(),
        minute: data.generatedAt.getUTCMinutes(),
        second: data.generatedAt.getUTCSeconds(),
      },
    },
    header: `${data.draft ? 'DRAFT — ' : ''}${served ? servedHeader(audit) : audit.confidentialityLegend}`,
    reference: served ? `Audit report submitted ${formatDayIn(served.submittedAt, zone)}` : audit.referenceCode,
    cover: served ? servedCover(served.submittedAt) : cover(),
    summary: served ? null : summary(),
    subjects: data.subjects.map((subject, i) => subjectView(subject, i + 1, responsesBySubject.get(subject.id) ?? [])),
    evidenceIndex: evidence.map(evidenceIndexEntry),
    provisions: provisionsCited(),
    formComparisons: served ? null : formComparisons(),
    activity: served
      ? null
      : {
          intro: `Who changed what in this audit, grouped by person and kind of change; times on the deadline clock (${zone}).`,
          rows: data.activity.map((a) => ({
            who: a.actor,
            what: activityWhat(a.entityType, a.action),
            times: a.count,
            first: formatInstant(a.firstAt, zone, false),
            last: formatInstant(a.lastAt, zone, false),
          })),
        },
  };

  function counselFor(): string {
    return dash(
      [audit.demandingCounselName, audit.demandingCounselFirm, audit.demandingCounselEmail].filter(Boolean).join(', '),
    );
  }

  function extensionsFact(): string {
    return data.extensions.length
      ? data.extensions
          .map((e) =>
            e.status === 'GRANTED'
              ? `${EXTENSION_STATUS_LABEL.GRANTED}${e.decidedOn ? ` on ${formatDay(e.decidedOn)}` : ''}: deadline moved from ${formatInstant(e.previousDeadline, zone, false)} to ${formatInstant(e.newDeadline, zone, false)}`
              : `${EXTENSION_STATUS_LABEL[e.status]}: requested on ${formatDay(e.requestedOn)} for ${formatInstant(e.newDeadline, zone, false)}`,
          )
          .join('\n')
      : 'None';
  }

  function periodFact(): string {
    return audit.periodStart || audit.periodEnd
      ? `${formatDay(audit.periodStart)} to ${formatDay(audit.periodEnd)}`
      : '—';
  }

  function subjectsFact(): string {
    return data.options.subjectIds
      ? `${data.subjects.length} chosen: ${data.subjects.map((s) => s.name).join(', ')}`
      : `All ${data.subjects.length}`;
  }

  /**
   * The facts of the demand both covers give, from the parties to the subjects covered. Our own
   * counsel are named with their roles on the internal cover only (`counselLine`).
   */
  function demandFacts(counselLine: (c: (typeof audit.counsel)[number]) => string): Fact[] {
    const fact = (label: string, value: string): Fact => ({ label, value });
    return [
      fact('Demanding party', audit.demandingParty),
      fact('Counsel for the demanding party', counselFor()),
      fact('Responding party', audit.respondingParty),
      fact('Counsel for the responding party', audit.counsel.length ? audit.counsel.map(counselLine).join('\n') : '—'),
      fact('Agreement', [audit.agreementTitle, audit.agreementVersion].filter(Boolean).join(', ')),
      fact('Audit clause', dash(audit.auditClauseRef)),
      fact('Demand letter dated', formatDay(audit.letterDate)),
      fact('Received', formatDay(audit.receivedOn)),
      fact('Response deadline', formatInstant(audit.responseDeadline, zone)),
      fact('Extensions', extensionsFact()),
      fact('Period covered', periodFact()),
      fact('Subjects in this report', subjectsFact()),
    ];
  }

  /**
   * The cover of the report as served: the parties, the agreement and the demand, dated by the
   * submission; no internal reference, status, legend, nor who generated it.
   */
  function servedCover(submittedAt: Date): AuditReportView['cover'] {
    return {
      kicker: data.draft ? 'DRAFT AUDIT REPORT' : 'AUDIT REPORT',
      title: `Response to the audit demand of ${audit.demandingParty}`,
      subtitle: `Submitted by ${audit.respondingParty} on ${formatDayIn(submittedAt, zone)}`,
      facts: [...demandFacts((c) => c.name), { label: 'Submitted', value: formatDayIn(submittedAt, zone) }],
      note: null,
      legend: null,
    };
  }

  function cover(): AuditReportView['cover'] {
    const granted = data.extensions.filter((e) => e.status === 'GRANTED');
    const fact = (label: string, value: string): Fact => ({ label, value });
    return {
      kicker: data.draft ? 'DRAFT AUDIT REPORT' : 'AUDIT REPORT',
      title: audit.title,
      subtitle: `${audit.respondingParty}'s response to ${audit.demandingParty}`,
      facts: [
        fact('Reference', audit.referenceCode),
        fact('Audit status', capitalised(audit.status)),
        ...demandFacts((c) => `${c.name} (${c.role})`),
        fact(
          'Answers',
          data.options.includeUnapproved ? 'All answers, approved or not' : 'Approved answers only (others withheld)',
        ),
        fact('Generated', `${formatInstant(data.generatedAt, zone)} by ${data.generatedBy}`),
      ],
      note: granted.length
        ? `The deadline in force reflects ${granted.length === 1 ? 'the granted extension' : `${granted.length} granted extensions`}.`
        : null,
      legend: audit.confidentialityLegend,
    };
  }

  function summary(): AuditReportView['summary'] {
    const total = data.responses.length;
    const done = data.responses.filter((r) => isDone(r.status)).length;
    const overdue = data.responses.filter((r) => r.overdue).length;
    const completion = (name: string, rows: ReportResponse[]): CompletionRow => {
      const finished = rows.filter((r) => isDone(r.status)).length;
      return {
        name,
        items: rows.length,
        done: finished,
        open: rows.length - finished,
        overdue: rows.filter((r) => r.overdue).length,
        complete: percent(finished, rows.length),
      };
    };
    const byRequest = groupBy(data.responses, (r) => r.requestId);
    const requestsCovered = data.requests.filter((r) => byRequest.has(r.id));
    const subjectName = new Map(data.subjects.map((s) => [s.id, s.name]));
    const statuses = Object.keys(STATUS_ABBREVIATION) as ResponseStatus[];
    return {
      sentence: [
        { text: `${total} responses across ${data.subjects.length} subjects and ${requestsCovered.length} requests: ` },
        { text: `${done} done (${percent(done, total)})`, strong: true },
        { text: `, ${total - done} open, ` },
        { text: `${overdue} overdue`, strong: overdue > 0 },
        { text: ` as of ${formatInstant(data.generatedAt, zone)}. "Done" means approved or not applicable.` },
      ],
      draftNote: data.draft ? 'This is a draft: it prints answers that have not been approved.' : null,
      bySubject: data.subjects.map((s) => completion(s.name, responsesBySubject.get(s.id) ?? [])),
      byRequest: requestsCovered.map((r) => completion(`${requestLabel(r)} ${r.title}`, byRequest.get(r.id)!)),
      matrixKey: [
        { text: 'Each cell shows the status of one response: ' },
        ...statuses.flatMap((s, i) => [
          { text: STATUS_ABBREVIATION[s], strong: true },
          { text: ` ${STATUS_LABEL[s]}${i < statuses.length - 1 ? ', ' : ''}` },
        ]),
        {
          text: '; a trailing ! marks an overdue item; a blank cell is a request that does not apply to the subject.',
        },
      ],
      matrix: chunk(data.requests, MATRIX_COLUMNS).map((slice) => ({
        requests: slice.map(requestLabel),
        rows: data.subjects.map((s) => {
          const cells = new Map((responsesBySubject.get(s.id) ?? []).map((r) => [r.requestId, r]));
          return {
            subject: s.name,
            cells: slice.map((req) => {
              const r = cells.get(req.id);
              return r
                ? {
                    text: `${STATUS_ABBREVIATION[r.status]}${r.overdue ? '!' : ''}`,
                    fill: STATUS_FILL[r.status],
                    overdue: r.overdue,
                  }
                : null;
            }),
          };
        }),
      })),
      open: data.responses
        .filter((r) => !isDone(r.status))
        .sort((a, b) => Number(b.overdue) - Number(a.overdue))
        .map((r) => {
          const req = requestsById.get(r.requestId)!;
          return {
            subject: subjectName.get(r.subjectId)!,
            request: `${requestLabel(req)} ${req.title}`,
            status: STATUS_LABEL[r.status],
            assignee: r.assignee?.name ?? 'Unassigned',
            reviewer: r.reviewer?.name ?? '—',
            due: r.overdue ? `OVERDUE${r.dueDate ? `\n${formatDay(r.dueDate)}` : ''}` : formatDay(r.dueDate),
            overdue: r.overdue,
          };
        }),
    };
  }

  function subjectView(subject: ReportSubject, number: number, responses: ReportResponse[]): SubjectView {
    const finished = responses.filter((r) => isDone(r.status)).length;
    return {
      heading: `${number}. ${subject.name}`,
      // Served: what the app is, not who owns it here nor how far the work has got.
      intro: served
        ? (subject.product ?? '')
        : `${subject.product ? `${subject.product}. ` : ''}Owner: ${subject.owner?.name ?? '—'}. ${finished} of ${responses.length} responses done.`,
      description: subject.description,
      responses: responses.map((r) => responseView(r, requestsById.get(r.requestId)!)),
    };
  }

  function responseView(r: ReportResponse, req: ReportRequest): ResponseView {
    const fact = (label: string, value: string, strong = false): ResponseFact => ({ label, value, strong });
    const provisionCited = fact('Provision', req.provision ? `${req.provision.reference} ${req.provision.title}` : '—');
    return {
      heading: `${requestLabel(req)}. ${req.title}`,
      text: req.text,
      provision: req.provision?.text ? { reference: req.provision.reference, text: req.provision.text } : null,
      facts: served
        ? [[provisionCited]]
        : [
            [
              fact('Status', `${STATUS_LABEL[r.status]}${r.overdue ? ' — OVERDUE' : ''}`, r.overdue),
              fact('Due', formatDay(r.dueDate)),
            ],
            [fact('Assignee', r.assignee?.name ?? 'Unassigned'), fact('Reviewer', r.reviewer?.name ?? '—')],
            [
              fact(
                'Approved',
                r.approvedAt
                  ? `${formatInstant(r.approvedAt, zone, false)}${r.approvedBy ? ` by ${r.approvedBy.name}` : ''}`
                  : 'Not approved',
              ),
              provisionCited,
            ],
          ],
      answer: served ? servedAnswer(r, req) : internalAnswer(r, req),
      form: req.form && !r.answerWithheld ? formAnswerRows(req.form.fields, r.formValues, formContext) : null,
      // Served, evidence backs an approved answer only (the package produces no other).
      evidence: (served && !isDone(r.status) ? [] : r.evidenceIds)
        .map((id) => evidenceById.get(id))
        .filter((e): e is ReportEvidence => e !== undefined)
        .map(evidenceCard),
    };
  }

  function internalAnswer(r: ReportResponse, req: ReportRequest): ResponseView['answer'] {
    if (r.answerWithheld)
      return {
        kind: 'withheld',
        text: 'Answer withheld: not yet approved (this report prints approved answers only).',
      };
    if (r.answer) return { kind: 'text', text: r.answer };
    return { kind: 'none', text: req.form && r.formValues ? 'No notes.' : 'No answer yet.' };
  }

  /** Served: an answer not approved is simply not given; nothing says it is pending here. */
  function servedAnswer(r: ReportResponse, req: ReportRequest): ResponseView['answer'] {
    if (r.status === 'NOT_APPLICABLE' && !r.answer) return { kind: 'none', text: 'Not applicable to this subject.' };
    if (!r.answerWithheld && r.answer) return { kind: 'text', text: r.answer };
    if (!r.answerWithheld && req.form && r.formValues) return { kind: 'none', text: 'No notes.' };
    return { kind: 'none', text: 'No answer is given in this report.' };
  }

  function evidenceCard(e: ReportEvidence): EvidenceCardView {
    return {
      title: e.title,
      kind: e.kind,
      collected: formatDay(e.collectedOn),
      custodian: dash(e.custodian),
      source: dash(e.sourceSystem),
      file: e.file
        ? {
            name: `${e.file.fileName} (version ${e.file.number})`,
            size: formatSize(e.file.sizeBytes),
            sha256: e.file.sha256,
            integrity: integrity(e.file),
          }
        : null,
      url: e.kind === 'LINK' ? dash(e.url) : null,
    };
  }

  function integrity(v: ReportFileVersion): string {
    if (!v.lastVerifiedAt || !v.lastVerification)
      return `Not checked since upload on ${formatInstant(v.uploadedAt, zone, false)}`;
    const result = {
      MATCH: 'Matches the hash taken at upload',
      MISMATCH: 'DOES NOT MATCH the hash taken at upload',
      MISSING: 'FILE MISSING from storage',
    }[v.lastVerification];
    return `${result} (checked ${formatInstant(v.lastVerifiedAt, zone, false)})`;
  }

  function evidenceIndexEntry(e: ReportEvidence, i: number): EvidenceIndexEntry {
    const versions = e.file ? [e.file, ...e.earlierVersions] : [];
    return {
      number: i + 1,
      title: e.title,
      meta: `${e.kind} · collected ${formatDay(e.collectedOn)} · custodian ${dash(e.custodian)}`,
      versions: versions.map((v, n) => ({
        // Served, the one version produced: whether a newer one exists is not the other side's to know.
        line: `${v.fileName} · v${v.number}${served ? '' : n === 0 ? ' (current)' : ' (earlier)'} · ${formatSize(v.sizeBytes)}`,
        sha256: v.sha256,
        integrity: integrity(v),
      })),
      other: versions.length ? null : e.kind === 'LINK' ? dash(e.url) : 'Written statement (no file)',
    };
  }

  function formComparisons(): AuditReportView['formComparisons'] {
    const withForms = data.requests.filter((r) => r.form);
    if (withForms.length === 0) return null;
    const subjectName = new Map(data.subjects.map((s) => [s.id, s.name]));
    const byRequest = groupBy(data.responses, (r) => r.requestId);
    return {
      intro:
        'For each request with a form, every subject answering it in a column and every field in a row. ' +
        `"DIFFERS" marks a field two subjects answered differently; "EMPTY (required)" a required entry left empty.`,
      requests: withForms.map((req) =>
        formComparisonView(
          `${requestLabel(req)}. ${req.title}`,
          req.form!.fields,
          (byRequest.get(req.id) ?? []).map((r) => ({
            subject: subjectName.get(r.subjectId)!,
            values: r.formValues,
            withheld: r.answerWithheld,
            notApplicable: r.status === 'NOT_APPLICABLE',
            context: formContext,
          })),
          FORM_COMPARISON_COLUMNS,
        ),
      ),
    };
  }

  function provisionsCited(): AuditReportView['provisions'] {
    const cited = new Map<string, { reference: string; title: string; text: string | null; requests: string[] }>();
    for (const r of data.requests) {
      if (!r.provision) continue;
      const entry = cited.get(r.provision.id) ?? { ...r.provision, requests: [] };
      entry.requests.push(requestLabel(r));
      cited.set(r.provision.id, entry);
    }
    return [...cited.values()]
      .sort((a, b) => a.reference.localeCompare(b.reference, 'en', { numeric: true }))
      .map((p) => ({ reference: p.reference, title: p.title, text: p.text, citedBy: p.requests.join(', ') }));
  }
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = map.get(k);
    if (list) list.push(item);
    else map.set(k, [item]);
  }
  return map;
}

function chunk<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
