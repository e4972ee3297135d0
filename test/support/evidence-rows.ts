// Evidence rows written straight through Prisma: the evidence API is another branch's work,
// and the report only reads these tables.
import { randomUUID } from 'node:crypto';
import type { PrismaClient } from '@app/db';
import { sha256 } from './bytes';

export interface InsertedEvidence {
  id: string;
  title: string;
  /** SHA-256 of every version, oldest first (the last one is the current file). */
  hashes: string[];
}

export async function insertFileEvidence(
  prisma: PrismaClient,
  auditId: string,
  responseIds: string[],
  opts: { title: string; versions?: number; custodian?: string; deleted?: boolean },
): Promise<InsertedEvidence> {
  const id = randomUUID();
  const hashes = Array.from({ length: opts.versions ?? 1 }, (_, i) => sha256(`${id}-v${i + 1}`));
  await prisma.evidence.create({
    data: {
      id,
      auditId,
      kind: 'FILE',
      title: opts.title,
      custodian: opts.custodian ?? 'Records custodian',
      sourceSystem: 'Data warehouse',
      collectedOn: new Date('2023-05-22T00:00:00Z'),
      deletedAt: opts.deleted ? new Date('2023-05-24T12:00:00Z') : null,
      versions: {
        create: hashes.map((sha256, i) => ({
          number: i + 1,
          fileName: `${opts.title.replace(/\W+/g, '-').toLowerCase()}-v${i + 1}.csv`,
          mediaType: 'text/csv',
          sizeBytes: BigInt(10_000 + i),
          sha256,
          storageKey: `test/${id}/${i + 1}`,
          uploadedAt: new Date(`2023-05-2${2 + i}T15:00:00Z`),
          ...(i === 0 && { lastVerifiedAt: new Date('2023-05-24T09:00:00Z'), lastVerification: 'MATCH' as const }),
        })),
      },
      responses: { create: responseIds.map((responseId) => ({ responseId })) },
    },
  });
  return { id, title: opts.title, hashes };
}

export async function insertOtherEvidence(
  prisma: PrismaClient,
  auditId: string,
  responseIds: string[],
  kind: 'LINK' | 'NOTE',
  title: string,
) {
  return prisma.evidence.create({
    data: {
      auditId,
      kind,
      title,
      ...(kind === 'LINK'
        ? { url: 'https://records.example.com/export/42' }
        : { body: 'Statement of the records custodian.' }),
      responses: { create: responseIds.map((responseId) => ({ responseId })) },
    },
    select: { id: true, title: true },
  });
}
