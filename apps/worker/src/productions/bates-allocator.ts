import { lockForTransaction, type PrismaClient } from '@app/db';
import { fitsWidth, formatBates, nextBatesStart } from '@app/domain';

export interface BatesVolume {
  id: string;
  auditId: string;
  batesPrefix: string;
  startNumber: number;
  padWidth: number;
}

export class BatesWidthError extends Error {}

/**
 * Takes `pages` consecutive numbers for a volume, right after the highest number its audit has
 * used under the prefix. One transaction holding an advisory lock per (audit, prefix): two
 * volumes produced at once take their numbers one after the other, and the primary key of
 * bates_numbers (audit, prefix, number) refuses any overlap even if the lock were bypassed.
 * A volume's earlier numbers (a failed run) are released first, so a retry takes the same
 * numbers when no other volume came after it.
 */
export async function allocateBates(prisma: PrismaClient, volume: BatesVolume, pages: number): Promise<number> {
  return prisma.$transaction(async (tx) => {
    const lockKey = `bates:${volume.auditId}:${volume.batesPrefix}`;
    await lockForTransaction(tx, lockKey);
    await tx.batesNumber.deleteMany({ where: { productionId: volume.id } });
    const highest = await tx.batesNumber.aggregate({
      where: { auditId: volume.auditId, prefix: volume.batesPrefix },
      _max: { number: true },
    });
    const first = nextBatesStart(highest._max.number ?? null, volume.startNumber);
    const last = first + pages - 1;
    if (!fitsWidth(last, volume.padWidth))
      throw new BatesWidthError(
        `The volume needs numbers up to ${formatBates(volume.batesPrefix, last, volume.padWidth)}, wider than ${volume.padWidth} digits: raise the Bates width.`,
      );
    // Batches keep each statement well under PostgreSQL's bind-parameter limit.
    for (let from = first; from <= last; from += 5000) {
      const to = Math.min(last, from + 4999);
      await tx.batesNumber.createMany({
        data: Array.from({ length: to - from + 1 }, (_, i) => ({
          auditId: volume.auditId,
          prefix: volume.batesPrefix,
          number: from + i,
          productionId: volume.id,
        })),
      });
    }
    await tx.production.update({
      where: { id: volume.id },
      data: { firstNumber: first, lastNumber: last, pageCount: pages },
    });
    return first;
  });
}
