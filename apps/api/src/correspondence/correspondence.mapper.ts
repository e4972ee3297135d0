import type { Prisma } from '@app/db';
import {
  CORRESPONDENCE_CHANNEL_LABEL,
  CORRESPONDENCE_DIRECTION_LABEL,
  EXTENSION_STATUS_LABEL,
  formatCalendarDate,
  localDeadline,
} from '@app/domain';
import type { SheetTable } from '@app/report';
import { evidenceInclude, mapVersion } from '../evidence/evidence.mapper';
import type { CorrespondenceDto, CorrespondenceRequestRefDto } from './dto/correspondence.dto';

export const correspondenceInclude = {
  createdBy: { select: { id: true, name: true } },
  extension: { select: { id: true, requestedOn: true, newDeadline: true, status: true } },
  attachments: {
    where: { deletedAt: null },
    include: evidenceInclude,
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
  },
} satisfies Prisma.CorrespondenceInclude;

export type CorrespondenceRow = Prisma.CorrespondenceGetPayload<{ include: typeof correspondenceInclude }>;

export function mapCorrespondence(
  row: CorrespondenceRow,
  requests: Map<string, CorrespondenceRequestRefDto>,
): CorrespondenceDto {
  return {
    id: row.id,
    occurredAt: row.occurredAt,
    occurredAtLocal: localDeadline(row.occurredAt, row.timeZone),
    timeZone: row.timeZone,
    direction: row.direction,
    channel: row.channel,
    from: row.fromParty,
    to: row.toParty,
    subject: row.subject,
    summary: row.summary,
    requests: row.requestIds.flatMap((id) => requests.get(id) ?? []).sort((a, b) => a.ordinal - b.ordinal),
    extension: row.extension
      ? {
          id: row.extension.id,
          requestedOn: formatCalendarDate(row.extension.requestedOn),
          newDeadline: row.extension.newDeadline,
          status: row.extension.status,
        }
      : null,
    demandLetter: row.demandLetter,
    attachments: row.attachments.map((a) => ({
      id: a.id,
      title: a.title,
      file: mapVersion(a.versions[0]),
      downloadUrl: `/api/audits/${row.auditId}/correspondence/${row.id}/attachments/${a.id}/content`,
    })),
    version: row.version,
    createdBy: row.createdBy,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/** The one column set of the CSV and XLSX exports, oldest first like a chronology. */
export function correspondenceTable(entries: CorrespondenceDto[], zone: string): SheetTable<CorrespondenceDto> {
  return {
    name: 'Correspondence',
    zone,
    rows: entries,
    columns: [
      { header: 'Date and time', width: 30, value: (e) => e.occurredAtLocal },
      { header: 'Time zone', width: 20, value: (e) => e.timeZone },
      { header: 'Direction', width: 10, value: (e) => CORRESPONDENCE_DIRECTION_LABEL[e.direction] },
      { header: 'Channel', width: 10, value: (e) => CORRESPONDENCE_CHANNEL_LABEL[e.channel] },
      { header: 'From', width: 30, value: (e) => e.from },
      { header: 'To', width: 30, value: (e) => e.to },
      { header: 'Subject', width: 40, value: (e) => e.subject },
      { header: 'Summary', width: 60, value: (e) => e.summary },
      { header: 'Requests', width: 30, value: (e) => e.requests.map((r) => `R${r.ordinal} ${r.title}`).join('; ') },
      {
        header: 'Extension',
        width: 24,
        value: (e) =>
          e.extension
            ? `Asked ${e.extension.requestedOn} (${EXTENSION_STATUS_LABEL[e.extension.status].toLowerCase()})`
            : null,
      },
      {
        header: 'Attachments (SHA-256)',
        width: 60,
        value: (e) => e.attachments.map((a) => `${a.file.fileName} (${a.file.sha256})`).join('; '),
      },
    ],
  };
}
