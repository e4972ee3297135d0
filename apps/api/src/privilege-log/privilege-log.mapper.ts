import type { Prisma } from '@app/db';
import { formatCalendarDate, PRIVILEGE_LABEL, TREATMENT_LABEL } from '@app/domain';
import type { SheetTable } from '@app/report';
import type { PrivilegeLogEntryDto, PrivilegeLogRequestRefDto } from './dto/privilege-log.dto';

export const entrySelect = {
  id: true,
  evidenceVersionId: true,
  categorical: true,
  documentDate: true,
  documentType: true,
  author: true,
  recipientsTo: true,
  recipientsCc: true,
  description: true,
  privilege: true,
  privilegeOther: true,
  treatment: true,
  batesBegin: true,
  batesEnd: true,
  requestIds: true,
  documentCount: true,
  dateFrom: true,
  dateTo: true,
  createdAt: true,
  updatedAt: true,
  evidenceVersion: { select: { number: true, fileName: true, evidence: { select: { id: true, title: true } } } },
} satisfies Prisma.PrivilegeLogEntrySelect;

export type EntryRow = Prisma.PrivilegeLogEntryGetPayload<{ select: typeof entrySelect }>;

const day = (d: Date | null) => (d ? formatCalendarDate(d) : null);

export function mapEntry(
  row: EntryRow,
  number: number,
  requests: Map<string, PrivilegeLogRequestRefDto>,
): PrivilegeLogEntryDto {
  return {
    id: row.id,
    number,
    document:
      row.evidenceVersion && row.evidenceVersionId
        ? {
            evidenceVersionId: row.evidenceVersionId,
            evidenceId: row.evidenceVersion.evidence.id,
            title: row.evidenceVersion.evidence.title,
            versionNumber: row.evidenceVersion.number,
            fileName: row.evidenceVersion.fileName,
          }
        : null,
    categorical: row.categorical,
    documentDate: day(row.documentDate),
    documentType: row.documentType,
    author: row.author,
    recipientsTo: row.recipientsTo,
    recipientsCc: row.recipientsCc,
    description: row.description,
    privilege: row.privilege,
    privilegeOther: row.privilegeOther,
    treatment: row.treatment,
    batesBegin: row.batesBegin,
    batesEnd: row.batesEnd,
    // A request deleted since is left out: the log names only requests that exist.
    requests: row.requestIds.flatMap((id) => requests.get(id) ?? []).sort((a, b) => a.ordinal - b.ordinal),
    documentCount: row.documentCount,
    dateFrom: day(row.dateFrom),
    dateTo: day(row.dateTo),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/** How the privilege asserted reads on the log. */
export const privilegeText = (e: PrivilegeLogEntryDto): string =>
  e.privilege === 'OTHER' && e.privilegeOther ? `Other: ${e.privilegeOther}` : PRIVILEGE_LABEL[e.privilege];

/** The entry's date column: the document's date, or a categorical entry's range. */
export const dateText = (e: PrivilegeLogEntryDto): string =>
  e.categorical ? [e.dateFrom, e.dateTo].filter(Boolean).join(' to ') : (e.documentDate ?? 'Undated');

export const batesText = (e: PrivilegeLogEntryDto): string =>
  e.batesBegin ? (e.batesEnd && e.batesEnd !== e.batesBegin ? `${e.batesBegin} – ${e.batesEnd}` : e.batesBegin) : '';

export const requestsText = (e: PrivilegeLogEntryDto): string =>
  e.requests.map((r) => `R${r.ordinal} ${r.title}`).join('; ');

/** The one column set of the CSV and XLSX exports. */
export function privilegeLogTable(entries: PrivilegeLogEntryDto[], zone: string): SheetTable<PrivilegeLogEntryDto> {
  return {
    name: 'Privilege log',
    zone,
    rows: entries,
    columns: [
      { header: 'No.', width: 6, value: (e) => e.number },
      { header: 'Date', width: 24, value: (e) => dateText(e) },
      { header: 'Document type', width: 16, value: (e) => e.documentType },
      { header: 'Author', width: 22, value: (e) => e.author },
      { header: 'Recipients (to)', width: 30, value: (e) => e.recipientsTo.join('; ') },
      { header: 'Recipients (cc)', width: 30, value: (e) => e.recipientsCc.join('; ') },
      { header: 'Description', width: 50, value: (e) => e.description },
      { header: 'Privilege asserted', width: 24, value: (e) => privilegeText(e) },
      { header: 'Withheld or redacted', width: 12, value: (e) => TREATMENT_LABEL[e.treatment] },
      { header: 'Bates range', width: 30, value: (e) => batesText(e) },
      { header: 'Responds to', width: 30, value: (e) => requestsText(e) },
      { header: 'Documents (categorical)', width: 12, value: (e) => (e.categorical ? e.documentCount : null) },
    ],
  };
}
