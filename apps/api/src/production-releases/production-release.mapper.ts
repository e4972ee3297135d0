import type { Prisma } from '@app/db';
import { releaseState } from '@app/domain';
import type { ProductionReleaseDto } from './dto/production-release.dto';

export const releaseSelect = {
  id: true,
  productionId: true,
  recipientName: true,
  recipientEmail: true,
  expiresAt: true,
  createdAt: true,
  createdBy: { select: { id: true, name: true } },
  revokedAt: true,
  revokedBy: { select: { id: true, name: true } },
  failedCodeAttempts: true,
  mailedAt: true,
  mailFailedAt: true,
  downloads: {
    orderBy: [{ startedAt: 'asc' }, { id: 'asc' }],
    select: { id: true, startedAt: true, finishedAt: true, clientAddress: true, bytesSent: true, complete: true },
  },
} satisfies Prisma.ProductionReleaseSelect;

export type ReleaseRow = Prisma.ProductionReleaseGetPayload<{ select: typeof releaseSelect }>;

/** A release as counsel see it: its state at `now` and every download. */
export function mapRelease(row: ReleaseRow, now: Date): ProductionReleaseDto {
  return {
    id: row.id,
    productionId: row.productionId,
    recipientName: row.recipientName,
    recipientEmail: row.recipientEmail,
    expiresAt: row.expiresAt,
    state: releaseState(row, now),
    createdBy: row.createdBy,
    createdAt: row.createdAt,
    revokedAt: row.revokedAt,
    revokedBy: row.revokedBy,
    failedCodeAttempts: row.failedCodeAttempts,
    mailSent: row.mailedAt !== null,
    downloads: row.downloads.map((d) => ({
      id: d.id,
      startedAt: d.startedAt,
      finishedAt: d.finishedAt,
      clientAddress: d.clientAddress,
      bytesSent: Number(d.bytesSent),
      complete: d.complete,
    })),
  };
}
