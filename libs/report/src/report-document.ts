import type { Content, ContextPageSize, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces';
import { isDone, type ResponseStatus } from '@app/domain';
import type {
  ReportData,
  ReportEvidence,
  ReportFileVersion,
  ReportRequest,
  ReportResponse,
  ReportSubject,
} from './report-data';
import { formatDay, formatInstant, formatSize, STATUS_ABBREVIATION, STATUS_FILL, STATUS_LABEL } from './report-format';

// ReportData -> pdfmake document definition. Pure: no I/O, no clock (the time of generation
// is in the data), so the same data always gives the same layout.

export const REPORT_FONT = 'NotoSans';
/** Requests per matrix table: beyond this the columns get too narrow to read. */
const MATRIX_COLUMNS = 12;
const GREY = '#555555';
const RULE = '#999999';

const thinLines = {
  hLineWidth: () => 0.5,
  vLineWidth: () => 0.5,
  hLineColor: () => RULE,
  vLineColor: () => RULE,
  paddingLeft: () => 4,
  paddingRight: () => 4,
  paddingTop: () => 2,
  paddingBottom: () => 2,
};

const dash = (value: string | null | undefined): string => (value && value.trim() ? value : '—');
const percent = (done: number, total: number) => (total === 0 ? '—' : `${Math.round((done / total) * 100)}%`);
const heading = (text: string, style: 'h1' | 'h2', toc = true): Content => ({
  text,
  style,
  tocItem: toc,
  ...(style === 'h1' && { pageBreak: 'before' as const }),
});
const headerRow = (...labels: string[]): TableCell[] => labels.map((text) => ({ text, style: 'th' }));
const requestLabel = (r: ReportRequest) => `R${r.ordinal}`;

export function buildReportDocument(data: ReportData): TDocumentDefinitions {
  const { audit } = data;
  const zone = audit.deadlineTimeZone;
  const requestsById = new Map(data.requests.map((r) => [r.id, r]));
  const evidenceById = new Map(data.evidence.map((e) => [e.id, e]));
  const responsesBySubject = groupBy(data.responses, (r) => r.subjectId);

  return {
    pageSize: 'LETTER',
    pageMargins: [54, 64, 54, 54],
    info: {
      title: `${audit.title} (${audit.referenceCode})`,
      subject: `Audit report${data.draft ? ' (draft)' : ''}`,
      author: data.generatedBy,
      creator: 'AuditDesk',
      producer: 'AuditDesk',
      creationDate: data.generatedAt,
    },
    defaultStyle: { font: REPORT_FONT, fontSize: 9.5, lineHeight: 1.2 },
    styles: {
      title: { fontSize: 22, bold: true, margin: [0, 0, 0, 6] },
      subtitle: { fontSize: 13, color: GREY, margin: [0, 0, 0, 18] },
      h1: { fontSize: 16, bold: true, margin: [0, 0, 0, 10] },
      h2: { fontSize: 12, bold: true, margin: [0, 14, 0, 6] },
      h3: { fontSize: 10.5, bold: true, margin: [0, 10, 0, 4] },
      th: { bold: true, fontSize: 8.5, fillColor: '#e6e6e6' },
      small: { fontSize: 8, color: GREY },
      label: { bold: true, color: GREY, fontSize: 8.5 },
      hash: { fontSize: 7.2, characterSpacing: 0 },
      legend: { fontSize: 7.5, bold: true, color: '#333333', alignment: 'center' },
      matrix: { fontSize: 7.5, alignment: 'center' },
    },
    // The legend on every page; drafts also say so in the header, in plain text that survives
    // copying, searching and black-and-white printing (the watermark may not).
    header: () => ({
      text: data.draft ? `DRAFT — ${audit.confidentialityLegend}` : audit.confidentialityLegend,
      style: 'legend',
      margin: [54, 28, 54, 0],
    }),
    footer: (currentPage: number, pageCount: number, pageSize: ContextPageSize) => ({
      margin: [54, 18, 54, 0],
      columns: [
        {
          text: `Page ${currentPage} of ${pageCount} — ${audit.referenceCode}`,
          fontSize: 8,
          color: GREY,
          width: pageSize.width - 108,
        },
      ],
    }),
    watermark: data.draft
      ? { text: 'DRAFT', color: '#c00000', opacity: 0.12, bold: true, font: REPORT_FONT }
      : undefined,
    content: [
      cover(data),
      { toc: { title: { text: 'Contents', style: 'h1' }, numberStyle: { bold: false } }, pageBreak: 'before' },
      summary(data, requestsById, responsesBySubject),
      ...data.subjects.map((subject, i) =>
        subjectSection(data, subject, i + 1, responsesBySubject.get(subject.id) ?? [], requestsById, evidenceById),
      ),
      evidenceIndex(data),
      provisionsCited(data),
      activitySummary(data),
    ],
  };

  function cover(d: ReportData): Content {
    const granted = d.extensions.filter((e) => e.status === 'GRANTED');
    const counselFor = [audit.demandingCounselName, audit.demandingCounselFirm, audit.demandingCounselEmail]
      .filter(Boolean)
      .join(', ');
    const fact = (label: string, value: string): TableCell[] => [{ text: label, style: 'label' }, { text: value }];
    const facts: TableCell[][] = [
      fact('Reference', audit.referenceCode),
      fact('Audit status', audit.status.charAt(0) + audit.status.slice(1).toLowerCase()),
      fact('Demanding party', audit.demandingParty),
      fact('Counsel for the demanding party', dash(counselFor)),
      fact('Responding party', audit.respondingParty),
      fact(
        'Counsel for the responding party',
        d.audit.counsel.length ? d.audit.counsel.map((c) => `${c.name} (${c.role})`).join('\n') : '—',
      ),
      fact('Agreement', [audit.agreementTitle, audit.agreementVersion].filter(Boolean).join(', ')),
      fact('Audit clause', dash(audit.auditClauseRef)),
      fact('Demand letter dated', formatDay(audit.letterDate)),
      fact('Received', formatDay(audit.receivedOn)),
      fact('Response deadline', formatInstant(audit.responseDeadline, zone)),
      fact(
        'Extensions',
        d.extensions.length
          ? d.extensions
              .map((e) =>
                e.status === 'GRANTED'
                  ? `Granted${e.decidedOn ? ` on ${formatDay(e.decidedOn)}` : ''}: deadline moved from ${formatInstant(e.previousDeadline, zone, false)} to ${formatInstant(e.newDeadline, zone, false)}`
                  : `${e.status.charAt(0) + e.status.slice(1).toLowerCase()}: requested on ${formatDay(e.requestedOn)} for ${formatInstant(e.newDeadline, zone, false)}`,
              )
              .join('\n')
          : 'None',
      ),
      fact(
        'Period covered',
        audit.periodStart || audit.periodEnd ? `${formatDay(audit.periodStart)} to ${formatDay(audit.periodEnd)}` : '—',
      ),
      fact(
        'Subjects in this report',
        d.options.subjectIds
          ? `${d.subjects.length} chosen: ${d.subjects.map((s) => s.name).join(', ')}`
          : `All ${d.subjects.length}`,
      ),
      fact(
        'Answers',
        d.options.includeUnapproved ? 'All answers, approved or not' : 'Approved answers only (others withheld)',
      ),
      fact('Generated', `${formatInstant(d.generatedAt, zone)} by ${d.generatedBy}`),
    ];
    return [
      { text: d.draft ? 'DRAFT AUDIT REPORT' : 'AUDIT REPORT', style: 'small', bold: true, margin: [0, 24, 0, 8] },
      { text: audit.title, style: 'title' },
      { text: `${audit.respondingParty}'s response to ${audit.demandingParty}`, style: 'subtitle' },
      {
        table: { widths: [150, '*'], body: facts },
        layout: { ...thinLines, vLineWidth: () => 0, paddingTop: () => 3, paddingBottom: () => 3 },
      },
      granted.length
        ? {
            text: `The deadline in force reflects ${granted.length === 1 ? 'the granted extension' : `${granted.length} granted extensions`}.`,
            style: 'small',
            margin: [0, 6, 0, 0],
          }
        : '',
      { text: audit.confidentialityLegend, bold: true, alignment: 'center', margin: [0, 24, 0, 0] },
    ];
  }

  function summary(
    d: ReportData,
    requests: Map<string, ReportRequest>,
    bySubject: Map<string, ReportResponse[]>,
  ): Content {
    const total = d.responses.length;
    const done = d.responses.filter((r) => isDone(r.status)).length;
    const overdue = d.responses.filter((r) => r.overdue).length;
    const counts = (rows: ReportResponse[]) => {
      const finished = rows.filter((r) => isDone(r.status)).length;
      return [
        String(rows.length),
        String(finished),
        String(rows.length - finished),
        String(rows.filter((r) => r.overdue).length),
        percent(finished, rows.length),
      ];
    };
    const bySubjectRows = d.subjects.map((s) => [s.name, ...counts(bySubject.get(s.id) ?? [])]);
    const byRequest = groupBy(d.responses, (r) => r.requestId);
    const byRequestRows = d.requests
      .filter((r) => byRequest.has(r.id))
      .map((r) => [`${requestLabel(r)} ${r.title}`, ...counts(byRequest.get(r.id)!)]);
    const open = d.responses.filter((r) => !isDone(r.status));
    const subjectName = new Map(d.subjects.map((s) => [s.id, s.name]));
    const numbers = { alignment: 'right' as const };
    const completionTable = (first: string, rows: string[][]): Content => ({
      table: {
        headerRows: 1,
        widths: ['*', 40, 40, 40, 45, 55],
        body: [
          headerRow(first, 'Items', 'Done', 'Open', 'Overdue', 'Complete'),
          ...rows.map(([name, ...n]) => [name, ...n.map((text) => ({ text, ...numbers }))]),
        ],
      },
      layout: thinLines,
    });

    return [
      heading('Summary', 'h1'),
      {
        text: [
          `${total} responses across ${d.subjects.length} subjects and ${byRequestRows.length} requests: `,
          { text: `${done} done (${percent(done, total)})`, bold: true },
          `, ${total - done} open, `,
          { text: `${overdue} overdue`, bold: overdue > 0 },
          ` as of ${formatInstant(d.generatedAt, zone)}. "Done" means approved or not applicable.`,
        ],
        margin: [0, 0, 0, 8],
      },
      d.draft
        ? { text: 'This is a draft: it prints answers that have not been approved.', bold: true, margin: [0, 0, 0, 8] }
        : '',
      heading('Completion by subject', 'h2'),
      completionTable('Subject', bySubjectRows),
      heading('Completion by request', 'h2'),
      completionTable('Request', byRequestRows),
      heading('Status matrix', 'h2'),
      {
        text: [
          'Each cell shows the status of one response: ',
          ...(Object.keys(STATUS_ABBREVIATION) as ResponseStatus[]).flatMap((s, i) => [
            { text: STATUS_ABBREVIATION[s], bold: true },
            ` ${STATUS_LABEL[s]}${i < 5 ? ', ' : ''}`,
          ]),
          '; a trailing ! marks an overdue item; a blank cell is a request that does not apply to the subject.',
        ],
        style: 'small',
        margin: [0, 0, 0, 6],
      },
      ...chunk(d.requests, MATRIX_COLUMNS).map((slice) => matrix(d, slice, bySubject)),
      heading('Open and overdue items', 'h2'),
      open.length === 0
        ? { text: 'None: every response is approved or not applicable.' }
        : {
            table: {
              headerRows: 1,
              dontBreakRows: true,
              widths: [90, '*', 60, 75, 75, 55],
              body: [
                headerRow('Subject', 'Request', 'Status', 'Assignee', 'Reviewer', 'Due'),
                ...[...open]
                  .sort((a, b) => Number(b.overdue) - Number(a.overdue))
                  .map((r) => {
                    const req = requests.get(r.requestId)!;
                    return [
                      subjectName.get(r.subjectId)!,
                      `${requestLabel(req)} ${req.title}`,
                      STATUS_LABEL[r.status],
                      r.assignee?.name ?? 'Unassigned',
                      r.reviewer?.name ?? '—',
                      {
                        text: r.overdue
                          ? `OVERDUE${r.dueDate ? `\n${formatDay(r.dueDate)}` : ''}`
                          : formatDay(r.dueDate),
                        bold: r.overdue,
                      },
                    ];
                  }),
              ],
            },
            layout: thinLines,
            fontSize: 8.5,
          },
    ];
  }

  function matrix(d: ReportData, slice: ReportRequest[], bySubject: Map<string, ReportResponse[]>): Content {
    const body: TableCell[][] = [
      headerRow('Subject', ...slice.map(requestLabel)).map(
        (c, i) => (i === 0 ? c : { ...(c as object), alignment: 'center' }) as TableCell,
      ),
      ...d.subjects.map((s) => {
        const cells = new Map((bySubject.get(s.id) ?? []).map((r) => [r.requestId, r]));
        return [
          { text: s.name, fontSize: 8 },
          ...slice.map((req): TableCell => {
            const r = cells.get(req.id);
            if (!r) return { text: '' };
            return {
              text: `${STATUS_ABBREVIATION[r.status]}${r.overdue ? '!' : ''}`,
              style: 'matrix',
              bold: r.overdue,
              fillColor: STATUS_FILL[r.status],
            };
          }),
        ];
      }),
    ];
    return {
      table: { headerRows: 1, widths: [110, ...slice.map(() => 24)], body },
      layout: thinLines,
      margin: [0, 0, 0, 8],
    };
  }

  function subjectSection(
    d: ReportData,
    subject: ReportSubject,
    number: number,
    responses: ReportResponse[],
    requests: Map<string, ReportRequest>,
    evidence: Map<string, ReportEvidence>,
  ): Content {
    const finished = responses.filter((r) => isDone(r.status)).length;
    return [
      heading(`${number}. ${subject.name}`, 'h1'),
      {
        text: [
          subject.product ? `${subject.product}. ` : '',
          `Owner: ${subject.owner?.name ?? '—'}. `,
          `${finished} of ${responses.length} responses done.`,
        ],
        margin: [0, 0, 0, 4],
      },
      subject.description ? { text: subject.description, style: 'small', margin: [0, 0, 0, 4] } : '',
      ...responses.map((r) => responseBlock(d, r, requests.get(r.requestId)!, evidence)),
    ];
  }

  function responseBlock(
    d: ReportData,
    r: ReportResponse,
    req: ReportRequest,
    evidence: Map<string, ReportEvidence>,
  ): Content {
    const facts: TableCell[][] = [
      [
        { text: 'Status', style: 'label' },
        { text: `${STATUS_LABEL[r.status]}${r.overdue ? ' — OVERDUE' : ''}`, bold: r.overdue },
        { text: 'Due', style: 'label' },
        formatDay(r.dueDate),
      ],
      [
        { text: 'Assignee', style: 'label' },
        r.assignee?.name ?? 'Unassigned',
        { text: 'Reviewer', style: 'label' },
        r.reviewer?.name ?? '—',
      ],
      [
        { text: 'Approved', style: 'label' },
        r.approvedAt
          ? `${formatInstant(r.approvedAt, zone, false)}${r.approvedBy ? ` by ${r.approvedBy.name}` : ''}`
          : 'Not approved',
        { text: 'Provision', style: 'label' },
        req.provision ? `${req.provision.reference} ${req.provision.title}` : '—',
      ],
    ];
    const items = r.evidenceIds.map((id) => evidence.get(id)).filter((e): e is ReportEvidence => e !== undefined);
    const answer: Content = r.answerWithheld
      ? {
          text: 'Answer withheld: not yet approved (this report prints approved answers only).',
          italics: true,
          color: GREY,
        }
      : r.answer
        ? { text: r.answer, preserveLeadingSpaces: true }
        : { text: 'No answer yet.', italics: true, color: GREY };
    return [
      // Unbreakable: a request's heading stays with its text and facts instead of being left
      // alone at the foot of a page. (The answer below may break across pages.)
      {
        unbreakable: true,
        stack: [
          { text: `${requestLabel(req)}. ${req.title}`, style: 'h2' },
          { text: req.text, margin: [0, 0, 0, 4] },
          req.provision?.text
            ? {
                text: [{ text: `${req.provision.reference}: `, bold: true }, req.provision.text],
                style: 'small',
                margin: [0, 0, 0, 4],
              }
            : '',
          { table: { widths: [55, '*', 55, '*'], body: facts }, layout: thinLines, margin: [0, 2, 0, 6] },
        ],
      },
      { text: 'Answer', style: 'h3', margin: [0, 2, 0, 2] },
      answer,
      ...(items.length
        ? [{ text: `Evidence (${items.length})`, style: 'h3' } as Content, ...items.map(evidenceCard)]
        : []),
    ];
  }

  function evidenceCard(e: ReportEvidence): Content {
    const rows: TableCell[][] = [
      [{ text: e.title, bold: true, colSpan: 4 }, '', '', ''],
      [{ text: 'Kind', style: 'label' }, e.kind, { text: 'Collected', style: 'label' }, formatDay(e.collectedOn)],
      [
        { text: 'Custodian', style: 'label' },
        dash(e.custodian),
        { text: 'Source', style: 'label' },
        dash(e.sourceSystem),
      ],
    ];
    if (e.file) rows.push(...fileRows(e.file));
    if (e.kind === 'LINK') rows.push([{ text: 'URL', style: 'label' }, { text: dash(e.url), colSpan: 3 }, '', '']);
    return {
      table: { widths: [55, '*', 55, '*'], body: rows, dontBreakRows: true },
      layout: thinLines,
      margin: [0, 0, 0, 6],
      unbreakable: true,
    };
  }

  function fileRows(v: ReportFileVersion): TableCell[][] {
    return [
      [
        { text: 'File', style: 'label' },
        `${v.fileName} (version ${v.number})`,
        { text: 'Size', style: 'label' },
        formatSize(v.sizeBytes),
      ],
      [{ text: 'SHA-256', style: 'label' }, { text: v.sha256, style: 'hash', colSpan: 3 }, '', ''],
      [{ text: 'Integrity', style: 'label' }, { text: integrity(v), colSpan: 3 }, '', ''],
    ];
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

  function evidenceIndex(d: ReportData): Content {
    const rows: TableCell[][] = [];
    d.evidence.forEach((e, i) => {
      const what = {
        stack: [
          { text: e.title, bold: true },
          {
            text: `${e.kind} · collected ${formatDay(e.collectedOn)} · custodian ${dash(e.custodian)}`,
            style: 'small',
          },
        ],
      };
      const versions = e.file ? [e.file, ...e.earlierVersions] : [];
      const file: Content = versions.length
        ? {
            stack: versions.map((v, n) => ({
              stack: [
                {
                  text: `${v.fileName} · v${v.number}${n === 0 ? ' (current)' : ' (earlier)'} · ${formatSize(v.sizeBytes)}`,
                  fontSize: 8,
                },
                { text: v.sha256, style: 'hash' },
                { text: integrity(v), style: 'small' },
              ],
              margin: [0, n === 0 ? 0 : 4, 0, 0],
            })),
          }
        : { text: e.kind === 'LINK' ? dash(e.url) : 'Written statement (no file)', style: 'small' };
      rows.push([{ text: String(i + 1), alignment: 'right' }, what, file]);
    });
    return [
      heading('Appendix A. Evidence index', 'h1'),
      {
        text: 'Every evidence item in this report; for files, the SHA-256 of each version as taken at upload.',
        style: 'small',
        margin: [0, 0, 0, 6],
      },
      d.evidence.length
        ? {
            table: {
              headerRows: 1,
              dontBreakRows: true,
              widths: [18, 150, '*'],
              body: [headerRow('#', 'Evidence', 'File and SHA-256'), ...rows],
            },
            layout: thinLines,
          }
        : { text: 'No evidence has been recorded.' },
    ];
  }

  function provisionsCited(d: ReportData): Content {
    const cited = new Map<string, { reference: string; title: string; text: string | null; requests: string[] }>();
    for (const r of d.requests) {
      if (!r.provision) continue;
      const entry = cited.get(r.provision.id) ?? { ...r.provision, requests: [] };
      entry.requests.push(requestLabel(r));
      cited.set(r.provision.id, entry);
    }
    const list = [...cited.values()].sort((a, b) => a.reference.localeCompare(b.reference, 'en', { numeric: true }));
    return [
      heading('Appendix B. Provisions cited', 'h1'),
      list.length
        ? {
            table: {
              headerRows: 1,
              widths: [60, '*', 60],
              body: [
                headerRow('Provision', 'Title and text', 'Cited by'),
                ...list.map((p) => [
                  p.reference,
                  { stack: [{ text: p.title, bold: true }, p.text ? { text: p.text, style: 'small' } : ''] },
                  p.requests.join(', '),
                ]),
              ],
            },
            layout: thinLines,
          }
        : { text: 'No request cites a provision.' },
    ];
  }

  function activitySummary(d: ReportData): Content {
    return [
      heading('Appendix C. Activity summary', 'h1'),
      {
        text: `Who changed what in this audit, grouped by person and kind of change; times on the deadline clock (${zone}).`,
        style: 'small',
        margin: [0, 0, 0, 6],
      },
      d.activity.length
        ? {
            table: {
              headerRows: 1,
              dontBreakRows: true,
              widths: [100, '*', 35, 95, 95],
              body: [
                headerRow('Who', 'What', 'Times', 'First', 'Last'),
                ...d.activity.map((a): TableCell[] => [
                  a.actor,
                  `${a.entityType} ${a.action.replace(/_/g, ' ')}`,
                  { text: String(a.count), alignment: 'right' as const },
                  formatInstant(a.firstAt, zone, false),
                  formatInstant(a.lastAt, zone, false),
                ]),
              ],
            },
            layout: thinLines,
            fontSize: 8.5,
          }
        : { text: 'No activity recorded.' },
    ];
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
