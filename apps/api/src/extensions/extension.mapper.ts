import type { Prisma } from '@app/db';
import { formatCalendarDate, localDeadline } from '@app/domain';
import type { ExtensionDto } from './dto/extension.dto';

export const extensionInclude = { recordedBy: { select: { id: true, name: true } } } as const;

export type ExtensionRow = Prisma.AuditExtensionGetPayload<{ include: typeof extensionInclude }>;

export const mapExtension = (e: ExtensionRow, zone: string): ExtensionDto => ({
  id: e.id,
  requestedOn: formatCalendarDate(e.requestedOn),
  newDeadline: e.newDeadline,
  newDeadlineLocal: localDeadline(e.newDeadline, zone),
  status: e.status,
  previousDeadline: e.previousDeadline,
  decidedOn: e.decidedOn ? formatCalendarDate(e.decidedOn) : null,
  note: e.note,
  decisionNote: e.decisionNote,
  recordedBy: e.recordedBy,
  createdAt: e.createdAt,
});
