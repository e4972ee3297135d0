import { Logger } from '@nestjs/common';
import { Processor } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { PrismaService, type Tx } from '@app/db';
import { Clock, formatBates } from '@app/domain';
import { recordActivity } from '@app/activity';
import { type ProductionJob, QueueName } from '@app/queue';
import { BlobStore } from '@app/storage';
import { allocateBates } from './bates-allocator';
import { LoggedWorkerHost } from '../common/logged-worker-host';
import { buildVolume, type ProducedDocument } from './volume-builder';

export type ProductionJobOutcome = 'produced' | 'failed' | 'skipped';

/**
 * Produces volumes. The API set the row to PRODUCING and queued the job; this builds the
 * volume (numbers, stamps, load files, ZIP, all stored and hashed), then records every file,
 * each document's range and the PRODUCED status in one transaction. Two volumes at once: the
 * allocator serialises their numbering.
 */
@Processor(QueueName.Productions, { concurrency: 2 })
export class ProductionProcessor extends LoggedWorkerHost {
  private readonly logger = new Logger(ProductionProcessor.name);

  constructor(
    private readonly prisma: PrismaService,
    private readonly clock: Clock,
    private readonly store: BlobStore,
  ) {
    super();
  }

  /**
   * A REDACTED privilege-log entry logged for a document before it was produced waits for its
   * Bates numbers: the first volume that produces the document with privilege boxes fills them
   * in (an entry that already has numbers keeps them).
   */
  private async fillPrivilegeLogBates(
    tx: Tx,
    production: { auditId: string; producedById: string | null; batesPrefix: string; padWidth: number },
    rows: readonly { id: string; evidenceVersionId: string }[],
    produced: readonly ProducedDocument[],
  ): Promise<void> {
    const versionOf = new Map(rows.map((r) => [r.id, r.evidenceVersionId]));
    for (const doc of produced.filter((d) => d.privilegeRedacted)) {
      const entries = await tx.privilegeLogEntry.findMany({
        where: { evidenceVersionId: versionOf.get(doc.id), treatment: 'REDACTED', batesBegin: null },
        select: { id: true },
      });
      const bates = (n: number) => formatBates(production.batesPrefix, n, production.padWidth);
      for (const entry of entries) {
        const range = { batesBegin: bates(doc.beginNumber), batesEnd: bates(doc.endNumber) };
        await tx.privilegeLogEntry.update({ where: { id: entry.id }, data: range });
        await recordActivity(tx, {
          actorId: production.producedById,
          auditId: production.auditId,
          entityType: 'privilege_log_entry',
          entityId: entry.id,
          action: 'updated',
          changes: {
            batesBegin: { before: null, after: range.batesBegin },
            batesEnd: { before: null, after: range.batesEnd },
          },
        });
      }
    }
  }

  async process(job: Job<ProductionJob>): Promise<ProductionJobOutcome> {
    const { productionId } = job.data;
    const production = await this.prisma.production.findUnique({
      where: { id: productionId },
      include: {
        audit: { select: { respondingParty: true, demandingParty: true, agreementTitle: true, letterDate: true } },
      },
    });
    // Only a row the API moved to PRODUCING: a duplicate or stale job finds nothing to do.
    if (!production || production.status !== 'PRODUCING') return 'skipped';
    const documents = await this.prisma.productionDocument.findMany({
      where: { productionId },
      orderBy: [{ position: 'asc' }, { id: 'asc' }],
      select: {
        id: true,
        designation: true,
        evidenceVersionId: true,
        evidenceVersion: {
          select: {
            fileName: true,
            mediaType: true,
            sha256: true,
            storageKey: true,
            evidence: { select: { custodian: true, collectedOn: true } },
            // As they are now: the API refuses changes to them while the volume is PRODUCING.
            redactions: {
              select: { page: true, x: true, y: true, width: true, height: true, reason: true },
              orderBy: [{ page: 'asc' }, { y: 'asc' }, { x: 'asc' }],
            },
          },
        },
      },
    });
    try {
      const built = await buildVolume(
        this.store,
        {
          name: production.name,
          batesPrefix: production.batesPrefix,
          padWidth: production.padWidth,
          recipient: production.recipient,
          productionDate: production.productionDate,
          deliveryMethod: production.deliveryMethod,
          matter: production.audit,
        },
        documents.map((d) => ({
          id: d.id,
          designation: d.designation,
          fileName: d.evidenceVersion.fileName,
          mediaType: d.evidenceVersion.mediaType,
          originalSha256: d.evidenceVersion.sha256,
          storageKey: d.evidenceVersion.storageKey,
          custodian: d.evidenceVersion.evidence.custodian,
          docDate: d.evidenceVersion.evidence.collectedOn,
          redactions: d.evidenceVersion.redactions,
        })),
        {
          allocate: (pages) => allocateBates(this.prisma, production, pages),
          progress: (progress) =>
            this.prisma.production.update({ where: { id: productionId }, data: { progress } }).then(() => undefined),
        },
      );
      await this.prisma.$transaction(async (tx) => {
        await tx.productionFile.createMany({
          data: built.files.map((f) => ({ ...f, productionId, sizeBytes: BigInt(f.sizeBytes) })),
        });
        for (const d of built.documents)
          await tx.productionDocument.update({
            where: { id: d.id },
            data: {
              beginNumber: d.beginNumber,
              endNumber: d.endNumber,
              pageCount: d.pageCount,
              producedSha256: d.producedSha256,
              redactionCount: d.redactionCount,
              privilegeRedacted: d.privilegeRedacted,
            },
          });
        await this.fillPrivilegeLogBates(tx, production, documents, built.documents);
        await tx.production.update({
          where: { id: productionId },
          data: {
            status: 'PRODUCED',
            progress: 100,
            error: null,
            producedAt: this.clock.now(),
            zipStorageKey: built.zip.key,
            zipSha256: built.zip.sha256,
            zipSizeBytes: BigInt(built.zip.size),
          },
        });
        await recordActivity(tx, {
          actorId: production.producedById,
          auditId: production.auditId,
          entityType: 'production',
          entityId: productionId,
          action: 'produced',
          changes: {
            status: { before: 'PRODUCING', after: 'PRODUCED' },
            batesRange: { before: null, after: `${built.firstNumber}-${built.lastNumber}` },
            pageCount: { before: null, after: built.pageCount },
            zipSha256: { before: null, after: built.zip.sha256 },
          },
        });
      });
      return 'produced';
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.logger.error(`production ${productionId} failed: ${message}`);
      await this.prisma.$transaction(async (tx) => {
        await tx.production.update({
          where: { id: productionId },
          data: { status: 'FAILED', error: message.slice(0, 2000) },
        });
        await recordActivity(tx, {
          actorId: production.producedById,
          auditId: production.auditId,
          entityType: 'production',
          entityId: productionId,
          action: 'failed',
          changes: { status: { before: 'PRODUCING', after: 'FAILED' }, error: { before: null, after: message } },
        });
      });
      return 'failed';
    }
  }
}
