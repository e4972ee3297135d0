import { Injectable } from '@nestjs/common';
import { PrismaService, type Prisma } from '@app/db';
import { AuditRole, calendarDate, Clock, EvidenceKind, SourceDocumentKind } from '@app/domain';
import { recordActivity } from '@app/activity';
import { AppError } from '../common/app-error';
import type { AuthContext } from '../auth/auth-context';
import { AuditAccessService } from '../access/audit-access.service';
import { LegalHoldService } from '../legal-hold/legal-hold.service';
import { EvidenceFilesService, type VersionContent } from '../evidence/evidence-files.service';
import { evidenceInclude } from '../evidence/evidence.mapper';
import type { MultipartBody } from '../evidence/multipart-upload';
import {
  type SourceDocumentDto,
  SourceDocumentFieldsDto,
  type SourceDocumentKindQueryDto,
} from './dto/source-document.dto';
import { mapSourceDocument } from './source-document.mapper';
import { fileDemandLetter } from '../correspondence/demand-letter-entry';

const ENTITY = 'source_document';

/**
 * The audit's own documents: the demand letter, the agreement, other correspondence. Each is
 * an Evidence row of kind FILE with `sourceDocumentKind` set, so it is stored, hashed,
 * downloaded, integrity-checked and held exactly like an evidence file (see ARCHITECTURE.md),
 * while the evidence routes, the report and the exports leave it out.
 */
@Injectable()
export class SourceDocumentsService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly access: AuditAccessService,
    private readonly files: EvidenceFilesService,
    private readonly holds: LegalHoldService,
    private readonly clock: Clock,
  ) {}

  /** Oldest first: the letter that started the audit leads. */
  async list(auth: AuthContext, auditId: string, query: SourceDocumentKindQueryDto): Promise<SourceDocumentDto[]> {
    await this.access.require(auth, auditId);
    const rows = await this.prisma.evidence.findMany({
      where: { auditId, deletedAt: null, sourceDocumentKind: query.kind ?? { not: null } },
      include: evidenceInclude,
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    });
    return rows.map(mapSourceDocument);
  }

  async get(auth: AuthContext, auditId: string, documentId: string): Promise<SourceDocumentDto> {
    await this.access.require(auth, auditId);
    return mapSourceDocument(await this.find(this.prisma, auditId, documentId));
  }

  /** Counsel upload: the fields, then the file, streamed to storage and hashed on the way. */
  async upload(auth: AuthContext, auditId: string, body: MultipartBody): Promise<SourceDocumentDto> {
    await this.access.require(auth, auditId, AuditRole.COUNSEL);
    return this.files.receiveAndRecord(body, SourceDocumentFieldsDto, async (tx, upload, fields) => {
      const document = await tx.evidence.create({
        data: {
          auditId,
          kind: EvidenceKind.FILE,
          sourceDocumentKind: fields.kind,
          title: fields.title,
          description: fields.description || null,
          collectedOn: fields.documentDate ? calendarDate(fields.documentDate) : null,
          createdById: auth.user.id,
          versions: { create: this.files.versionData(upload, 1, auth) },
        },
        include: evidenceInclude,
      });
      // The demand letter is the correspondence log's first entry.
      if (fields.kind === SourceDocumentKind.DEMAND_LETTER)
        await fileDemandLetter(tx, {
          auditId,
          documentId: document.id,
          documentDate: document.collectedOn,
          actorId: auth.user.id,
        });
      await recordActivity(tx, {
        actorId: auth.user.id,
        auditId,
        entityType: ENTITY,
        entityId: document.id,
        action: 'uploaded',
        changes: {
          kind: { before: null, after: fields.kind },
          title: { before: null, after: fields.title },
          ...this.files.fileChanges(upload, 1),
        },
      });
      return mapSourceDocument(document);
    });
  }

  /** The bytes (whole or a range) and what describes them, exactly as an evidence download gets them. */
  async download(
    auth: AuthContext,
    auditId: string,
    documentId: string,
    request: { rangeHeader: string | undefined; withBody: boolean },
  ): Promise<VersionContent> {
    await this.access.require(auth, auditId);
    const document = await this.find(this.prisma, auditId, documentId);
    return this.files.versionContent(
      auth,
      auditId,
      { entityType: ENTITY, entityId: documentId },
      document.versions[0],
      request,
    );
  }

  /** Counsel soft-delete (the file stays stored); refused with 409 while the audit is on legal hold. */
  async remove(auth: AuthContext, auditId: string, documentId: string): Promise<void> {
    await this.access.require(auth, auditId, AuditRole.COUNSEL);
    await this.prisma.$transaction(async (tx) => {
      const current = await this.find(tx, auditId, documentId);
      await this.holds.ensureDeletable(tx, auditId, 'this source document');
      const deletedAt = this.clock.now();
      await tx.evidence.update({ where: { id: documentId }, data: { deletedAt, deletedById: auth.user.id } });
      await recordActivity(tx, {
        actorId: auth.user.id,
        auditId,
        entityType: ENTITY,
        entityId: documentId,
        action: 'deleted',
        changes: {
          deletedAt: { before: null, after: deletedAt.toISOString() },
          kind: { before: current.sourceDocumentKind, after: null },
          title: { before: current.title, after: null },
        },
      });
    });
  }

  private async find(db: Prisma.TransactionClient | PrismaService, auditId: string, documentId: string) {
    const row = await db.evidence.findFirst({
      where: { id: documentId, auditId, deletedAt: null, sourceDocumentKind: { not: null } },
      include: evidenceInclude,
    });
    if (!row) throw AppError.notFound('Source document');
    return row;
  }
}
