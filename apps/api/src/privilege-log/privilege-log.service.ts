import { Injectable } from '@nestjs/common';
import { PrismaService, type Tx, UnitOfWork } from '@app/db';
import { calendarDate, Clock, formatBates, PRODUCE_ROLE, producedAndWithheldConflict, todayIn } from '@app/domain';
import { recordActivity } from '@app/activity';
import { DocumentRenderPool, RenderPoolBusyError } from '@app/documents';
import { toCsv, toXlsx } from '@app/report';
import { AppError, type FieldError } from '../common/app-error';
import { EXPORT_MEDIA_TYPE, type ExportFormat } from '../common/export-format';
import type { FileDownload } from '../common/file-download';
import type { AuthContext } from '../auth/auth-context';
import { AuditAccessService } from '../access/audit-access.service';
import { lockEvidenceVersion } from '../productions/productions.service';
import type { PrivilegeLogDto, PrivilegeLogEntryDto, PrivilegeLogEntryInputDto } from './dto/privilege-log.dto';
import { entrySelect, mapEntry, privilegeLogTable } from './privilege-log.mapper';
import { privilegeLogDocument } from './privilege-log-document';

export type PrivilegeLogFormat = ExportFormat;

@Injectable()
export class PrivilegeLogService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly uow: UnitOfWork,
    private readonly access: AuditAccessService,
    private readonly clock: Clock,
    private readonly renderPool: DocumentRenderPool,
  ) {}

  async list(auth: AuthContext, auditId: string): Promise<PrivilegeLogDto> {
    await this.access.require(auth, auditId);
    return { items: await this.entries(this.prisma, auditId) };
  }

  async create(auth: AuthContext, auditId: string, dto: PrivilegeLogEntryInputDto): Promise<PrivilegeLogEntryDto> {
    await this.access.require(auth, auditId, PRODUCE_ROLE);
    return this.uow.run(async (tx) => {
      const data = await this.decide(tx, auditId, dto);
      // The audit row's lock orders concurrent additions, so each takes the next number.
      await tx.$queryRaw`SELECT id FROM audits WHERE id = ${auditId}::uuid FOR UPDATE`;
      const last = await tx.privilegeLogEntry.aggregate({ where: { auditId }, _max: { sequence: true } });
      const row = await tx.privilegeLogEntry.create({
        data: {
          ...data,
          auditId,
          sequence: (last._max.sequence ?? 0) + 1,
          createdById: auth.user.id,
          createdAt: this.clock.now(),
        },
        select: { id: true },
      });
      await recordActivity(tx, {
        actorId: auth.user.id,
        auditId,
        entityType: 'privilege_log_entry',
        entityId: row.id,
        action: 'created',
        changes: summary(null, data),
      });
      return this.one(tx, auditId, row.id);
    });
  }

  /** Replaces the entry with the fields given (the whole entry is sent, as it is shown). */
  async replace(
    auth: AuthContext,
    auditId: string,
    entryId: string,
    dto: PrivilegeLogEntryInputDto,
  ): Promise<PrivilegeLogEntryDto> {
    await this.access.require(auth, auditId, PRODUCE_ROLE);
    return this.uow.run(async (tx) => {
      const before = await tx.privilegeLogEntry.findFirst({ where: { id: entryId, auditId } });
      if (!before) throw AppError.notFound('Privilege log entry');
      const data = await this.decide(tx, auditId, dto);
      await tx.privilegeLogEntry.update({ where: { id: entryId }, data });
      await recordActivity(tx, {
        actorId: auth.user.id,
        auditId,
        entityType: 'privilege_log_entry',
        entityId: entryId,
        action: 'updated',
        changes: summary(before, data),
      });
      return this.one(tx, auditId, entryId);
    });
  }

  async remove(auth: AuthContext, auditId: string, entryId: string): Promise<void> {
    await this.access.require(auth, auditId, PRODUCE_ROLE);
    await this.uow.run(async (tx) => {
      const before = await tx.privilegeLogEntry.findFirst({ where: { id: entryId, auditId } });
      if (!before) throw AppError.notFound('Privilege log entry');
      await tx.privilegeLogEntry.delete({ where: { id: entryId } });
      await recordActivity(tx, {
        actorId: auth.user.id,
        auditId,
        entityType: 'privilege_log_entry',
        entityId: entryId,
        action: 'deleted',
        changes: summary(before, null),
      });
    });
  }

  async export(auth: AuthContext, auditId: string, format: PrivilegeLogFormat): Promise<FileDownload> {
    const access = await this.access.require(auth, auditId);
    const audit = await this.prisma.audit.findUniqueOrThrow({
      where: { id: auditId },
      select: {
        referenceCode: true,
        respondingParty: true,
        demandingParty: true,
        agreementTitle: true,
        letterDate: true,
      },
    });
    const entries = await this.entries(this.prisma, auditId);
    const today = todayIn(access.deadlineTimeZone, this.clock.now());
    let content: Buffer;
    if (format === 'csv') content = await toCsv(privilegeLogTable(entries, access.deadlineTimeZone));
    else if (format === 'xlsx') content = await toXlsx(privilegeLogTable(entries, access.deadlineTimeZone));
    else {
      const pdf = await this.renderPool
        .render('privilege-log', privilegeLogDocument(audit, entries, today))
        .catch((error: unknown) => {
          if (error instanceof RenderPoolBusyError) throw new AppError('BUSY', error.message);
          throw error;
        });
      content = pdf.bytes;
    }
    await recordActivity(this.prisma, {
      actorId: auth.user.id,
      auditId,
      entityType: 'privilege_log_entry',
      entityId: auditId,
      action: 'exported',
      changes: { format: { before: null, after: format }, entries: { before: null, after: entries.length } },
    });
    return {
      content,
      fileName: `${audit.referenceCode}-privilege-log-${today}.${format}`,
      mediaType: EXPORT_MEDIA_TYPE[format],
    };
  }

  /** Checks the entry against its audit and the productions; returns the row's fields. */
  private async decide(tx: Tx, auditId: string, dto: PrivilegeLogEntryInputDto) {
    const errors: FieldError[] = [];
    const fail = (field: string, message: string) => errors.push({ field, message });
    const categorical = dto.categorical ?? false;
    if (categorical) {
      if (dto.evidenceVersionId)
        fail('evidenceVersionId', 'A categorical entry covers a class of documents: leave evidenceVersionId out.');
      if (!dto.documentCount)
        fail('documentCount', 'A categorical entry needs documentCount, the number of documents it covers.');
      if (dto.dateFrom && dto.dateTo && dto.dateFrom > dto.dateTo)
        fail('dateTo', 'dateTo must not be before dateFrom.');
    } else {
      if (dto.documentCount != null) fail('documentCount', 'documentCount is for categorical entries only.');
      if (dto.dateFrom || dto.dateTo) fail('dateFrom', 'dateFrom and dateTo are for categorical entries only.');
    }
    if (dto.privilege === 'OTHER' && !dto.privilegeOther)
      fail('privilegeOther', 'Say which privilege is asserted when privilege is OTHER.');
    if (dto.treatment === 'WITHHELD' && (dto.batesBegin || dto.batesEnd))
      fail('batesBegin', 'A withheld document has no Bates numbers: leave batesBegin and batesEnd out.');
    const requestIds = [...new Set(dto.requestIds ?? [])];
    if (requestIds.length) {
      const found = await tx.auditRequest.count({ where: { auditId, id: { in: requestIds } } });
      if (found !== requestIds.length) fail('requestIds', 'requestIds names requests that are not in this audit.');
    }
    let fileName = '';
    let bates = { batesBegin: dto.batesBegin ?? null, batesEnd: dto.batesEnd ?? null };
    if (dto.evidenceVersionId) {
      const version = await tx.evidenceVersion.findFirst({
        where: { id: dto.evidenceVersionId, evidence: { auditId } },
        select: { fileName: true },
      });
      if (!version) fail('evidenceVersionId', 'evidenceVersionId names no evidence version of this audit.');
      else fileName = version.fileName;
    }
    if (dto.treatment === 'REDACTED' && !categorical && !dto.batesBegin) {
      const redacted = dto.evidenceVersionId ? await this.privilegeRedactedBates(tx, dto.evidenceVersionId) : null;
      if (redacted === null)
        fail(
          'batesBegin',
          'A redacted document needs the Bates number it was produced under (batesBegin), unless it has privilege redactions, whose production fills it in.',
        );
      else if (redacted !== 'pending') bates = redacted;
    }
    if (errors.length) throw new AppError('VALIDATION_FAILED', errors.map((e) => e.message).join(' '), errors);
    if (dto.evidenceVersionId) {
      // The same lock as adding the document to a volume: of two concurrent requests, the
      // second sees the first's row.
      await lockEvidenceVersion(tx, dto.evidenceVersionId);
      const volumes = await tx.productionDocument.findMany({
        where: { evidenceVersionId: dto.evidenceVersionId },
        select: { production: { select: { name: true } } },
      });
      const conflict = producedAndWithheldConflict(
        dto.treatment,
        volumes.map((v) => v.production.name),
        fileName,
      );
      if (conflict) throw AppError.conflict(conflict);
    }
    return {
      evidenceVersionId: dto.evidenceVersionId ?? null,
      categorical,
      documentDate: dto.documentDate ? calendarDate(dto.documentDate) : null,
      documentType: dto.documentType,
      author: dto.author ?? null,
      recipientsTo: dto.recipientsTo ?? [],
      recipientsCc: dto.recipientsCc ?? [],
      description: dto.description,
      privilege: dto.privilege,
      privilegeOther: dto.privilege === 'OTHER' ? (dto.privilegeOther ?? null) : null,
      treatment: dto.treatment,
      ...bates,
      requestIds,
      documentCount: categorical ? (dto.documentCount ?? null) : null,
      dateFrom: categorical && dto.dateFrom ? calendarDate(dto.dateFrom) : null,
      dateTo: categorical && dto.dateTo ? calendarDate(dto.dateTo) : null,
    };
  }

  /**
   * The Bates range a document was first produced under with privilege boxes burnt in;
   * 'pending' when it has privilege boxes not produced yet (the worker fills the entry in when it
   * produces them); null when neither.
   */
  private async privilegeRedactedBates(
    tx: Tx,
    evidenceVersionId: string,
  ): Promise<{ batesBegin: string; batesEnd: string } | 'pending' | null> {
    const produced = await tx.productionDocument.findFirst({
      where: { evidenceVersionId, privilegeRedacted: true, production: { status: 'PRODUCED' } },
      orderBy: { production: { producedAt: 'asc' } },
      select: {
        beginNumber: true,
        endNumber: true,
        production: { select: { batesPrefix: true, padWidth: true } },
      },
    });
    if (produced?.beginNumber != null && produced.endNumber != null) {
      const { batesPrefix, padWidth } = produced.production;
      return {
        batesBegin: formatBates(batesPrefix, produced.beginNumber, padWidth),
        batesEnd: formatBates(batesPrefix, produced.endNumber, padWidth),
      };
    }
    const boxes = await tx.redaction.count({ where: { evidenceVersionId, reason: 'PRIVILEGE' } });
    return boxes > 0 ? 'pending' : null;
  }

  private async entries(db: Tx, auditId: string): Promise<PrivilegeLogEntryDto[]> {
    // Sequential: `db` may be a transaction, whose one connection runs one query at a time.
    const rows = await db.privilegeLogEntry.findMany({
      where: { auditId },
      orderBy: { sequence: 'asc' },
      select: entrySelect,
    });
    const requests = await db.auditRequest.findMany({
      where: { auditId },
      select: { id: true, ordinal: true, title: true },
    });
    const byId = new Map(requests.map((r) => [r.id, r]));
    return rows.map((row, i) => mapEntry(row, i + 1, byId));
  }

  private async one(db: Tx, auditId: string, entryId: string): Promise<PrivilegeLogEntryDto> {
    const entry = (await this.entries(db, auditId)).find((e) => e.id === entryId);
    if (!entry) throw AppError.notFound('Privilege log entry');
    return entry;
  }
}

type Fields = { treatment: string; privilege: string; documentType: string; evidenceVersionId: string | null };

const summary = (before: Fields | null, after: Fields | null) =>
  Object.fromEntries(
    (['treatment', 'privilege', 'documentType', 'evidenceVersionId'] as const)
      .filter((key) => before?.[key] !== after?.[key])
      .map((key) => [key, { before: before?.[key] ?? null, after: after?.[key] ?? null }]),
  );
