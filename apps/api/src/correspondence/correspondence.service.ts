import { Injectable } from '@nestjs/common';
import { PrismaService, type Prisma, type Tx, UnitOfWork } from '@app/db';
import {
  AuditRole,
  canonicalTimeZone,
  Clock,
  EvidenceKind,
  readLocalTime,
  repeatedTimeProblem,
  SourceDocumentKind,
  todayIn,
} from '@app/domain';
import { recordActivity } from '@app/activity';
import { DocumentRenderPool, RenderPoolBusyError } from '@app/documents';
import { DEFAULT_CONFIDENTIALITY_LEGEND, tableDocument, toCsv, toXlsx } from '@app/report';
import { AppError, ErrorCode, type FieldError } from '../common/app-error';
import { EXPORT_MEDIA_TYPE, type ExportFormat } from '../common/export-format';
import type { FileDownload } from '../common/file-download';
import { StoredFileCleanup } from '../common/stored-file-cleanup';
import { pageMeta, skipTake } from '../common/pagination.dto';
import type { AuthContext } from '../auth/auth-context';
import { AuditAccessService } from '../access/audit-access.service';
import { LegalHoldService } from '../legal-hold/legal-hold.service';
import { lockEvidenceVersion } from '../productions/productions.service';
import { EvidenceFilesService, type VersionContent } from '../evidence/evidence-files.service';
import type { MultipartBody } from '../evidence/multipart-upload';
import {
  CorrespondenceAttachmentFieldsDto,
  type CorrespondenceDto,
  type CorrespondenceFilterDto,
  type CorrespondenceInputDto,
  type CorrespondencePageDto,
  type CorrespondenceQueryDto,
  type CorrespondenceRequestRefDto,
  type UpdateCorrespondenceDto,
} from './dto/correspondence.dto';
import { correspondenceInclude, correspondenceTable, mapCorrespondence } from './correspondence.mapper';

export type CorrespondenceFormat = ExportFormat;

const ENTITY = 'correspondence';

/**
 * The correspondence log with the other side: letters, emails, calls and meetings, each with
 * the requests it concerns, the extension it asks for or grants, and its files (source
 * documents of the audit, so stored, hashed, downloaded and held like them). Counsel write;
 * every member reads.
 */
@Injectable()
export class CorrespondenceService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly uow: UnitOfWork,
    private readonly access: AuditAccessService,
    private readonly files: EvidenceFilesService,
    private readonly holds: LegalHoldService,
    private readonly clock: Clock,
    private readonly cleanup: StoredFileCleanup,
    private readonly renderPool: DocumentRenderPool,
  ) {}

  /** Newest first, searched and filtered. */
  async list(auth: AuthContext, auditId: string, query: CorrespondenceQueryDto): Promise<CorrespondencePageDto> {
    await this.access.require(auth, auditId);
    const where = filterWhere(auditId, query);
    const total = await this.prisma.correspondence.count({ where });
    const rows = await this.prisma.correspondence.findMany({
      where,
      include: correspondenceInclude,
      orderBy: [{ occurredAt: 'desc' }, { createdAt: 'desc' }, { id: 'desc' }],
      ...skipTake(query),
    });
    const requests = await this.requestRefs(this.prisma, auditId);
    return { ...pageMeta(query, total), items: rows.map((row) => mapCorrespondence(row, requests)) };
  }

  async get(auth: AuthContext, auditId: string, entryId: string): Promise<CorrespondenceDto> {
    await this.access.require(auth, auditId);
    return this.one(this.prisma, auditId, entryId);
  }

  async create(auth: AuthContext, auditId: string, dto: CorrespondenceInputDto): Promise<CorrespondenceDto> {
    await this.access.require(auth, auditId, AuditRole.COUNSEL);
    return this.uow.run(async (tx) => {
      const data = await this.decide(tx, auditId, dto);
      const row = await tx.correspondence.create({
        data: { ...data, auditId, createdById: auth.user.id },
        select: { id: true },
      });
      await recordActivity(tx, {
        actorId: auth.user.id,
        auditId,
        entityType: ENTITY,
        entityId: row.id,
        action: 'created',
        changes: changes(null, data),
      });
      return this.one(tx, auditId, row.id);
    });
  }

  /** Replaces the entry's fields, on top of the version the caller saw (409 when stale). */
  async update(
    auth: AuthContext,
    auditId: string,
    entryId: string,
    dto: UpdateCorrespondenceDto,
  ): Promise<CorrespondenceDto> {
    await this.access.require(auth, auditId, AuditRole.COUNSEL);
    const { version, ...fields } = dto;
    return this.uow.run(async (tx) => {
      const before = await tx.correspondence.findFirst({ where: { id: entryId, auditId } });
      if (!before) throw AppError.notFound('Correspondence');
      const data = await this.decide(tx, auditId, fields);
      // Conditional on the version: of two saves based on the same version, one wins.
      const { count } = await tx.correspondence.updateMany({
        where: { id: entryId, version },
        data: { ...data, version: { increment: 1 } },
      });
      if (count === 0) throw await staleEntry(tx, entryId, version);
      await recordActivity(tx, {
        actorId: auth.user.id,
        auditId,
        entityType: ENTITY,
        entityId: entryId,
        action: 'updated',
        changes: changes(before, data),
      });
      return this.one(tx, auditId, entryId);
    });
  }

  /**
   * Deletes the entry and its files (soft-deleted, like a removed source document: the bytes
   * stay stored); refused with 409 while the audit is under legal hold.
   */
  async remove(auth: AuthContext, auditId: string, entryId: string): Promise<void> {
    await this.access.require(auth, auditId, AuditRole.COUNSEL);
    await this.uow.run(async (tx) => {
      const before = await tx.correspondence.findFirst({
        where: { id: entryId, auditId },
        include: { attachments: { where: { deletedAt: null }, select: { id: true } } },
      });
      if (!before) throw AppError.notFound('Correspondence');
      await this.holds.ensureDeletable(tx, auditId, 'this correspondence');
      const deletedAt = this.clock.now();
      await tx.evidence.updateMany({
        where: { correspondenceId: entryId, deletedAt: null },
        data: { deletedAt, deletedById: auth.user.id },
      });
      await tx.correspondence.delete({ where: { id: entryId } });
      await recordActivity(tx, {
        actorId: auth.user.id,
        auditId,
        entityType: ENTITY,
        entityId: entryId,
        action: 'deleted',
        changes: {
          ...changes(before, null),
          attachments: { before: before.attachments.map((a) => a.id), after: null },
        },
      });
    });
  }

  /**
   * Attaches one file (multipart: optional `title`, then `file`), stored like a source
   * document: SHA-256 and size taken while streaming, over EVIDENCE_MAX_BYTES 413. The demand
   * letter's entry files it as the demand letter; any other as other correspondence.
   */
  async attach(auth: AuthContext, auditId: string, entryId: string, body: MultipartBody): Promise<CorrespondenceDto> {
    await this.access.require(auth, auditId, AuditRole.COUNSEL);
    await this.findRow(this.prisma, auditId, entryId);
    return this.files.receiveAndRecord(body, CorrespondenceAttachmentFieldsDto, async (tx, upload, fields) => {
      // Locked: an entry deleted meanwhile gets no file.
      const [entry] = await tx.$queryRaw<{ demandLetter: boolean; occurredAt: Date }[]>`
        SELECT demand_letter AS "demandLetter", occurred_at AS "occurredAt"
        FROM correspondence WHERE id = ${entryId}::uuid AND audit_id = ${auditId}::uuid FOR UPDATE`;
      if (!entry) throw AppError.notFound('Correspondence');
      const title = fields.title || upload.fileName;
      const document = await tx.evidence.create({
        data: {
          auditId,
          kind: EvidenceKind.FILE,
          sourceDocumentKind: entry.demandLetter ? SourceDocumentKind.DEMAND_LETTER : SourceDocumentKind.OTHER,
          correspondenceId: entryId,
          title,
          createdById: auth.user.id,
          versions: { create: this.files.versionData(upload, 1, auth) },
        },
        select: { id: true },
      });
      await recordActivity(tx, {
        actorId: auth.user.id,
        auditId,
        entityType: ENTITY,
        entityId: entryId,
        action: 'uploaded',
        changes: {
          attachment: { before: null, after: document.id },
          title: { before: null, after: title },
          ...this.files.fileChanges(upload, 1),
        },
      });
      return this.one(tx, auditId, entryId);
    });
  }

  /**
   * Removes one attachment (counsel), on top of the entry's version the caller saw (409 when
   * stale; the entry's version moves on). Refused with 409 while the audit is under legal hold,
   * and while a production volume or the privilege log holds the file. The attachment's record
   * goes; its stored file is removed after commit unless another row holds the same bytes.
   */
  async removeAttachment(
    auth: AuthContext,
    auditId: string,
    entryId: string,
    attachmentId: string,
    version: number,
  ): Promise<CorrespondenceDto> {
    await this.access.require(auth, auditId, AuditRole.COUNSEL);
    return this.uow.run(async (tx, effects) => {
      const attachment = await tx.evidence.findFirst({
        where: { id: attachmentId, auditId, correspondenceId: entryId, deletedAt: null },
        select: {
          id: true,
          title: true,
          versions: {
            select: { id: true, fileName: true, sha256: true, storageKey: true },
            orderBy: { number: 'desc' },
          },
        },
      });
      if (!attachment) {
        await this.findRow(tx, auditId, entryId);
        throw AppError.notFound('Attachment');
      }
      await this.holds.ensureDeletable(tx, auditId, 'this attachment');
      // Conditional on the version: of a removal and a save based on the same version, one wins.
      const { count } = await tx.correspondence.updateMany({
        where: { id: entryId, auditId, version },
        data: { version: { increment: 1 } },
      });
      if (count === 0) throw await staleEntry(tx, entryId, version);
      // Under the locks that producing a version or logging it take, so neither can start using
      // the file between this check and the delete.
      for (const v of attachment.versions) await lockEvidenceVersion(tx, v.id);
      const kept = await tx.evidenceVersion.count({
        where: {
          evidenceId: attachmentId,
          OR: [{ productionDocuments: { some: {} } }, { privilegeLogEntries: { some: {} } }],
        },
      });
      if (kept > 0)
        throw AppError.conflict(
          `"${attachment.title}" is in a production volume or on the privilege log, which keep it; it cannot be removed.`,
        );
      await tx.evidence.delete({ where: { id: attachmentId } });
      const [file] = attachment.versions;
      await recordActivity(tx, {
        actorId: auth.user.id,
        auditId,
        entityType: ENTITY,
        entityId: entryId,
        action: 'attachment_removed',
        changes: {
          attachment: { before: attachmentId, after: null },
          title: { before: attachment.title, after: null },
          ...(file && {
            fileName: { before: file.fileName, after: null },
            sha256: { before: file.sha256, after: null },
          }),
        },
      });
      for (const key of new Set(attachment.versions.map((v) => v.storageKey)))
        effects.add('remove the stored file of a removed attachment', () => this.cleanup.removeIfUnreferenced(key));
      return this.one(tx, auditId, entryId);
    });
  }

  /** An attachment's bytes (whole or a range), as a source document download gets them. */
  async download(
    auth: AuthContext,
    auditId: string,
    entryId: string,
    attachmentId: string,
    request: { rangeHeader: string | undefined; withBody: boolean },
  ): Promise<VersionContent> {
    await this.access.require(auth, auditId);
    const attachment = await this.prisma.evidence.findFirst({
      where: { id: attachmentId, auditId, correspondenceId: entryId, deletedAt: null },
      include: { versions: { orderBy: { number: 'desc' }, take: 1 } },
    });
    if (!attachment) throw AppError.notFound('Attachment');
    return this.files.versionContent(
      auth,
      auditId,
      { entityType: 'source_document', entityId: attachmentId },
      attachment.versions[0],
      request,
    );
  }

  /**
   * The log (with the list's search and filters), oldest first, as CSV, XLSX or PDF: one table,
   * so the three carry the same columns and values.
   */
  async export(
    auth: AuthContext,
    auditId: string,
    format: CorrespondenceFormat,
    filter: CorrespondenceFilterDto,
  ): Promise<FileDownload> {
    const access = await this.access.require(auth, auditId);
    const audit = await this.prisma.audit.findUniqueOrThrow({
      where: { id: auditId },
      select: { title: true, referenceCode: true, confidentialityLegend: true },
    });
    const rows = await this.prisma.correspondence.findMany({
      where: filterWhere(auditId, filter),
      include: correspondenceInclude,
      orderBy: [{ occurredAt: 'asc' }, { createdAt: 'asc' }, { id: 'asc' }],
    });
    const requests = await this.requestRefs(this.prisma, auditId);
    const table = correspondenceTable(
      rows.map((row) => mapCorrespondence(row, requests)),
      access.deadlineTimeZone,
    );
    const today = todayIn(access.deadlineTimeZone, this.clock.now());
    let content: Buffer;
    if (format === 'csv') content = await toCsv(table);
    else if (format === 'xlsx') content = await toXlsx(table);
    else {
      const document = tableDocument(table, {
        title: `Correspondence — ${audit.title}`,
        subtitle: `${rows.length} ${rows.length === 1 ? 'entry' : 'entries'} · as of ${today}`,
        header: audit.confidentialityLegend ?? DEFAULT_CONFIDENTIALITY_LEGEND,
        reference: `${audit.referenceCode} correspondence`,
        empty: 'No correspondence.',
      });
      const pdf = await this.renderPool.render('log-table', document).catch((error: unknown) => {
        if (error instanceof RenderPoolBusyError) throw new AppError('BUSY', error.message);
        throw error;
      });
      content = pdf.bytes;
    }
    await recordActivity(this.prisma, {
      actorId: auth.user.id,
      auditId,
      entityType: ENTITY,
      entityId: auditId,
      action: 'exported',
      changes: { format: { before: null, after: format }, entries: { before: null, after: rows.length } },
    });
    return {
      content,
      fileName: `${audit.referenceCode}-correspondence-${today}.${format}`,
      mediaType: EXPORT_MEDIA_TYPE[format],
    };
  }

  /** Checks the entry against its audit; returns the row's fields. */
  private async decide(tx: Tx, auditId: string, dto: CorrespondenceInputDto) {
    const errors: FieldError[] = [];
    const timeZone = canonicalTimeZone(dto.timeZone);
    const reading = readLocalTime(dto.occurredAt, timeZone);
    const occurredAt = reading.kind === 'instant' ? reading.instant : null;
    if (reading.kind === 'repeated')
      errors.push({
        field: 'occurredAt',
        message: repeatedTimeProblem('occurredAt', dto.occurredAt, timeZone, reading.readings),
      });
    else if (!occurredAt)
      errors.push({
        field: 'occurredAt',
        message: `occurredAt ${dto.occurredAt} is not a date-time that exists in ${timeZone} (use 2023-05-25T14:30).`,
      });
    const requestIds = [...new Set(dto.requestIds ?? [])];
    if (requestIds.length) {
      const found = await tx.auditRequest.count({ where: { auditId, id: { in: requestIds } } });
      if (found !== requestIds.length)
        errors.push({ field: 'requestIds', message: 'requestIds names requests that are not in this audit.' });
    }
    if (dto.extensionId) {
      const extension = await tx.auditExtension.count({ where: { id: dto.extensionId, auditId } });
      if (!extension)
        errors.push({ field: 'extensionId', message: 'extensionId names no extension recorded in this audit.' });
    }
    if (errors.length) throw new AppError('VALIDATION_FAILED', errors.map((e) => e.message).join(' '), errors);
    return {
      occurredAt: occurredAt!,
      timeZone,
      direction: dto.direction,
      channel: dto.channel,
      fromParty: dto.from,
      toParty: dto.to,
      subject: dto.subject,
      summary: dto.summary || null,
      requestIds,
      extensionId: dto.extensionId ?? null,
    };
  }

  private async requestRefs(db: Tx, auditId: string): Promise<Map<string, CorrespondenceRequestRefDto>> {
    const requests = await db.auditRequest.findMany({
      where: { auditId },
      select: { id: true, ordinal: true, title: true },
    });
    return new Map(requests.map((r) => [r.id, r]));
  }

  private async findRow(db: Tx, auditId: string, entryId: string) {
    const row = await db.correspondence.findFirst({ where: { id: entryId, auditId }, include: correspondenceInclude });
    if (!row) throw AppError.notFound('Correspondence');
    return row;
  }

  private async one(db: Tx, auditId: string, entryId: string): Promise<CorrespondenceDto> {
    const row = await this.findRow(db, auditId, entryId);
    return mapCorrespondence(row, await this.requestRefs(db, auditId));
  }
}

/** 409 VERSION_CONFLICT: the entry moved on from the version a change was based on. */
async function staleEntry(tx: Tx, entryId: string, version: number): Promise<AppError> {
  const latest = await tx.correspondence.findUniqueOrThrow({ where: { id: entryId }, select: { version: true } });
  return new AppError(
    ErrorCode.VERSION_CONFLICT,
    `Someone else saved this entry after version ${version} that your change was based on; nothing was overwritten. Reload it and apply your change again.`,
    [{ field: 'version', message: `version ${version} is stale` }],
    { currentVersion: latest.version },
  );
}

function filterWhere(auditId: string, filter: CorrespondenceFilterDto): Prisma.CorrespondenceWhereInput {
  const q = filter.q?.trim();
  return {
    auditId,
    direction: filter.direction,
    channel: filter.channel,
    ...(filter.requestId ? { requestIds: { has: filter.requestId } } : {}),
    ...(q
      ? {
          OR: [
            { subject: { contains: q, mode: 'insensitive' } },
            { summary: { contains: q, mode: 'insensitive' } },
            { fromParty: { contains: q, mode: 'insensitive' } },
            { toParty: { contains: q, mode: 'insensitive' } },
          ],
        }
      : {}),
  };
}

type Fields = {
  occurredAt: Date;
  direction: string;
  channel: string;
  fromParty: string;
  toParty: string;
  subject: string;
  extensionId: string | null;
};

/** What the activity log shows changed, by the API's field names (the summary is left out: it can be long). */
const CHANGE_FIELDS = {
  occurredAt: 'occurredAt',
  direction: 'direction',
  channel: 'channel',
  from: 'fromParty',
  to: 'toParty',
  subject: 'subject',
  extensionId: 'extensionId',
} as const satisfies Record<string, keyof Fields>;

function changes(before: Fields | null, after: Fields | null) {
  const value = (f: Fields | null, key: keyof Fields) => {
    const v = f?.[key] ?? null;
    return v instanceof Date ? v.toISOString() : v;
  };
  return Object.fromEntries(
    Object.entries(CHANGE_FIELDS)
      .filter(([, key]) => value(before, key) !== value(after, key))
      .map(([name, key]) => [name, { before: value(before, key), after: value(after, key) }]),
  );
}
