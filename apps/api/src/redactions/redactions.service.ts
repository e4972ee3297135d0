import { buffer } from 'node:stream/consumers';
import { Injectable } from '@nestjs/common';
import { type EvidenceVersion, PrismaService, type Tx, UnitOfWork } from '@app/db';
import { Clock, REDACT_ROLE, redactionBoxProblem } from '@app/domain';
import { creationChanges, deletionChanges, diffFields, recordActivity } from '@app/activity';
import { pdfPageImage, pdfPages, PdfPagesError, type PdfPages } from '@app/documents';
import { BlobStore } from '@app/storage';
import { AppError } from '../common/app-error';
import type { AuthContext } from '../auth/auth-context';
import { AuditAccessService } from '../access/audit-access.service';
import { lockEvidenceVersion } from '../productions/productions.service';
import type {
  CreateRedactionDto,
  PdfPagesDto,
  RedactionDto,
  RedactionListDto,
  UpdateRedactionDto,
} from './dto/redaction.dto';
import { boxChanges, mapRedaction, redactionSelect } from './redaction.mapper';

/** Where a version sits: its audit, its evidence record and its number in the path. */
export interface VersionPath {
  auditId: string;
  evidenceId: string;
  number: number;
}

const PDF = 'application/pdf';

// Page layouts by file hash: every box written is checked against the page count, and laying
// out a document again on each edit would cost a thread and a parse.
const LAYOUT_CACHE_SIZE = 64;

/** Redaction boxes on pages of PDF evidence versions, and the pages they are drawn on. */
@Injectable()
export class RedactionsService {
  private readonly layouts = new Map<string, PdfPages>();

  constructor(
    private readonly prisma: PrismaService,
    private readonly uow: UnitOfWork,
    private readonly access: AuditAccessService,
    private readonly store: BlobStore,
    private readonly clock: Clock,
  ) {}

  async pages(auth: AuthContext, at: VersionPath): Promise<PdfPagesDto> {
    await this.access.require(auth, at.auditId);
    return this.layout(await this.findPdfVersion(this.prisma, at));
  }

  /** One page drawn as a PNG `width` pixels wide. */
  async pageImage(auth: AuthContext, at: VersionPath, page: number, width: number): Promise<Buffer> {
    await this.access.require(auth, at.auditId);
    const version = await this.findPdfVersion(this.prisma, at);
    const { pageCount } = await this.layout(version);
    if (page > pageCount) throw AppError.notFound(`Page ${page} of this ${pageCount}-page document`);
    return pdfPageImage(await this.bytes(version), page, width).catch(this.unreadable);
  }

  async list(auth: AuthContext, at: VersionPath): Promise<RedactionListDto> {
    await this.access.require(auth, at.auditId);
    const version = await this.findVersion(this.prisma, at);
    const rows = await this.prisma.redaction.findMany({
      where: { evidenceVersionId: version.id },
      select: redactionSelect,
      orderBy: [{ page: 'asc' }, { y: 'asc' }, { x: 'asc' }, { createdAt: 'asc' }],
    });
    return { items: rows.map(mapRedaction) };
  }

  async create(auth: AuthContext, at: VersionPath, dto: CreateRedactionDto): Promise<RedactionDto> {
    await this.access.require(auth, at.auditId, REDACT_ROLE);
    const version = await this.findPdfVersion(this.prisma, at);
    const { pageCount } = await this.layout(version);
    this.checkBox(dto, pageCount);
    return this.uow.run(async (tx) => {
      await this.lockWritable(tx, version);
      const row = await tx.redaction.create({
        data: {
          evidenceVersionId: version.id,
          page: dto.page,
          x: dto.x,
          y: dto.y,
          width: dto.width,
          height: dto.height,
          reason: dto.reason,
          note: dto.note ?? null,
          createdById: auth.user.id,
          createdAt: this.clock.now(),
        },
        select: redactionSelect,
      });
      await recordActivity(tx, {
        actorId: auth.user.id,
        auditId: at.auditId,
        entityType: 'redaction',
        entityId: row.id,
        action: 'created',
        changes: creationChanges({ evidenceId: at.evidenceId, version: at.number, ...boxChanges(row) }),
      });
      return mapRedaction(row);
    });
  }

  async update(
    auth: AuthContext,
    at: VersionPath,
    redactionId: string,
    dto: UpdateRedactionDto,
  ): Promise<RedactionDto> {
    await this.access.require(auth, at.auditId, REDACT_ROLE);
    const version = await this.findPdfVersion(this.prisma, at);
    const { pageCount } = await this.layout(version);
    return this.uow.run(async (tx) => {
      await this.lockWritable(tx, version);
      const before = await this.findRedaction(tx, version, redactionId);
      const next = {
        x: dto.x ?? before.x,
        y: dto.y ?? before.y,
        width: dto.width ?? before.width,
        height: dto.height ?? before.height,
        reason: dto.reason ?? before.reason,
        note: dto.note === undefined ? before.note : dto.note,
      };
      this.checkBox({ page: before.page, ...next }, pageCount);
      const row = await tx.redaction.update({ where: { id: redactionId }, data: next, select: redactionSelect });
      const changes = diffFields(boxChanges(before), boxChanges(row));
      if (Object.keys(changes).length > 0)
        await recordActivity(tx, {
          actorId: auth.user.id,
          auditId: at.auditId,
          entityType: 'redaction',
          entityId: row.id,
          action: 'updated',
          changes,
        });
      return mapRedaction(row);
    });
  }

  async remove(auth: AuthContext, at: VersionPath, redactionId: string): Promise<void> {
    await this.access.require(auth, at.auditId, REDACT_ROLE);
    const version = await this.findVersion(this.prisma, at);
    await this.uow.run(async (tx) => {
      await this.lockWritable(tx, version);
      const before = await this.findRedaction(tx, version, redactionId);
      await tx.redaction.delete({ where: { id: redactionId } });
      await recordActivity(tx, {
        actorId: auth.user.id,
        auditId: at.auditId,
        entityType: 'redaction',
        entityId: redactionId,
        action: 'deleted',
        changes: deletionChanges({ evidenceId: at.evidenceId, version: at.number, ...boxChanges(before) }),
      });
    });
  }

  private checkBox(box: Parameters<typeof redactionBoxProblem>[0], pageCount: number): void {
    const problem = redactionBoxProblem(box, pageCount);
    if (problem) throw AppError.invalid(...problem);
  }

  /**
   * Takes the version's lock (the one producing takes), then refuses while a volume is being
   * produced with it: the worker reads the boxes as they are when it builds the volume.
   */
  private async lockWritable(tx: Tx, version: EvidenceVersion): Promise<void> {
    await lockEvidenceVersion(tx, version.id);
    const producing = await tx.productionDocument.findFirst({
      where: { evidenceVersionId: version.id, production: { status: 'PRODUCING' } },
      select: { production: { select: { name: true } } },
    });
    if (producing)
      throw AppError.conflict(
        `Volume ${producing.production.name} is being produced with this document; its redactions can change once the volume is produced.`,
      );
  }

  private async findRedaction(tx: Tx, version: EvidenceVersion, redactionId: string) {
    const row = await tx.redaction.findFirst({
      where: { id: redactionId, evidenceVersionId: version.id },
      select: redactionSelect,
    });
    if (!row) throw AppError.notFound('Redaction');
    return row;
  }

  private async findVersion(db: Tx | PrismaService, at: VersionPath): Promise<EvidenceVersion> {
    const version = await db.evidenceVersion.findFirst({
      where: {
        number: at.number,
        evidence: { id: at.evidenceId, auditId: at.auditId, deletedAt: null, sourceDocumentKind: null },
      },
    });
    if (!version) throw AppError.notFound('Evidence version');
    return version;
  }

  private async findPdfVersion(db: Tx | PrismaService, at: VersionPath): Promise<EvidenceVersion> {
    const version = await this.findVersion(db, at);
    if (version.mediaType !== PDF)
      throw AppError.rule(
        `Only PDF documents can be redacted; version ${version.number} of this evidence is ${version.mediaType}.`,
      );
    return version;
  }

  private async layout(version: EvidenceVersion): Promise<PdfPages> {
    const cached = this.layouts.get(version.sha256);
    if (cached) return cached;
    const layout = await pdfPages(await this.bytes(version)).catch(this.unreadable);
    if (this.layouts.size >= LAYOUT_CACHE_SIZE) this.layouts.delete(this.layouts.keys().next().value!);
    this.layouts.set(version.sha256, layout);
    return layout;
  }

  private async bytes(version: EvidenceVersion): Promise<Uint8Array> {
    if (!(await this.store.stat(version.storageKey)))
      throw AppError.conflict(
        `The stored file of version ${version.number} is missing; run an integrity check and restore it from a copy.`,
      );
    return new Uint8Array(await buffer(await this.store.open(version.storageKey)));
  }

  private readonly unreadable = (error: unknown): never => {
    if (error instanceof PdfPagesError) throw AppError.rule(error.message);
    throw error;
  };
}
