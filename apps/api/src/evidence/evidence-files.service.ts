import { Injectable } from '@nestjs/common';
import { InjectQueue } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { AppConfig } from '@app/config';
import { type EvidenceVersion, lockForTransaction, PrismaService, type Tx } from '@app/db';
import { AuditRole, calendarDate, EvidenceKind } from '@app/domain';
import { recordActivity } from '@app/activity';
import { EvidenceIntegrityService } from '@app/evidence';
import { enqueueAuditVerifications, type EvidenceIntegrityJob, evidenceIntegrityJobId, QueueName } from '@app/queue';
import { BlobStore } from '@app/storage';
import { AppError, ErrorCode } from '../common/app-error';
import { StoredFileCleanup } from '../common/stored-file-cleanup';
import { NoFormFields, validateFormFields } from '../common/validation';
import type { AuthContext } from '../auth/auth-context';
import { AuditAccessService } from '../access/audit-access.service';
import {
  type EvidenceDto,
  type EvidenceVersionDto,
  FileEvidenceFieldsDto,
  type IntegrityCheckQueuedDto,
  type VerificationDto,
} from './dto/evidence.dto';
import { evidenceInclude, type EvidenceRow, mapEvidence, mapVersion, versionInclude } from './evidence.mapper';
import { EvidenceService, linkedResponseIds } from './evidence.service';
import { storedFileContent, type VersionContent } from './stored-file-content';
import type { MultipartBody, ReceivedUpload } from './multipart-upload';

export type { VersionContent } from './stored-file-content';

/** Uploads, versions, downloads and integrity checks of FILE evidence. */
@Injectable()
export class EvidenceFilesService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly access: AuditAccessService,
    private readonly records: EvidenceService,
    private readonly store: BlobStore,
    private readonly integrity: EvidenceIntegrityService,
    private readonly config: AppConfig,
    private readonly cleanup: StoredFileCleanup,
    @InjectQueue(QueueName.EvidenceIntegrity) private readonly integrityQueue: Queue<EvidenceIntegrityJob>,
  ) {}

  /**
   * Receives one multipart upload (its fields validated as `fieldsType` before a byte of the
   * file is stored) and runs `record` in the transaction that writes its rows; if recording
   * fails, the stored blob is removed unless another version uses it. Shared by evidence
   * files and the audit's source documents, so both are stored, hashed and cleaned up alike.
   */
  async receiveAndRecord<F extends object, T>(
    body: MultipartBody,
    fieldsType: new () => F,
    record: (tx: Tx, upload: ReceivedUpload, fields: F) => Promise<T>,
  ): Promise<T> {
    let fields: F | undefined;
    const upload = await body.receive(this.store, {
      maxBytes: this.config.EVIDENCE_MAX_BYTES,
      checkFields: async (raw) => {
        fields = await validateFormFields(fieldsType, raw);
      },
      discard: async (blob) => void (await this.cleanup.removeIfUnreferenced(blob.key)),
    });
    return this.keepingBlobOnlyIfRecorded(upload, (tx) => record(tx, upload, fields!));
  }

  /** A new FILE record: its metadata fields, then the file, streamed to storage as version 1. */
  async createFile(auth: AuthContext, auditId: string, body: MultipartBody): Promise<EvidenceDto> {
    const access = await this.access.require(auth, auditId, AuditRole.CONTRIBUTOR);
    return this.receiveAndRecord(body, FileEvidenceFieldsDto, async (tx, upload, dto) => {
      const { responseIds: linked, collectedOn, ...fields } = dto;
      const responseIds = [...new Set(linked ?? [])];
      await this.records.checkResponses(tx, auditId, responseIds);
      await this.records.requireMayChangeBacking(tx, auth, access, responseIds);
      await this.records.requireBackingOpen(tx, auditId, responseIds);
      await this.refuseSameFileTwice(tx, auditId, responseIds, upload.blob.sha256);
      const evidence = await tx.evidence.create({
        data: {
          ...fields,
          auditId,
          kind: EvidenceKind.FILE,
          collectedOn: collectedOn ? calendarDate(collectedOn) : null,
          createdById: auth.user.id,
          versions: { create: this.versionData(upload, 1, auth) },
          responses: { create: responseIds.map((responseId) => ({ responseId, linkedById: auth.user.id })) },
        },
        include: evidenceInclude,
      });
      await recordActivity(tx, {
        actorId: auth.user.id,
        auditId,
        entityType: 'evidence',
        entityId: evidence.id,
        action: 'uploaded',
        changes: {
          kind: { before: null, after: EvidenceKind.FILE },
          title: { before: null, after: fields.title },
          ...this.fileChanges(upload, 1),
          responseIds: { before: null, after: responseIds },
        },
      });
      return mapEvidence(evidence);
    });
  }

  /** Uploads a new version of a FILE record; the earlier ones stay as they are. */
  async addVersion(
    auth: AuthContext,
    auditId: string,
    evidenceId: string,
    body: MultipartBody,
  ): Promise<EvidenceVersionDto> {
    const access = await this.access.require(auth, auditId, AuditRole.CONTRIBUTOR);
    const evidence = await this.requireFile(auditId, evidenceId);
    // A new version changes what the linked responses rest on: checked before a byte is stored.
    await this.records.requireMayChangeBacking(this.prisma, auth, access, linkedResponseIds(evidence));
    await this.records.requireBackingOpen(this.prisma, auditId, linkedResponseIds(evidence));
    const upload = await body.receive(this.store, {
      maxBytes: this.config.EVIDENCE_MAX_BYTES,
      // A new version takes the file only.
      checkFields: async (raw) => {
        await validateFormFields(NoFormFields, raw);
      },
      discard: async (blob) => void (await this.cleanup.removeIfUnreferenced(blob.key)),
    });
    return this.keepingBlobOnlyIfRecorded(upload, async (tx) => {
      // Serialises concurrent uploads to one record, so version numbers never collide.
      await tx.$queryRaw`SELECT id FROM evidence WHERE id = ${evidenceId}::uuid FOR UPDATE`;
      // Again under the transaction: an approval may have come while the bytes streamed.
      const current = await this.requireFile(auditId, evidenceId, tx);
      await this.records.requireBackingOpen(tx, auditId, linkedResponseIds(current));
      const last = await tx.evidenceVersion.aggregate({ where: { evidenceId }, _max: { number: true } });
      const number = (last._max.number ?? 0) + 1;
      const version = await tx.evidenceVersion.create({
        data: { evidenceId, ...this.versionData(upload, number, auth) },
        include: versionInclude,
      });
      await recordActivity(tx, {
        actorId: auth.user.id,
        auditId,
        entityType: 'evidence',
        entityId: evidenceId,
        action: 'version_uploaded',
        changes: this.fileChanges(upload, number),
      });
      return mapVersion(version);
    });
  }

  /**
   * The same bytes already supporting one of the responses (as any version of live evidence) is
   * not new evidence: 409 DUPLICATE naming the file and the record that holds it. The same bytes
   * elsewhere in the audit are fine (content addressing stores them once). Runs under the
   * storage key's lock, so two identical uploads at once record one of them.
   */
  private async refuseSameFileTwice(tx: Tx, auditId: string, responseIds: string[], sha256: string): Promise<void> {
    if (responseIds.length === 0) return;
    const existing = await tx.evidence.findFirst({
      where: {
        auditId,
        deletedAt: null,
        sourceDocumentKind: null,
        versions: { some: { sha256 } },
        responses: { some: { responseId: { in: responseIds } } },
      },
      select: { id: true, title: true },
      orderBy: { createdAt: 'asc' },
    });
    if (!existing) return;
    const message = `This file is already evidence of this response, as "${existing.title}"; nothing was added.`;
    throw new AppError(ErrorCode.DUPLICATE, message, [{ field: 'file', message }], {
      existingEvidence: existing,
    });
  }

  async listVersions(auth: AuthContext, auditId: string, evidenceId: string): Promise<EvidenceVersionDto[]> {
    await this.access.require(auth, auditId);
    await this.records.find(this.prisma, auditId, evidenceId);
    const versions = await this.prisma.evidenceVersion.findMany({
      where: { evidenceId },
      include: versionInclude,
      orderBy: { number: 'desc' },
    });
    return versions.map(mapVersion);
  }

  /**
   * The stored bytes of a version, whole or the one range `rangeHeader` asks for (or
   * `unsatisfiable` past the end). A download from the start is an activity event; the
   * follow-up range requests of a resumed or seeking client are not, and neither is a
   * request without a body (HEAD: nothing is read from storage).
   */
  async download(
    auth: AuthContext,
    auditId: string,
    evidenceId: string,
    number: number,
    request: { rangeHeader: string | undefined; withBody: boolean },
  ): Promise<VersionContent> {
    await this.access.require(auth, auditId);
    const version = await this.findVersion(auditId, evidenceId, number);
    return this.versionContent(auth, auditId, { entityType: 'evidence', entityId: evidenceId }, version, request);
  }

  /**
   * A version's bytes (whole or the requested range) and what describes them, which the
   * controller turns into the download headers every stored file gets (`sendVersionContent`);
   * `subject` is what the "downloaded" activity event is about. The caller has checked access
   * and found the version. Shared by evidence files and the audit's source documents.
   */
  async versionContent(
    auth: AuthContext,
    auditId: string,
    subject: { entityType: 'evidence' | 'source_document'; entityId: string },
    version: EvidenceVersion,
    request: { rangeHeader: string | undefined; withBody: boolean },
  ): Promise<VersionContent> {
    const number = version.number;
    const file = {
      ...version,
      missing: `The stored file of version ${number} is missing; run an integrity check and restore it from a copy.`,
    };
    return storedFileContent(this.store, file, request, (range) =>
      recordActivity(this.prisma, {
        actorId: auth.user.id,
        auditId,
        entityType: subject.entityType,
        entityId: subject.entityId,
        action: 'downloaded',
        changes: {
          version: { before: null, after: number },
          range: { before: null, after: range ? `${range.start}-${range.end}` : null },
        },
      }),
    );
  }

  /** Re-hashes the stored bytes of a version now and records the result. */
  async verify(auth: AuthContext, auditId: string, evidenceId: string, number: number): Promise<VerificationDto> {
    await this.access.require(auth, auditId, AuditRole.CONTRIBUTOR);
    const version = await this.findVersion(auditId, evidenceId, number);
    return this.integrity.verifyVersion(version.id, auth.user.id);
  }

  /** Queues the integrity job for every file of the audit (the worker runs it). */
  async queueIntegrityCheck(auth: AuthContext, auditId: string): Promise<IntegrityCheckQueuedDto> {
    await this.access.require(auth, auditId, AuditRole.COUNSEL);
    const jobId = evidenceIntegrityJobId(auditId);
    await enqueueAuditVerifications(this.integrityQueue, [auditId], auth.user.id);
    return { jobId, auditId };
  }

  /**
   * Runs the recording transaction; if it fails, removes the blob this upload created so no
   * stray file outlives a request that recorded nothing.
   *
   * Content addressing means two uploads of the same bytes share one stored file, and the
   * second one's put may have found the file that a failing first upload is about to remove.
   * Recording and removing therefore both hold a lock on the storage key: removal happens
   * only when no version references the key, and recording re-checks that the file is still
   * there, so a version never points at a file a failed upload removed.
   */
  private async keepingBlobOnlyIfRecorded<T>(upload: ReceivedUpload, record: (tx: Tx) => Promise<T>): Promise<T> {
    try {
      return await this.prisma.$transaction(async (tx) => {
        await lockForTransaction(tx, upload.blob.key);
        if (!(await this.store.stat(upload.blob.key))) {
          throw AppError.conflict(
            'The stored copy of this content was removed by a failed upload of the same file while this one was finishing; nothing was recorded. Upload it again.',
          );
        }
        return record(tx);
      });
    } catch (error) {
      if (upload.blob.created) await this.cleanup.removeIfUnreferenced(upload.blob.key);
      throw error;
    }
  }

  versionData(upload: ReceivedUpload, number: number, auth: AuthContext) {
    return {
      number,
      fileName: upload.fileName,
      mediaType: upload.mediaType,
      sizeBytes: BigInt(upload.blob.size),
      sha256: upload.blob.sha256,
      storageKey: upload.blob.key,
      uploadedById: auth.user.id,
    };
  }

  fileChanges(upload: ReceivedUpload, number: number) {
    return {
      version: { before: null, after: number },
      fileName: { before: null, after: upload.fileName },
      mediaType: { before: null, after: upload.mediaType },
      sizeBytes: { before: null, after: upload.blob.size },
      sha256: { before: null, after: upload.blob.sha256 },
    };
  }

  private async requireFile(
    auditId: string,
    evidenceId: string,
    db: Tx | PrismaService = this.prisma,
  ): Promise<EvidenceRow> {
    const evidence = await this.records.find(db, auditId, evidenceId);
    if (evidence.kind !== EvidenceKind.FILE)
      throw AppError.rule(`This evidence is a ${evidence.kind}; only FILE evidence has versions.`);
    return evidence;
  }

  private async findVersion(auditId: string, evidenceId: string, number: number) {
    const version = await this.prisma.evidenceVersion.findFirst({
      where: { number, evidence: { id: evidenceId, auditId, deletedAt: null, sourceDocumentKind: null } },
    });
    if (!version) throw AppError.notFound('Evidence version');
    return version;
  }
}
