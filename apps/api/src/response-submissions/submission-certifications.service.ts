import { Injectable } from '@nestjs/common';
import { Readable } from 'node:stream';
import { AppConfig } from '@app/config';
import { CertificationMethod, lockForTransaction, Prisma, PrismaService, UnitOfWork } from '@app/db';
import { type CertificationSigner, certificationText, Clock } from '@app/domain';
import { verifyPassword } from '@app/accounts';
import { recordActivity } from '@app/activity';
import { DocumentRenderPool, RenderPoolBusyError } from '@app/documents';
import { formatInstant } from '@app/report';
import { BlobNotFoundError, BlobStore, digestZip, type StoredBlob } from '@app/storage';
import { AppError, ErrorCode } from '../common/app-error';
import { StoredFileCleanup } from '../common/stored-file-cleanup';
import type { FileDownload } from '../common/file-download';
import { validateFormFields } from '../common/validation';
import type { AuthContext } from '../auth/auth-context';
import { LoginThrottle } from '../auth/login-throttle';
import { AuditAccessService } from '../access/audit-access.service';
import type { MultipartBody, ReceivedUpload } from '../evidence/multipart-upload';
import { storedFileContent, type VersionContent } from '../evidence/stored-file-content';
import {
  CertificationSignerFieldsDto,
  type CertifySubmissionDto,
  type SubmissionCertificationDto,
} from './dto/response-submission.dto';

/** What a wet-signed scan may be: a PDF or a picture of the signed page. */
const SCAN_MEDIA_TYPES = new Set(['application/pdf', 'image/png', 'image/jpeg', 'image/tiff']);

export const certificationSelect = {
  method: true,
  certifiedAt: true,
  signer: { select: { id: true, name: true } },
  signerName: true,
  signerTitle: true,
  signerEntity: true,
  clientAddress: true,
  packageSha256: true,
  text: true,
  certificateKey: true,
  certificateSha256: true,
  certificateSizeBytes: true,
  scanSha256: true,
  scanSizeBytes: true,
  scanFileName: true,
  scanMediaType: true,
} as const satisfies Prisma.SubmissionCertificationSelect;

type CertificationRow = Prisma.SubmissionCertificationGetPayload<{ select: typeof certificationSelect }>;

export function mapCertification(auditId: string, version: number, row: CertificationRow): SubmissionCertificationDto {
  const base = `/api/audits/${auditId}/response-submissions/${version}`;
  return {
    method: row.method,
    certifiedAt: row.certifiedAt,
    signer: row.signer,
    signerName: row.signerName,
    signerTitle: row.signerTitle,
    signerEntity: row.signerEntity,
    clientAddress: row.clientAddress,
    packageSha256: row.packageSha256,
    text: row.text,
    certificateSha256: row.certificateSha256,
    certificateUrl: `${base}/certificate.pdf`,
    scan:
      row.scanSha256 && row.scanFileName && row.scanMediaType && row.scanSizeBytes !== null
        ? {
            fileName: row.scanFileName,
            mediaType: row.scanMediaType,
            sizeBytes: Number(row.scanSizeBytes),
            sha256: row.scanSha256,
            url: `${base}/certification/scan`,
          }
        : null,
  };
}

interface HowCertified {
  method: CertificationMethod;
  clientAddress: string | null;
  scan: ReceivedUpload | null;
}

/**
 * The officer's certification of a submitted version: by the member holding this audit's signer
 * role, either signed electronically (their password entered again) or as an uploaded scan of
 * the certificate signed by hand. One per version, never changed; the certificate PDF (PDF/A)
 * is stored content-addressed with its SHA-256.
 */
@Injectable()
export class SubmissionCertificationsService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly uow: UnitOfWork,
    private readonly access: AuditAccessService,
    private readonly clock: Clock,
    private readonly store: BlobStore,
    private readonly renderPool: DocumentRenderPool,
    private readonly config: AppConfig,
    private readonly throttle: LoginThrottle,
    private readonly cleanup: StoredFileCleanup,
  ) {}

  /** Whether the caller holds the signer role for this audit (they are a member: checked before). */
  async isSigner(auth: AuthContext, auditId: string): Promise<boolean> {
    const member = await this.prisma.auditMember.findUnique({
      where: { auditId_userId: { auditId, userId: auth.user.id } },
      select: { canCertify: true },
    });
    return member?.canCertify ?? false;
  }

  /** Signs electronically: the password is checked again, then the certification is recorded. */
  async certify(
    auth: AuthContext,
    auditId: string,
    version: number,
    dto: CertifySubmissionDto,
    clientAddress: string | null,
  ): Promise<SubmissionCertificationDto> {
    await this.requireSigner(auth, auditId);
    // Entering the password again is a login attempt: counted with the logins to the account,
    // so a session left open cannot be used to guess its password here instead (429).
    const attempt = await this.throttle.begin(auth.user.email, clientAddress ?? undefined);
    const user = await this.prisma.user.findUniqueOrThrow({ where: { id: auth.user.id } });
    if (!user.passwordHash || !(await verifyPassword(user.passwordHash, dto.password))) {
      const message = 'The password is not correct: the certification was not signed.';
      throw new AppError(ErrorCode.FORBIDDEN, message, [{ field: 'password', message }]);
    }
    await this.throttle.succeeded(attempt);
    return this.record(auth, auditId, version, dto, {
      method: CertificationMethod.ELECTRONIC,
      clientAddress,
      scan: null,
    });
  }

  /** Records a certificate signed by hand: the signer's fields, then the scan (stored and hashed). */
  async uploadScan(
    auth: AuthContext,
    auditId: string,
    version: number,
    body: MultipartBody,
  ): Promise<SubmissionCertificationDto> {
    await this.requireSigner(auth, auditId);
    // Refused before a byte is stored: an unknown or already certified version.
    const submission = await this.prisma.responseSubmission.findUnique({
      where: { auditId_version: { auditId, version } },
      select: { certification: { select: { certifiedAt: true } } },
    });
    if (!submission) throw AppError.notFound('Submitted version');
    if (submission.certification) throw this.alreadyCertified(version);
    let fields: CertificationSignerFieldsDto | undefined;
    const upload = await body.receive(this.store, {
      maxBytes: this.config.EVIDENCE_MAX_BYTES,
      checkFields: async (raw) => {
        fields = await validateFormFields(CertificationSignerFieldsDto, raw);
      },
      discard: (blob) => this.discardIfCreated(blob),
    });
    try {
      if (!SCAN_MEDIA_TYPES.has(upload.mediaType))
        throw AppError.invalid(
          'file',
          `The signed scan must be a PDF, PNG, JPEG or TIFF file; this one reads as ${upload.mediaType}.`,
        );
      return await this.record(auth, auditId, version, fields!, {
        method: CertificationMethod.WET_SIGNATURE,
        clientAddress: null,
        scan: upload,
      });
    } catch (error) {
      await this.discardIfCreated(upload.blob);
      throw error;
    }
  }

  /**
   * The certificate PDF as stored; `sha256` is the one recorded when it was made. Each download
   * is an activity event: who took the certificate out, and which one.
   */
  async certificate(auth: AuthContext, auditId: string, version: number): Promise<FileDownload & { sha256: string }> {
    await this.access.require(auth, auditId);
    const row = await this.prisma.submissionCertification.findFirst({
      where: { submission: { auditId, version } },
      select: {
        certificateKey: true,
        certificateSha256: true,
        submission: { select: { id: true, audit: { select: { referenceCode: true } } } },
      },
    });
    if (!row) throw AppError.notFound('Certification');
    const content = await this.store.open(row.certificateKey).catch((error: unknown) => {
      if (error instanceof BlobNotFoundError)
        throw AppError.conflict(`The stored certificate of version ${version} is missing.`);
      throw error;
    });
    await recordActivity(this.prisma, {
      actorId: auth.user.id,
      auditId,
      entityType: 'response_submission',
      entityId: row.submission.id,
      action: 'certificate_downloaded',
      changes: {
        version: { before: null, after: version },
        certificateSha256: { before: null, after: row.certificateSha256 },
      },
    });
    const reference = row.submission.audit.referenceCode.replace(/[^A-Za-z0-9._-]+/g, '-');
    return {
      content,
      fileName: `${reference}-response-v${version}-certificate.pdf`,
      mediaType: 'application/pdf',
      sha256: row.certificateSha256,
    };
  }

  /**
   * The uploaded signed scan of a hand-signed certification, whole or a range, as every stored
   * file is downloaded; a download from the start is an activity event. 404 when the version's
   * certification was signed electronically (it has no scan).
   */
  async scan(
    auth: AuthContext,
    auditId: string,
    version: number,
    request: { rangeHeader: string | undefined; withBody: boolean },
  ): Promise<VersionContent> {
    await this.access.require(auth, auditId);
    const row = await this.prisma.submissionCertification.findFirst({
      where: { submission: { auditId, version } },
      select: {
        scanKey: true,
        scanFileName: true,
        scanMediaType: true,
        scanSha256: true,
        submission: { select: { id: true } },
      },
    });
    if (!row?.scanKey || !row.scanFileName || !row.scanMediaType || !row.scanSha256)
      throw AppError.notFound('Signed scan');
    const file = {
      storageKey: row.scanKey,
      fileName: row.scanFileName,
      mediaType: row.scanMediaType,
      sha256: row.scanSha256,
      missing: `The stored signed scan of version ${version} is missing; restore it from a copy.`,
    };
    return storedFileContent(this.store, file, request, (range) =>
      recordActivity(this.prisma, {
        actorId: auth.user.id,
        auditId,
        entityType: 'response_submission',
        entityId: row.submission.id,
        action: 'scan_downloaded',
        changes: {
          version: { before: null, after: version },
          scanSha256: { before: null, after: file.sha256 },
          range: { before: null, after: range ? `${range.start}-${range.end}` : null },
        },
      }),
    );
  }

  /**
   * In one transaction, holding the version's row: refuse a version already certified (409),
   * re-hash the stored package (a package that no longer matches is not certified), render and
   * store the certificate, then the row and the activity. A failure removes what was stored.
   */
  private async record(
    auth: AuthContext,
    auditId: string,
    version: number,
    signer: CertificationSignerFieldsDto,
    how: HowCertified,
  ): Promise<SubmissionCertificationDto> {
    const fields: CertificationSigner = {
      name: signer.signerName,
      title: signer.signerTitle,
      entity: signer.signerEntity,
    };
    let certificate: StoredBlob | null = null;
    try {
      return await this.uow.run(
        async (tx) => {
          // Two certifications of one version at once: the second waits here, then finds the first.
          const locked = await tx.$queryRaw<{ id: string }[]>`
            SELECT id FROM response_submissions WHERE audit_id = ${auditId}::uuid AND version = ${version} FOR UPDATE`;
          if (locked.length === 0) throw AppError.notFound('Submitted version');
          const submission = await tx.responseSubmission.findUniqueOrThrow({
            where: { id: locked[0].id },
            select: {
              id: true,
              packageSha256: true,
              storageKey: true,
              certification: { select: { id: true } },
              audit: { select: { referenceCode: true, title: true, demandingParty: true } },
            },
          });
          if (submission.certification) throw this.alreadyCertified(version);
          const stored = await this.store
            .open(submission.storageKey)
            .then(digestZip)
            .catch((error: unknown) => {
              if (error instanceof BlobNotFoundError) return null;
              throw error;
            });
          if (stored?.sha256 !== submission.packageSha256)
            throw AppError.conflict(
              `The stored package of version ${version} no longer matches the SHA-256 recorded at submission; it cannot be certified. Verify it.`,
            );

          const now = this.clock.now();
          const { audit } = submission;
          const text = certificationText(fields, {
            auditReference: audit.referenceCode,
            auditTitle: audit.title,
            demandingParty: audit.demandingParty,
            version,
            packageSha256: submission.packageSha256,
          });
          const pdf = await this.renderCertificate({
            title: 'Officer’s certification',
            subtitle: `${audit.referenceCode} — ${audit.title} — response version ${version}`,
            header: '',
            reference: `${audit.referenceCode} certification, version ${version}`,
            text,
            signer: fields,
            facts: [
              { label: 'Audit', value: `${audit.referenceCode} — ${audit.title}` },
              { label: 'Submitted version', value: String(version) },
              { label: 'Package SHA-256', value: submission.packageSha256 },
              { label: 'Certified by', value: `${fields.name}, ${fields.title}, ${fields.entity}` },
              {
                label: 'Certified at',
                value: `${formatInstant(now, auth.user.timeZone)}; ${now.toISOString()}`,
              },
              {
                label: 'Method',
                value:
                  how.method === CertificationMethod.ELECTRONIC
                    ? `Signed electronically by the account ${auth.user.email}, after entering its password again`
                    : `Signed by hand; the scan was uploaded by ${auth.user.name} (${auth.user.email})`,
              },
              ...(how.clientAddress ? [{ label: 'Client address', value: how.clientAddress }] : []),
              ...(how.scan
                ? [
                    { label: 'Signed scan', value: how.scan.fileName },
                    { label: 'Scan SHA-256', value: how.scan.blob.sha256 },
                  ]
                : []),
            ],
            signatureNote:
              how.method === CertificationMethod.ELECTRONIC
                ? `Signed electronically on ${formatInstant(now, auth.user.timeZone)}.`
                : 'Signed by hand on the scanned copy named above.',
          });
          if (how.scan) {
            // Like every recorder of an uploaded file: under the key's lock, and only if a failed
            // upload of the same bytes has not removed the file meanwhile.
            await lockForTransaction(tx, how.scan.blob.key);
            if (!(await this.store.stat(how.scan.blob.key)))
              throw AppError.conflict(
                'The stored copy of the signed scan was removed by a failed upload of the same file while this one was finishing; nothing was recorded. Upload it again.',
              );
          }
          certificate = await this.store.put(Readable.from([pdf]));
          const row = await tx.submissionCertification.create({
            data: {
              submissionId: submission.id,
              method: how.method,
              certifiedAt: now,
              signerId: auth.user.id,
              signerName: fields.name,
              signerTitle: fields.title,
              signerEntity: fields.entity,
              clientAddress: how.clientAddress,
              packageSha256: submission.packageSha256,
              text,
              certificateKey: certificate.key,
              certificateSha256: certificate.sha256,
              certificateSizeBytes: BigInt(certificate.size),
              ...(how.scan && {
                scanKey: how.scan.blob.key,
                scanSha256: how.scan.blob.sha256,
                scanSizeBytes: BigInt(how.scan.blob.size),
                scanFileName: how.scan.fileName,
                scanMediaType: how.scan.mediaType,
              }),
            },
            select: certificationSelect,
          });
          await recordActivity(tx, {
            actorId: auth.user.id,
            auditId,
            entityType: 'response_submission',
            entityId: submission.id,
            action: 'certified',
            changes: {
              version: { before: null, after: version },
              method: { before: null, after: how.method },
              signer: { before: null, after: `${fields.name}, ${fields.title}, ${fields.entity}` },
              packageSha256: { before: null, after: submission.packageSha256 },
              certificateSha256: { before: null, after: certificate.sha256 },
              ...(how.clientAddress && { clientAddress: { before: null, after: how.clientAddress } }),
              ...(how.scan && { scanSha256: { before: null, after: how.scan.blob.sha256 } }),
            },
          });
          return mapCertification(auditId, version, row);
        },
        // The certificate renders inside: longer than Prisma's 5 s default.
        { timeout: 120_000, maxWait: 10_000 },
      );
    } catch (error) {
      if (certificate) await this.discardIfCreated(certificate);
      if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002')
        throw this.alreadyCertified(version);
      throw error;
    }
  }

  /** Only the member holding the signer role certifies: others 403 (non-members 404, as always). */
  private async requireSigner(auth: AuthContext, auditId: string): Promise<void> {
    await this.access.require(auth, auditId);
    if (!(await this.isSigner(auth, auditId)))
      throw AppError.forbidden(
        'Only the member given the signer role for this audit can certify its response; lead counsel grants it on the Members page.',
      );
  }

  private alreadyCertified(version: number): AppError {
    return AppError.conflict(`Version ${version} is already certified; a certified version cannot be certified again.`);
  }

  private async renderCertificate(data: unknown): Promise<Buffer> {
    try {
      return (await this.renderPool.render('submission-certificate', data, { pdfA: true })).bytes;
    } catch (error) {
      if (error instanceof RenderPoolBusyError)
        throw new AppError(ErrorCode.BUSY, 'The document renderer is busy; try again in a moment.');
      throw error;
    }
  }

  /** Removes a blob this request stored (not one it found already there) unless a row holds it. */
  private async discardIfCreated(blob: StoredBlob): Promise<void> {
    if (blob.created) await this.cleanup.removeIfUnreferenced(blob.key);
  }
}
