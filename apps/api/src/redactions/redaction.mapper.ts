import type { Prisma } from '@app/db';
import type { RedactionDto } from './dto/redaction.dto';

export const redactionSelect = {
  id: true,
  page: true,
  x: true,
  y: true,
  width: true,
  height: true,
  reason: true,
  note: true,
  createdAt: true,
  createdBy: { select: { id: true, name: true } },
} as const satisfies Prisma.RedactionSelect;

export type RedactionRow = Prisma.RedactionGetPayload<{ select: typeof redactionSelect }>;

export const mapRedaction = (row: RedactionRow): RedactionDto => ({ ...row });

/** What an activity event records of a box. */
export const boxChanges = (row: Pick<RedactionRow, 'page' | 'x' | 'y' | 'width' | 'height' | 'reason' | 'note'>) => ({
  page: row.page,
  box: { x: row.x, y: row.y, width: row.width, height: row.height },
  reason: row.reason,
  note: row.note,
});
