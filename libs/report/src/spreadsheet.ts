import type ExcelJSModule from 'exceljs';
import { formatCalendarDate, localDeadline, wallClockTime } from '@app/domain';
import type { ReportData, ReportEvidence, ReportFileVersion } from './report-data';
import { STATUS_LABEL } from './report-format';

// The CSV and XLSX exports of the response grid and of the evidence index. One table spec
// per export drives both formats, so the two files always carry the same columns.

/**
 * Spreadsheet formula injection (OWASP "CSV Injection"): a cell whose text starts with =, +,
 * -, @, a tab or a carriage return may be run as a formula when the file is opened. Prefixing
 * a single quote makes Excel, LibreOffice and Sheets show it as text. Both formats use this.
 */
export function neutralizeCell(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** A calendar day, or an instant shown on the audit's deadline clock. */
export type SheetValue = string | number | null | { day: Date | null } | { instant: Date | null };

export interface SheetColumn<T> {
  header: string;
  /** Column width in characters (XLSX). */
  width: number;
  value: (row: T) => SheetValue;
}

export interface SheetTable<T> {
  name: string;
  columns: SheetColumn<T>[];
  rows: T[];
  /** IANA zone of instants. */
  zone: string;
}

export type ExportKind = 'responses' | 'evidence';

export function responsesTable(data: ReportData): SheetTable<ReportData['responses'][number]> {
  const subjects = new Map(data.subjects.map((s) => [s.id, s]));
  const requests = new Map(data.requests.map((r) => [r.id, r]));
  const zone = data.audit.deadlineTimeZone;
  return {
    name: 'Responses',
    zone,
    rows: data.responses,
    columns: [
      { header: 'Subject', width: 28, value: (r) => subjects.get(r.subjectId)!.name },
      { header: 'Request', width: 9, value: (r) => requests.get(r.requestId)!.ordinal },
      { header: 'Request title', width: 40, value: (r) => requests.get(r.requestId)!.title },
      { header: 'Provision', width: 12, value: (r) => requests.get(r.requestId)!.provision?.reference ?? null },
      { header: 'Status', width: 18, value: (r) => STATUS_LABEL[r.status] },
      { header: 'Overdue', width: 9, value: (r) => (r.overdue ? 'yes' : 'no') },
      { header: 'Assignee', width: 22, value: (r) => r.assignee?.name ?? null },
      { header: 'Reviewer', width: 22, value: (r) => r.reviewer?.name ?? null },
      { header: 'Due date', width: 12, value: (r) => ({ day: r.dueDate }) },
      { header: `Approved at (${zone})`, width: 18, value: (r) => ({ instant: r.approvedAt }) },
      { header: 'Approved by', width: 22, value: (r) => r.approvedBy?.name ?? null },
      { header: 'Evidence items', width: 10, value: (r) => r.evidenceIds.length },
      { header: 'Answer', width: 80, value: (r) => (r.answerWithheld ? '(withheld: not approved)' : r.answer) },
    ],
  };
}

type EvidenceRow = { evidence: ReportEvidence; version: ReportFileVersion | null };

/** One row per file version (the current one first), one row for a link or a note. */
export function evidenceTable(data: ReportData): SheetTable<EvidenceRow> {
  const zone = data.audit.deadlineTimeZone;
  const subjects = new Map(data.subjects.map((s) => [s.id, s.name]));
  const requests = new Map(data.requests.map((r) => [r.id, r.ordinal]));
  const supports = new Map<string, string[]>();
  for (const r of data.responses) {
    for (const id of r.evidenceIds)
      supports.set(id, [...(supports.get(id) ?? []), `${subjects.get(r.subjectId)} R${requests.get(r.requestId)}`]);
  }
  const rows: EvidenceRow[] = data.evidence.flatMap((evidence) =>
    evidence.file
      ? [evidence.file, ...evidence.earlierVersions].map((version): EvidenceRow => ({ evidence, version }))
      : [{ evidence, version: null }],
  );
  return {
    name: 'Evidence',
    zone,
    rows,
    columns: [
      { header: 'Title', width: 36, value: (r) => r.evidence.title },
      { header: 'Kind', width: 7, value: (r) => r.evidence.kind },
      { header: 'Collected on', width: 12, value: (r) => ({ day: r.evidence.collectedOn }) },
      { header: 'Custodian', width: 22, value: (r) => r.evidence.custodian },
      { header: 'Source system', width: 18, value: (r) => r.evidence.sourceSystem },
      { header: 'Confidentiality', width: 18, value: (r) => r.evidence.confidentiality },
      { header: 'File name', width: 30, value: (r) => r.version?.fileName ?? null },
      { header: 'Version', width: 8, value: (r) => r.version?.number ?? null },
      {
        header: 'Current version',
        width: 9,
        value: (r) => (r.version ? (r.version === r.evidence.file ? 'yes' : 'no') : null),
      },
      { header: 'Media type', width: 22, value: (r) => r.version?.mediaType ?? null },
      { header: 'Size (bytes)', width: 14, value: (r) => r.version?.sizeBytes ?? null },
      { header: 'SHA-256', width: 66, value: (r) => r.version?.sha256 ?? null },
      { header: `Uploaded at (${zone})`, width: 18, value: (r) => ({ instant: r.version?.uploadedAt ?? null }) },
      { header: 'Last integrity check', width: 12, value: (r) => r.version?.lastVerification ?? null },
      { header: `Checked at (${zone})`, width: 18, value: (r) => ({ instant: r.version?.lastVerifiedAt ?? null }) },
      { header: 'URL', width: 40, value: (r) => r.evidence.url },
      { header: 'Supports', width: 40, value: (r) => (supports.get(r.evidence.id) ?? []).join('; ') },
    ],
  };
}

/** A cell as text: a day as YYYY-MM-DD, an instant on the audit's clock, nothing as ''. */
export function sheetText(value: SheetValue, zone: string): string {
  if (value === null) return '';
  if (typeof value === 'number' || typeof value === 'string') return String(value);
  if ('day' in value) return value.day ? formatCalendarDate(value.day) : '';
  return value.instant ? localDeadline(value.instant, zone) : '';
}

const csvValue = (value: SheetValue, zone: string): string =>
  typeof value === 'string' ? neutralizeCell(value) : sheetText(value, zone);

// csv-stringify and exceljs are loaded on first use: they are slow to require
// and only these routes need them.

export async function toCsv<T>(table: SheetTable<T>): Promise<Buffer> {
  const { stringify } = await import('csv-stringify/sync');
  const records = [
    table.columns.map((c) => neutralizeCell(c.header)),
    ...table.rows.map((row) => table.columns.map((c) => csvValue(c.value(row), table.zone))),
  ];
  // UTF-8 with a byte-order mark: without it Excel reads a CSV in the machine's legacy code
  // page and garbles accented and non-Latin names. Other readers skip the BOM.
  return Buffer.from(stringify(records, { bom: true, record_delimiter: 'windows' }), 'utf8');
}

/**
 * Excel holds at most 32,767 characters in a cell and refuses (or truncates silently, by
 * reader) a file with more; exceljs writes it anyway. Long text (a TABLE answer, a long
 * answer) is cut below the limit with a note saying where the rest is.
 */
export const XLSX_CELL_MAX_CHARS = 32_000;
export const XLSX_CELL_CONTINUED = '… (continued in AuditDesk)';

/** A cell's text within Excel's limit (the neutralising quote counted). */
export function capCellText(text: string): string {
  return text.length <= XLSX_CELL_MAX_CHARS ? text : text.slice(0, XLSX_CELL_MAX_CHARS) + XLSX_CELL_CONTINUED;
}

/** An instant as a date-time cell showing the wall-clock time in `zone` (Excel has no zones). */
const wallClockDate = (instant: Date, zone: string) => new Date(`${wallClockTime(instant, zone)}Z`);

/**
 * One workbook with a sheet per table, in the order given (e.g. a log and its detail rows);
 * every sheet has the same header row, freeze, filter and cell rules.
 */
export async function toXlsx<Rows extends unknown[]>(
  ...tables: { [K in keyof Rows]: SheetTable<Rows[K]> }
): Promise<Buffer> {
  const ExcelJS: typeof ExcelJSModule = (await import('exceljs')).default;
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'AuditDesk';
  for (const table of tables as SheetTable<unknown>[]) addSheet(workbook, table);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function addSheet<T>(workbook: ExcelJSModule.Workbook, table: SheetTable<T>): void {
  const sheet = workbook.addWorksheet(table.name, { views: [{ state: 'frozen', xSplit: 1, ySplit: 1 }] });
  sheet.columns = table.columns.map((c) => ({ header: neutralizeCell(c.header), width: c.width }));
  sheet.getRow(1).font = { bold: true };
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: table.columns.length } };
  for (const row of table.rows) {
    const added = sheet.addRow([]);
    table.columns.forEach((c, i) => {
      const value = c.value(row);
      const cell = added.getCell(i + 1);
      if (value === null) return;
      if (typeof value === 'number') cell.value = value;
      else if (typeof value === 'string') {
        cell.value = capCellText(neutralizeCell(value));
        cell.alignment = { wrapText: value.length > c.width, vertical: 'top' };
      } else if ('day' in value) {
        if (!value.day) return;
        cell.value = value.day;
        cell.numFmt = 'yyyy-mm-dd';
      } else if (value.instant) {
        cell.value = wallClockDate(value.instant, table.zone);
        cell.numFmt = 'yyyy-mm-dd hh:mm';
      }
    });
  }
}
