import { Injectable } from '@nestjs/common';
import { InjectQueue } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { lockForTransaction, type Prisma, PrismaService, type Tx, UnitOfWork } from '@app/db';
import {
  AuditRole,
  calendarDate,
  Clock,
  formatCalendarDate,
  isProductionEditable,
  PRODUCE_ROLE,
  productionLockedReason,
  todayIn,
  withheldDocumentMessage,
} from '@app/domain';
import { toCsv, toXlsx } from '@app/report';
import { recordActivity } from '@app/activity';
import { type ProductionJob, productionJobId, QueueName } from '@app/queue';
import { BlobNotFoundError, BlobStore, sha256Of } from '@app/storage';
import { AppError } from '../common/app-error';
import { EXPORT_MEDIA_TYPE, type ExportFormat } from '../common/export-format';
import type { FileDownload } from '../common/file-download';
import { pageMeta, type PageQueryDto, skipTake } from '../common/pagination.dto';
import type { AuthContext } from '../auth/auth-context';
import { AuditAccessService } from '../access/audit-access.service';
import type {
  AddProductionDocumentDto,
  CreateProductionDto,
  DesignationsDto,
  ProductionDetailDto,
  ProductionDocumentPageDto,
  ProductionListDto,
  ProductionVerificationDto,
  ReleasableVersionListDto,
  UpdateProductionDto,
  VerificationDifferenceDto,
} from './dto/production.dto';
import {
  mapProduction,
  mapProductionDetail,
  mapProductionDocument,
  producedDocumentsTable,
  productionDocumentSelect,
  productionLogTable,
  productionSelect,
  releasesTable,
} from './production.mapper';

/**
 * Evidence versions approved for release: live files (not source documents) supporting an
 * approved response. Volumes and submitted response packages both take only these.
 */
export const releasableVersion = (auditId: string): Prisma.EvidenceVersionWhereInput => ({
  evidence: {
    auditId,
    kind: 'FILE',
    deletedAt: null,
    sourceDocumentKind: null,
    responses: { some: { response: { status: 'APPROVED' } } },
  },
});

/** Locks a volume's row until the transaction ends: serialises everything that changes the volume or its releases. */
export async function lockProductionRow(tx: Tx, auditId: string, productionId: string): Promise<void> {
  await tx.$queryRaw`SELECT id FROM productions WHERE id = ${productionId}::uuid AND audit_id = ${auditId}::uuid FOR UPDATE`;
}

/** Serialises everything that decides whether one evidence version is produced or withheld. */
export async function lockEvidenceVersion(tx: Tx, evidenceVersionId: string): Promise<void> {
  const key = `evidence-version:${evidenceVersionId}`;
  await lockForTransaction(tx, key);
}

const ZIP_PATH = '(volume ZIP)';

export type ProductionLogFormat = Exclude<ExportFormat, 'pdf'>;

@Injectable()
export class ProductionsService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly uow: UnitOfWork,
    private readonly access: AuditAccessService,
    private readonly clock: Clock,
    private readonly store: BlobStore,
    @InjectQueue(QueueName.Productions) private readonly queue: Queue<ProductionJob>,
  ) {}

  async designations(auth: AuthContext, auditId: string): Promise<DesignationsDto> {
    await this.access.require(auth, auditId);
    return { labels: await this.labels(this.prisma, auditId) };
  }

  /** Replaces the list. A label some volume already uses may still be dropped: the volume keeps its text. */
  async setDesignations(auth: AuthContext, auditId: string, dto: DesignationsDto): Promise<DesignationsDto> {
    await this.access.require(auth, auditId, PRODUCE_ROLE);
    const labels = [...new Set(dto.labels)];
    return this.uow.run(async (tx) => {
      await tx.$queryRaw`SELECT id FROM audits WHERE id = ${auditId}::uuid FOR UPDATE`;
      const before = await this.labels(tx, auditId);
      await tx.productionDesignation.deleteMany({ where: { auditId } });
      await tx.productionDesignation.createMany({
        data: labels.map((label, position) => ({ auditId, label, position })),
      });
      await recordActivity(tx, {
        actorId: auth.user.id,
        auditId,
        entityType: 'audit',
        entityId: auditId,
        action: 'designations_changed',
        changes: { designations: { before, after: labels } },
      });
      return { labels };
    });
  }

  async releasable(auth: AuthContext, auditId: string): Promise<ReleasableVersionListDto> {
    await this.access.require(auth, auditId);
    const rows = await this.prisma.evidenceVersion.findMany({
      where: releasableVersion(auditId),
      orderBy: [{ evidence: { title: 'asc' } }, { number: 'desc' }],
      select: {
        id: true,
        number: true,
        fileName: true,
        mediaType: true,
        sizeBytes: true,
        sha256: true,
        evidence: {
          select: {
            id: true,
            title: true,
            custodian: true,
            versions: { select: { number: true }, orderBy: { number: 'desc' }, take: 1 },
          },
        },
        productionDocuments: { select: { production: { select: { name: true } } } },
      },
    });
    return {
      items: rows.map((v) => ({
        evidenceVersionId: v.id,
        evidenceId: v.evidence.id,
        title: v.evidence.title,
        versionNumber: v.number,
        current: v.evidence.versions[0]?.number === v.number,
        fileName: v.fileName,
        mediaType: v.mediaType,
        sizeBytes: Number(v.sizeBytes),
        sha256: v.sha256,
        custodian: v.evidence.custodian,
        productions: v.productionDocuments.map((d) => d.production.name),
      })),
    };
  }

  async list(auth: AuthContext, auditId: string): Promise<ProductionListDto> {
    await this.access.require(auth, auditId);
    const rows = await this.prisma.production.findMany({
      where: { auditId },
      select: productionSelect,
      orderBy: [{ createdAt: 'asc' }, { name: 'asc' }],
    });
    const now = this.clock.now();
    return { items: rows.map((r) => mapProduction(r, now)) };
  }

  async get(auth: AuthContext, auditId: string, productionId: string): Promise<ProductionDetailDto> {
    await this.access.require(auth, auditId);
    return this.detail(this.prisma, auditId, productionId);
  }

  /** A page of one volume's documents, in the order they were numbered. */
  async documents(
    auth: AuthContext,
    auditId: string,
    productionId: string,
    query: PageQueryDto,
  ): Promise<ProductionDocumentPageDto> {
    await this.access.require(auth, auditId);
    const volume = await this.prisma.production.findFirst({
      where: { id: productionId, auditId },
      select: { batesPrefix: true, padWidth: true },
    });
    if (!volume) throw AppError.notFound('Production');
    const total = await this.prisma.productionDocument.count({ where: { productionId } });
    const rows = await this.prisma.productionDocument.findMany({
      where: { productionId },
      orderBy: [{ position: 'asc' }, { id: 'asc' }],
      select: productionDocumentSelect,
      ...skipTake(query),
    });
    return { ...pageMeta(query, total), items: rows.map((d) => mapProductionDocument(volume, d)) };
  }

  /**
   * The production log as a file: every volume (what it held, to whom, when, by whom, the
   * ZIP's SHA-256); the XLSX adds a sheet with every produced document and both its hashes.
   * Times are on the audit's deadline clock, named in the headers. Any member.
   */
  async exportLog(auth: AuthContext, auditId: string, format: ProductionLogFormat): Promise<FileDownload> {
    const access = await this.access.require(auth, auditId);
    const zone = access.deadlineTimeZone;
    const audit = await this.prisma.audit.findUniqueOrThrow({
      where: { id: auditId },
      select: { referenceCode: true },
    });
    const volumes = await this.prisma.production.findMany({
      where: { auditId },
      select: productionSelect,
      orderBy: [{ createdAt: 'asc' }, { name: 'asc' }],
    });
    // The designations each volume's documents carry, in the order first used.
    const designations = await this.prisma.productionDocument.findMany({
      where: { production: { auditId } },
      orderBy: [{ position: 'asc' }, { id: 'asc' }],
      select: { productionId: true, designation: true },
    });
    const used = new Map<string, Set<string>>();
    for (const d of designations) used.set(d.productionId, (used.get(d.productionId) ?? new Set()).add(d.designation));
    const log = productionLogTable(
      volumes.map((v) => ({ ...mapProduction(v, this.clock.now()), designations: [...(used.get(v.id) ?? [])] })),
      zone,
    );
    let content: Buffer;
    if (format === 'csv') content = await toCsv(log);
    else {
      const byVolume = new Map(volumes.map((v, i) => [v.id, { ...v, order: i }]));
      const produced = await this.prisma.productionDocument.findMany({
        where: { production: { auditId, status: 'PRODUCED' } },
        select: { ...productionDocumentSelect, productionId: true },
      });
      const rows = produced
        .map((d) => ({ volume: byVolume.get(d.productionId)!, d }))
        .sort((a, b) => a.volume.order - b.volume.order || (a.d.beginNumber ?? 0) - (b.d.beginNumber ?? 0))
        .map(({ volume, d }) => ({ ...mapProductionDocument(volume, d), volume: volume.name }));
      content = await toXlsx(log, producedDocumentsTable(rows, zone), releasesTable(log.rows, zone));
    }
    await recordActivity(this.prisma, {
      actorId: auth.user.id,
      auditId,
      entityType: 'production',
      entityId: auditId,
      action: 'exported',
      changes: { format: { before: null, after: format }, volumes: { before: null, after: volumes.length } },
    });
    return {
      content,
      fileName: `${audit.referenceCode}-production-log-${todayIn(zone, this.clock.now())}.${format}`,
      mediaType: EXPORT_MEDIA_TYPE[format],
    };
  }

  async create(auth: AuthContext, auditId: string, dto: CreateProductionDto): Promise<ProductionDetailDto> {
    await this.access.require(auth, auditId, PRODUCE_ROLE);
    return this.uow.run(async (tx) => {
      await this.requireFreeName(tx, auditId, dto.name);
      const row = await tx.production.create({
        data: {
          auditId,
          name: dto.name,
          batesPrefix: dto.batesPrefix,
          startNumber: dto.startNumber ?? 1,
          padWidth: dto.padWidth ?? 6,
          recipient: dto.recipient,
          productionDate: calendarDate(dto.productionDate),
          deliveryMethod: dto.deliveryMethod,
          createdById: auth.user.id,
          createdAt: this.clock.now(),
        },
        select: { id: true },
      });
      await recordActivity(tx, {
        actorId: auth.user.id,
        auditId,
        entityType: 'production',
        entityId: row.id,
        action: 'created',
        changes: {
          name: { before: null, after: dto.name },
          batesPrefix: { before: null, after: dto.batesPrefix },
          recipient: { before: null, after: dto.recipient },
        },
      });
      return this.detail(tx, auditId, row.id);
    });
  }

  async update(
    auth: AuthContext,
    auditId: string,
    productionId: string,
    dto: UpdateProductionDto,
  ): Promise<ProductionDetailDto> {
    await this.access.require(auth, auditId, PRODUCE_ROLE);
    return this.uow.run(async (tx) => {
      const current = await this.lockEditable(tx, auditId, productionId);
      if (dto.name !== undefined && dto.name !== current.name) await this.requireFreeName(tx, auditId, dto.name);
      const before = {
        name: current.name,
        batesPrefix: current.batesPrefix,
        startNumber: current.startNumber,
        padWidth: current.padWidth,
        recipient: current.recipient,
        productionDate: formatCalendarDate(current.productionDate),
        deliveryMethod: current.deliveryMethod,
      };
      const after = { ...before, ...stripUndefined(dto) };
      const changes = Object.fromEntries(
        (Object.keys(before) as (keyof typeof before)[])
          .filter((key) => before[key] !== after[key])
          .map((key) => [key, { before: before[key], after: after[key] }]),
      );
      if (Object.keys(changes).length > 0) {
        await tx.production.update({
          where: { id: productionId },
          data: { ...after, productionDate: calendarDate(after.productionDate) },
        });
        await recordActivity(tx, {
          actorId: auth.user.id,
          auditId,
          entityType: 'production',
          entityId: productionId,
          action: 'updated',
          changes,
        });
      }
      return this.detail(tx, auditId, productionId);
    });
  }

  async addDocument(
    auth: AuthContext,
    auditId: string,
    productionId: string,
    dto: AddProductionDocumentDto,
  ): Promise<ProductionDetailDto> {
    await this.access.require(auth, auditId, PRODUCE_ROLE);
    return this.uow.run(async (tx) => {
      const production = await this.lockEditable(tx, auditId, productionId);
      const labels = await this.labels(tx, auditId);
      if (!labels.includes(dto.designation))
        throw AppError.invalid(
          'designation',
          labels.length
            ? `designation must be one of this audit's designations: ${labels.join(', ')}.`
            : 'This audit has no designations yet: set them (production-designations) first.',
        );
      await lockEvidenceVersion(tx, dto.evidenceVersionId);
      const version = await tx.evidenceVersion.findFirst({
        where: { id: dto.evidenceVersionId, evidence: { auditId } },
        select: { id: true, fileName: true },
      });
      if (!version)
        throw AppError.invalid('evidenceVersionId', 'evidenceVersionId names no evidence version of this audit.');
      const releasable = await tx.evidenceVersion.count({
        where: { id: version.id, ...releasableVersion(auditId) },
      });
      if (!releasable)
        throw AppError.rule(
          `"${version.fileName}" is not approved for release: only files supporting an approved response can be produced.`,
          'evidenceVersionId',
        );
      await this.refuseWithheld(tx, [version.id]);
      const existing = await tx.productionDocument.findUnique({
        where: { productionId_evidenceVersionId: { productionId, evidenceVersionId: version.id } },
        select: { id: true },
      });
      if (existing)
        throw AppError.duplicate('evidenceVersionId', `"${version.fileName}" is already in volume ${production.name}.`);
      const last = await tx.productionDocument.aggregate({ where: { productionId }, _max: { position: true } });
      const doc = await tx.productionDocument.create({
        data: {
          productionId,
          evidenceVersionId: version.id,
          designation: dto.designation,
          position: (last._max.position ?? 0) + 1,
        },
        select: { id: true },
      });
      await recordActivity(tx, {
        actorId: auth.user.id,
        auditId,
        entityType: 'production',
        entityId: productionId,
        action: 'document_added',
        changes: {
          document: { before: null, after: { id: doc.id, evidenceVersionId: version.id, fileName: version.fileName } },
          designation: { before: null, after: dto.designation },
        },
      });
      return this.detail(tx, auditId, productionId);
    });
  }

  async removeDocument(
    auth: AuthContext,
    auditId: string,
    productionId: string,
    documentId: string,
  ): Promise<ProductionDetailDto> {
    await this.access.require(auth, auditId, PRODUCE_ROLE);
    return this.uow.run(async (tx) => {
      await this.lockEditable(tx, auditId, productionId);
      const doc = await tx.productionDocument.findFirst({
        where: { id: documentId, productionId },
        select: { id: true, evidenceVersionId: true, evidenceVersion: { select: { fileName: true } } },
      });
      if (!doc) throw AppError.notFound('Document in this volume');
      await tx.productionDocument.delete({ where: { id: doc.id } });
      await recordActivity(tx, {
        actorId: auth.user.id,
        auditId,
        entityType: 'production',
        entityId: productionId,
        action: 'document_removed',
        changes: {
          document: {
            before: { id: doc.id, evidenceVersionId: doc.evidenceVersionId, fileName: doc.evidenceVersion.fileName },
            after: null,
          },
        },
      });
      return this.detail(tx, auditId, productionId);
    });
  }

  /**
   * Moves the volume to PRODUCING and queues the job (irreversible once it succeeds). The row
   * lock makes two concurrent requests produce once; the second is refused.
   */
  async produce(auth: AuthContext, auditId: string, productionId: string): Promise<ProductionDetailDto> {
    await this.access.require(auth, auditId, PRODUCE_ROLE);
    const { result, run } = await this.uow.run(async (tx) => {
      const production = await this.lockEditable(tx, auditId, productionId);
      const documents = await tx.productionDocument.findMany({
        where: { productionId },
        select: { evidenceVersionId: true, evidenceVersion: { select: { fileName: true } } },
      });
      if (documents.length === 0)
        throw AppError.rule(`Volume ${production.name} has no documents: add at least one before producing it.`);
      const ids = documents.map((d) => d.evidenceVersionId).sort();
      for (const id of ids) await lockEvidenceVersion(tx, id);
      const releasable = new Set(
        (
          await tx.evidenceVersion.findMany({
            where: { id: { in: ids }, ...releasableVersion(auditId) },
            select: { id: true },
          })
        ).map((v) => v.id),
      );
      const stale = documents.filter((d) => !releasable.has(d.evidenceVersionId));
      if (stale.length)
        throw AppError.rule(
          `These documents are no longer approved for release (deleted, or their response is no longer approved): ${stale.map((d) => d.evidenceVersion.fileName).join(', ')}. Remove them first.`,
        );
      await this.refuseWithheld(tx, ids);
      const updated = await tx.production.update({
        where: { id: productionId },
        data: {
          status: 'PRODUCING',
          progress: 0,
          error: null,
          runs: { increment: 1 },
          producedById: auth.user.id,
        },
        select: { runs: true },
      });
      await recordActivity(tx, {
        actorId: auth.user.id,
        auditId,
        entityType: 'production',
        entityId: productionId,
        action: 'produce_requested',
        changes: {
          status: { before: production.status, after: 'PRODUCING' },
          documents: { before: null, after: documents.length },
        },
      });
      return { result: await this.detail(tx, auditId, productionId), run: updated.runs };
    });
    // Awaited after commit, as for reports: no reconciler re-queues a volume, so the caller must
    // learn if this one was not queued.
    await this.queue.add(
      'produce',
      { productionId },
      { jobId: productionJobId(productionId, run), removeOnComplete: 1000, removeOnFail: 1000 },
    );
    return result;
  }

  async download(auth: AuthContext, auditId: string, productionId: string): Promise<FileDownload> {
    await this.access.require(auth, auditId);
    const row = await this.prisma.production.findFirst({
      where: { id: productionId, auditId },
      select: { name: true, status: true, zipStorageKey: true, zipSha256: true, zipSizeBytes: true },
    });
    if (!row) throw AppError.notFound('Production');
    if (row.status !== 'PRODUCED' || !row.zipStorageKey)
      throw AppError.conflict(
        `Volume ${row.name} is ${row.status.toLowerCase()}, not produced: there is nothing to download yet.`,
        {
          productionStatus: row.status,
        },
      );
    const content = await this.store.open(row.zipStorageKey).catch((error: unknown) => {
      if (error instanceof BlobNotFoundError)
        throw AppError.conflict(`The stored ZIP of volume ${row.name} is missing: verify the volume.`);
      throw error;
    });
    await recordActivity(this.prisma, {
      actorId: auth.user.id,
      auditId,
      entityType: 'production',
      entityId: productionId,
      action: 'downloaded',
      changes: { zipSha256: { before: null, after: row.zipSha256 } },
    });
    return { content, fileName: `${row.name}.zip`, mediaType: 'application/zip' };
  }

  /** Re-hashes the stored ZIP and every produced file, outside any transaction; records the result. */
  async verify(auth: AuthContext, auditId: string, productionId: string): Promise<ProductionVerificationDto> {
    await this.access.require(auth, auditId, AuditRole.CONTRIBUTOR);
    const row = await this.prisma.production.findFirst({
      where: { id: productionId, auditId },
      select: {
        name: true,
        status: true,
        zipStorageKey: true,
        zipSha256: true,
        files: { select: { path: true, storageKey: true, sha256: true }, orderBy: { path: 'asc' } },
      },
    });
    if (!row) throw AppError.notFound('Production');
    if (row.status !== 'PRODUCED' || !row.zipStorageKey || !row.zipSha256)
      throw AppError.conflict(`Volume ${row.name} is not produced: there is nothing to verify.`, {
        productionStatus: row.status,
      });
    const targets = [{ path: ZIP_PATH, storageKey: row.zipStorageKey, sha256: row.zipSha256 }, ...row.files];
    const differences: VerificationDifferenceDto[] = [];
    for (const target of targets) {
      const actual = await this.store
        .open(target.storageKey)
        .then(sha256Of)
        .catch((error: unknown) => {
          if (error instanceof BlobNotFoundError) return null;
          throw error;
        });
      if (actual !== target.sha256)
        differences.push({
          path: target.path,
          result: actual === null ? 'MISSING' : 'MISMATCH',
          expectedSha256: target.sha256,
          actualSha256: actual,
        });
    }
    const result =
      differences.length === 0 ? 'MATCH' : differences.some((d) => d.result === 'MISMATCH') ? 'MISMATCH' : 'MISSING';
    const checkedAt = this.clock.now();
    await this.uow.run(async (tx) => {
      await tx.production.update({
        where: { id: productionId },
        data: { lastVerifiedAt: checkedAt, lastVerification: result },
      });
      await recordActivity(tx, {
        actorId: auth.user.id,
        auditId,
        entityType: 'production',
        entityId: productionId,
        action: result === 'MATCH' ? 'integrity_verified' : 'integrity_failed',
        changes: {
          result: { before: null, after: result },
          differences: { before: null, after: differences.map((d) => `${d.path}: ${d.result}`) },
        },
      });
    });
    return { result, checkedAt, filesChecked: targets.length, differences };
  }

  private async labels(db: Tx, auditId: string): Promise<string[]> {
    const rows = await db.productionDesignation.findMany({ where: { auditId }, orderBy: { position: 'asc' } });
    return rows.map((r) => r.label);
  }

  private async detail(db: Tx, auditId: string, productionId: string): Promise<ProductionDetailDto> {
    const row = await db.production.findFirst({ where: { id: productionId, auditId }, select: productionSelect });
    if (!row) throw AppError.notFound('Production');
    const documents = await db.productionDocument.findMany({
      where: { productionId },
      orderBy: [{ position: 'asc' }, { id: 'asc' }],
      select: productionDocumentSelect,
    });
    return mapProductionDetail(row, documents, this.clock.now());
  }

  private async requireFreeName(tx: Tx, auditId: string, name: string): Promise<void> {
    const taken = await tx.production.count({ where: { auditId, name } });
    if (taken) throw AppError.duplicate('name', `This audit already has a volume named ${name}.`);
  }

  /** Locks the volume's row and refuses unless it may still change. */
  private async lockEditable(tx: Tx, auditId: string, productionId: string) {
    await lockProductionRow(tx, auditId, productionId);
    const row = await tx.production.findFirst({ where: { id: productionId, auditId } });
    if (!row) throw AppError.notFound('Production');
    if (!isProductionEditable(row.status))
      throw AppError.conflict(productionLockedReason(row.name, row.status) ?? 'This volume cannot be changed.', {
        productionStatus: row.status,
      });
    return row;
  }

  private async refuseWithheld(tx: Tx, evidenceVersionIds: string[]): Promise<void> {
    const withheld = await tx.privilegeLogEntry.findFirst({
      where: { evidenceVersionId: { in: evidenceVersionIds }, treatment: 'WITHHELD' },
      select: { evidenceVersion: { select: { fileName: true } } },
    });
    if (withheld)
      throw AppError.conflict(withheldDocumentMessage(withheld.evidenceVersion?.fileName ?? 'The document'));
  }
}

const stripUndefined = <T extends object>(value: T): Partial<T> =>
  Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
