import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { buffer } from 'node:stream/consumers';
import { lockForTransaction, Prisma, PrismaService, type Tx, UnitOfWork } from '@app/db';
import {
  AuditStatus,
  calendarDate,
  changedSubmissionInputs,
  Clock,
  decideAuditMove,
  diffSubmittedRequests,
  formatCalendarDate,
  hasAtLeast,
  staleSubmissionMessage,
  SUBMIT_RESPONSE_ROLE,
  type SubmittedRequest,
  submissionChecklist,
  type SubmissionFingerprint,
  submissionFingerprint,
  todayIn,
} from '@app/domain';
import { type Changes, recordActivity } from '@app/activity';
import { DocumentRenderPool, RenderPoolBusyError } from '@app/documents';
import { generateReport, REPORT_AUDIT_FIELDS } from '@app/report';
import { BlobNotFoundError, BlobStore, digestZip, type StoredBlob, storeZip, type ZipEntryInput } from '@app/storage';
import { AppError, ErrorCode } from '../common/app-error';
import { StoredFileCleanup } from '../common/stored-file-cleanup';
import type { FileDownload } from '../common/file-download';
import type { AuthContext } from '../auth/auth-context';
import { AuditAccessService } from '../access/audit-access.service';
import { servedCitation } from '../formal-response/formal-response.mapper';
import { FormalResponseService } from '../formal-response/formal-response.service';
import { ReminderPlannerService } from '../reminders/reminder-planner.service';
import type {
  PackageDifferenceDto,
  PackageFileDto,
  ResponseSubmissionDto,
  ResponseSubmissionListDto,
  SubmissionChecklistDto,
  SubmissionVerificationDto,
  SubmitResponseDto,
} from './dto/response-submission.dto';
import { packageEvidence, releasableEvidence } from './package-evidence';
import { manifestCsv, packagePaths } from './submission-package';
import {
  certificationSelect,
  mapCertification,
  SubmissionCertificationsService,
} from './submission-certifications.service';

const ZIP_PATH = '(package ZIP)';

const submissionSelect = {
  id: true,
  version: true,
  submittedAt: true,
  submittedBy: { select: { id: true, name: true } },
  submittedByName: true,
  note: true,
  packageSha256: true,
  packageSizeBytes: true,
  files: true,
  requests: true,
  storageKey: true,
  certification: { select: certificationSelect },
} as const satisfies Prisma.ResponseSubmissionSelect;

type SubmissionRow = Prisma.ResponseSubmissionGetPayload<{ select: typeof submissionSelect }>;

/** Serialises the submissions of one audit: each reads the last version and takes the next. */
async function lockSubmissions(tx: Tx, auditId: string): Promise<void> {
  const key = `response-submission:${auditId}`;
  await lockForTransaction(tx, key);
}

/**
 * Submitting the formal response: a version frozen as an immutable package (a ZIP in the blob
 * store with the final letter, the final report, the evidence approved for release and a
 * manifest of every file's SHA-256), its download, and checking it is still as submitted.
 */
@Injectable()
export class ResponseSubmissionsService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly uow: UnitOfWork,
    private readonly access: AuditAccessService,
    private readonly clock: Clock,
    private readonly store: BlobStore,
    private readonly formal: FormalResponseService,
    private readonly renderPool: DocumentRenderPool,
    private readonly reminders: ReminderPlannerService,
    private readonly certifications: SubmissionCertificationsService,
    private readonly cleanup: StoredFileCleanup,
  ) {}

  async list(auth: AuthContext, auditId: string): Promise<ResponseSubmissionListDto> {
    await this.access.require(auth, auditId);
    const rows = await this.prisma.responseSubmission.findMany({
      where: { auditId },
      select: submissionSelect,
      orderBy: { version: 'asc' },
    });
    const items = rows.map((row, i) => this.map(auditId, row, i > 0 ? rows[i - 1] : null));
    return { items: items.reverse(), canCertify: await this.certifications.isSigner(auth, auditId) };
  }

  async checklist(auth: AuthContext, auditId: string): Promise<SubmissionChecklistDto> {
    const { role } = await this.access.require(auth, auditId);
    const { requests } = await this.formal.letterView(this.prisma, auditId);
    const list = submissionChecklist(requests);
    const last = await this.prisma.responseSubmission.aggregate({ where: { auditId }, _max: { version: true } });
    const evidence = await releasableEvidence(this.prisma, auditId);
    return {
      ...list,
      canSubmit: hasAtLeast(role, SUBMIT_RESPONSE_ROLE),
      nextVersion: (last._max.version ?? 0) + 1,
      evidenceCount: evidence.length,
    };
  }

  /**
   * Freezes the response as the next version. First, outside any transaction: check the audit
   * may be submitted and every request has a disposition, note what the response is made of
   * (its fingerprint) and render the final letter and report, which takes seconds to minutes.
   * Then under the audit's submission lock, in one transaction: read the fingerprint again and
   * refuse (409, nothing stored) when the response changed meanwhile; gather the evidence
   * approved for release (re-hashed against intake), write the ZIP to the store, then the row,
   * the audit's move to SUBMITTED and the activity. If the transaction fails, the stored ZIP is
   * removed again.
   */
  async submit(auth: AuthContext, auditId: string, dto: SubmitResponseDto): Promise<ResponseSubmissionDto> {
    await this.access.require(auth, auditId, SUBMIT_RESPONSE_ROLE);
    const now = this.clock.now();
    const rendered = await this.prepare(auth, auditId, now);
    let blob: StoredBlob | null = null;
    try {
      return await this.uow.run(
        async (tx, effects) => {
          await lockSubmissions(tx, auditId);
          const { audit, move, today } = await this.decideSubmission(tx, auditId, now);
          // The files are read once here and must be those the letter and the report were
          // rendered to name: the fingerprint below does not see everything that decides them
          // (a redaction box).
          const { files: evidence, released } = await packageEvidence(tx, auditId);
          if (!sameReleasedEvidence(rendered.released, released))
            throw AppError.conflict(staleSubmissionMessage(['evidence']), { changed: ['evidence'] });
          const { view, requests } = await this.formal.letterView(tx, auditId, now, servedCitation(released));
          requireDispositions(requests);
          const current = submissionFingerprint(await this.readInputs(tx, auditId, { view, requests }));
          const changed = changedSubmissionInputs(rendered.fingerprint, current);
          if (changed.length > 0) throw AppError.conflict(staleSubmissionMessage(changed), { changed });
          const last = await tx.responseSubmission.aggregate({ where: { auditId }, _max: { version: true } });
          const version = (last._max.version ?? 0) + 1;

          const { letter, report } = rendered;
          const paths = packagePaths(evidence.map((e) => e.fileName));
          const entries: ZipEntryInput[] = [
            { path: paths.letter, bytes: letter },
            { path: paths.report, bytes: report },
          ];
          for (const [i, e] of evidence.entries()) {
            const bytes = await this.store
              .open(e.storageKey)
              .then((stream) => buffer(stream))
              .catch((error: unknown) => {
                if (error instanceof BlobNotFoundError)
                  throw AppError.conflict(`The stored file of "${e.fileName}" is missing: verify the evidence first.`);
                throw error;
              });
            if (sha256(bytes) !== e.sha256)
              throw AppError.conflict(
                `The stored file of "${e.fileName}" no longer matches its SHA-256 recorded at upload: verify the evidence first.`,
              );
            entries.push({ path: paths.evidence[i], bytes });
          }
          const manifestFiles = entries.map((e) => ({
            path: e.path,
            sizeBytes: e.bytes.length,
            sha256: sha256(e.bytes),
          }));
          const manifest = {
            auditReference: audit.referenceCode,
            auditTitle: audit.title,
            version,
            submittedAt: now.toISOString(),
            submittedOn: today,
            timeZone: audit.deadlineTimeZone,
            submittedBy: { name: auth.user.name, email: auth.user.email },
            note: dto.note || null,
            files: manifestFiles.map((f, i) => ({
              ...f,
              ...(i >= 2 && {
                evidence: {
                  title: evidence[i - 2].title,
                  version: evidence[i - 2].number,
                  fileName: evidence[i - 2].fileName,
                },
              }),
            })),
          };
          entries.push(
            { path: paths.manifestJson, bytes: Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8') },
            { path: paths.manifestCsv, bytes: await manifestCsv(manifest) },
          );
          blob = await storeZip(this.store, entries, now);

          const files: PackageFileDto[] = entries
            .map((e) => ({ path: e.path, sizeBytes: e.bytes.length, sha256: sha256(e.bytes) }))
            .sort((a, b) => a.path.localeCompare(b.path));
          const frozen: SubmittedRequest[] = requests.map((r) => ({
            requestId: r.requestId,
            ordinal: r.ordinal,
            title: r.title,
            disposition: r.disposition,
            responseText: r.responseText,
            objections: r.objections.map((o) => o.composed),
            subjects: r.subjectDispositions.flatMap((x) =>
              x.disposition
                ? [
                    {
                      subjectId: x.subjectId,
                      subjectName: x.subjectName,
                      disposition: x.disposition,
                      responseText: x.responseText,
                    },
                  ]
                : [],
            ),
          }));
          const row = await tx.responseSubmission.create({
            data: {
              auditId,
              version,
              submittedAt: now,
              submittedById: auth.user.id,
              submittedByName: auth.user.name,
              note: dto.note || null,
              storageKey: blob.key,
              packageSha256: blob.sha256,
              packageSizeBytes: BigInt(blob.size),
              files: files as unknown as Prisma.InputJsonValue,
              requests: frozen as unknown as Prisma.InputJsonValue,
            },
            select: submissionSelect,
          });

          const auditChanges: Changes = {};
          if (move.status !== audit.status) auditChanges.status = { before: audit.status, after: move.status };
          const submittedAt = move.submittedAt ? calendarDate(move.submittedAt) : null;
          if (audit.submittedAt?.getTime() !== submittedAt?.getTime())
            auditChanges.submittedAt = {
              before: audit.submittedAt ? formatCalendarDate(audit.submittedAt) : null,
              after: move.submittedAt,
            };
          if (Object.keys(auditChanges).length > 0) {
            await tx.audit.update({ where: { id: auditId }, data: { status: move.status, submittedAt } });
            await recordActivity(tx, {
              actorId: auth.user.id,
              auditId,
              entityType: 'audit',
              entityId: auditId,
              action: auditChanges.status ? 'status_changed' : 'updated',
              changes: auditChanges,
            });
          }
          if (auditChanges.status) await this.reminders.replan(tx, effects, auditId);
          await recordActivity(tx, {
            actorId: auth.user.id,
            auditId,
            entityType: 'response_submission',
            entityId: row.id,
            action: 'submitted',
            changes: {
              version: { before: null, after: version },
              packageSha256: { before: null, after: blob.sha256 },
              files: { before: null, after: files.length },
              ...(dto.note && { note: { before: null, after: dto.note } }),
            },
          });
          const previous =
            version > 1
              ? await tx.responseSubmission.findUnique({
                  where: { auditId_version: { auditId, version: version - 1 } },
                  select: submissionSelect,
                })
              : null;
          return this.map(auditId, row, previous);
        },
        // Reading, re-hashing and zipping the evidence happens inside: longer than Prisma's 5 s
        // default. The letter and the report were rendered before it.
        { timeout: 180_000, maxWait: 10_000 },
      );
    } catch (error) {
      // Removed unless something else holds the same bytes (an identical ZIP of another
      // submission or a volume: content addressing).
      const stored = blob as StoredBlob | null;
      if (stored?.created) await this.cleanup.removeIfUnreferenced(stored.key);
      if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002')
        throw AppError.conflict('Another submission of this response took this version number; submit again.');
      throw error;
    }
  }

  async download(auth: AuthContext, auditId: string, version: number): Promise<FileDownload & { sha256: string }> {
    await this.access.require(auth, auditId);
    const row = await this.find(auditId, version);
    const content = await this.store.open(row.storageKey).catch((error: unknown) => {
      if (error instanceof BlobNotFoundError)
        throw AppError.conflict(`The stored package of version ${version} is missing: verify it.`);
      throw error;
    });
    await recordActivity(this.prisma, {
      actorId: auth.user.id,
      auditId,
      entityType: 'response_submission',
      entityId: row.id,
      action: 'downloaded',
      changes: { packageSha256: { before: null, after: row.packageSha256 } },
    });
    const { referenceCode } = await this.prisma.audit.findUniqueOrThrow({
      where: { id: auditId },
      select: { referenceCode: true },
    });
    return {
      content,
      fileName: `${referenceCode.replace(/[^A-Za-z0-9._-]+/g, '-')}-response-v${version}.zip`,
      mediaType: 'application/zip',
      sha256: row.packageSha256,
    };
  }

  /**
   * Re-hashes the stored ZIP and every file in it against what was recorded at submission;
   * names each file that differs, is missing, or was never in the package. Records the check.
   */
  async verify(auth: AuthContext, auditId: string, version: number): Promise<SubmissionVerificationDto> {
    await this.access.require(auth, auditId);
    const row = await this.find(auditId, version);
    const expected = row.files as unknown as PackageFileDto[];
    const read = await this.store
      .open(row.storageKey)
      .then(digestZip)
      .catch((error: unknown) => {
        if (error instanceof BlobNotFoundError) return null;
        throw error;
      });
    const differences: PackageDifferenceDto[] = [];
    if (!read)
      differences.push({ path: ZIP_PATH, result: 'MISSING', expectedSha256: row.packageSha256, actualSha256: null });
    else if (read.sha256 !== row.packageSha256)
      differences.push({
        path: ZIP_PATH,
        result: 'MISMATCH',
        expectedSha256: row.packageSha256,
        actualSha256: read.sha256,
      });
    if (read) {
      const actual = new Map((read.entries ?? []).map((e) => [e.path, e.sha256]));
      for (const file of expected) {
        const found = actual.get(file.path);
        actual.delete(file.path);
        if (found === undefined)
          differences.push({ path: file.path, result: 'MISSING', expectedSha256: file.sha256, actualSha256: null });
        else if (found !== file.sha256)
          differences.push({ path: file.path, result: 'MISMATCH', expectedSha256: file.sha256, actualSha256: found });
      }
      for (const [path, sha] of actual)
        differences.push({ path, result: 'MISMATCH', expectedSha256: null, actualSha256: sha });
    }
    const result =
      differences.length === 0 ? 'MATCH' : differences.some((d) => d.result === 'MISMATCH') ? 'MISMATCH' : 'MISSING';
    const checkedAt = this.clock.now();
    await recordActivity(this.prisma, {
      actorId: auth.user.id,
      auditId,
      entityType: 'response_submission',
      entityId: row.id,
      action: result === 'MATCH' ? 'integrity_verified' : 'integrity_failed',
      changes: {
        result: { before: null, after: result },
        ...(row.certification && {
          matchesCertification: { before: null, after: read?.sha256 === row.certification.packageSha256 },
        }),
        differences: { before: null, after: differences.map((d) => `${d.path}: ${d.result}`) },
      },
    });
    // A certification names the package's SHA-256: say whether the stored bytes still have it.
    const certifiedSha256 = row.certification?.packageSha256 ?? null;
    return {
      version,
      result,
      checkedAt,
      filesChecked: expected.length + 1,
      differences,
      certifiedSha256,
      matchesCertification: certifiedSha256 === null ? null : read?.sha256 === certifiedSha256,
    };
  }

  private async find(auditId: string, version: number): Promise<SubmissionRow> {
    const row = await this.prisma.responseSubmission.findUnique({
      where: { auditId_version: { auditId, version } },
      select: submissionSelect,
    });
    if (!row) throw AppError.notFound('Submitted version');
    return row;
  }

  private map(auditId: string, row: SubmissionRow, previous: SubmissionRow | null): ResponseSubmissionDto {
    const base = `/api/audits/${auditId}/response-submissions/${row.version}`;
    return {
      version: row.version,
      submittedAt: row.submittedAt,
      submittedBy: row.submittedBy,
      submittedByName: row.submittedByName,
      note: row.note,
      packageSha256: row.packageSha256,
      sizeBytes: Number(row.packageSizeBytes),
      files: row.files as unknown as PackageFileDto[],
      changes: previous
        ? diffSubmittedRequests(
            previous.requests as unknown as SubmittedRequest[],
            row.requests as unknown as SubmittedRequest[],
          )
        : null,
      downloadUrl: `${base}/package.zip`,
      verificationUrl: `${base}/verification`,
      certification: row.certification ? mapCertification(auditId, row.version, row.certification) : null,
    };
  }

  /**
   * What a submission is made from, read and rendered before its transaction: the letter's
   * view (rendered as it was read), the final report, and the fingerprint of the inputs read
   * before either was rendered, so anything that changes afterwards shows in the comparison.
   */
  private async prepare(
    auth: AuthContext,
    auditId: string,
    now: Date,
  ): Promise<{
    letter: Buffer;
    report: Buffer;
    fingerprint: SubmissionFingerprint;
    released: ReadonlyMap<string, number | null>;
  }> {
    // The same refusals as inside the transaction, before minutes of rendering are spent.
    await this.decideSubmission(this.prisma, auditId, now);
    // What the package will carry: the letter and the report name no other evidence.
    const { released } = await packageEvidence(this.prisma, auditId);
    const { view, requests } = await this.formal.letterView(this.prisma, auditId, now, servedCitation(released));
    requireDispositions(requests);
    const fingerprint = submissionFingerprint(await this.readInputs(this.prisma, auditId, { view, requests }));
    const letter = await this.formal.renderLetterPdf(view, { pdfA: true });
    const report = await this.renderReport(auditId, now, auth.user.name, released);
    return { letter, report, fingerprint, released };
  }

  /** Whether the audit may be submitted now, and the move to SUBMITTED (422 when not). */
  private async decideSubmission(db: Tx, auditId: string, now: Date) {
    const audit = await db.audit.findUniqueOrThrow({ where: { id: auditId } });
    const today = todayIn(audit.deadlineTimeZone, now);
    const move = decideAuditMove(
      {
        status: audit.status,
        submittedAt: audit.submittedAt ? formatCalendarDate(audit.submittedAt) : null,
        receivedOn: formatCalendarDate(audit.receivedOn),
      },
      // A supplement while SUBMITTED dates the submission that now stands.
      {
        to: AuditStatus.SUBMITTED,
        submittedAt: audit.status === AuditStatus.SUBMITTED ? today : undefined,
        today,
      },
    );
    if (!move.allowed)
      throw AppError.rule(
        `This audit is ${audit.status.toLowerCase()}: only an open (or already submitted) audit's response can be submitted.`,
        'status',
      );
    return { audit, move, today };
  }

  /**
   * The rows the letter and the report are made from, each with what changes when it does.
   * The audit's own status and submission date are left out: submitting changes them, and a
   * second submission of an unchanged response must not be refused for it. Sequential reads:
   * inside a transaction they share one connection.
   */
  private async readInputs(db: Tx, auditId: string, letter: { view: unknown; requests: unknown }) {
    const audit = await db.audit.findUniqueOrThrow({ where: { id: auditId }, select: reportAuditSelect });
    const requests = await db.auditRequest.findMany({ where: { auditId }, select: { id: true, updatedAt: true } });
    const subjects = await db.subject.findMany({ where: { auditId }, select: { id: true, updatedAt: true } });
    const responses = await db.response.findMany({
      where: { auditId },
      select: { id: true, version: true, updatedAt: true, formValues: true },
    });
    const forms = await db.requestForm.findMany({
      where: { request: { auditId } },
      select: { id: true, version: true, updatedAt: true, fields: true },
    });
    const evidence = await db.evidence.findMany({
      where: { auditId },
      select: {
        id: true,
        updatedAt: true,
        deletedAt: true,
        versions: { select: { number: true } },
        responses: { select: { responseId: true } },
      },
    });
    const privilegeLog = await db.privilegeLogEntry.findMany({
      where: { auditId },
      select: { id: true, updatedAt: true },
    });
    const extensions = await db.auditExtension.findMany({ where: { auditId }, select: { id: true, updatedAt: true } });
    const stamped = (rows: { id: string; updatedAt: Date }[]) => rows.map((r) => ({ id: r.id, stamp: r.updatedAt }));
    return {
      letter: { ...letter, audit },
      requests: stamped(requests),
      subjects: stamped(subjects),
      responses: responses.map((r) => ({ id: r.id, stamp: `${r.version}/${r.updatedAt.toISOString()}` })),
      // The report prints each form's fields and every answer's values, the letter cites them:
      // their content is compared itself, not only the rows' versions, so a change that kept a
      // version (or a form revised without touching its request) is still caught.
      forms: [
        ...forms.map((f) => ({
          id: `form:${f.id}`,
          stamp: `${f.version}/${f.updatedAt.toISOString()}/${digest(f.fields)}`,
        })),
        ...responses.flatMap((r) =>
          r.formValues === null ? [] : [{ id: `values:${r.id}`, stamp: digest(r.formValues) }],
        ),
      ],
      evidence: evidence.map((e) => ({
        id: e.id,
        stamp: [
          e.updatedAt.toISOString(),
          e.deletedAt?.toISOString() ?? '',
          e.versions.map((v) => v.number).sort((a, b) => a - b),
          e.responses.map((r) => r.responseId).sort(),
        ].join('/'),
      })),
      privilegeLog: stamped(privilegeLog),
      extensions: stamped(extensions),
    };
  }

  /**
   * The final report (approved answers only: PDF/A) as served on the other side, on the API's
   * render pool: the package goes to the other side under the officer's certificate, so it
   * carries none of the internal report's legend, staffing, due dates or activity.
   */
  private async renderReport(
    auditId: string,
    now: Date,
    generatedBy: string,
    releasedEvidence: ReadonlyMap<string, number | null>,
  ): Promise<Buffer> {
    try {
      const report = await generateReport(
        this.prisma,
        auditId,
        { includeUnapproved: false },
        { now, generatedBy },
        (template, data, opts) => this.renderPool.render(template, data, opts),
        { kind: 'served', submittedAt: now, releasedEvidence },
      );
      if (!report) throw AppError.notFound('Audit');
      return report.bytes;
    } catch (error) {
      if (error instanceof RenderPoolBusyError)
        throw new AppError(ErrorCode.BUSY, 'The document renderer is busy; try again in a moment.');
      throw error;
    }
  }
}

/** The same evidence records, each at the same version. */
function sameReleasedEvidence(a: ReadonlyMap<string, number | null>, b: ReadonlyMap<string, number | null>): boolean {
  return a.size === b.size && [...a].every(([id, version]) => b.has(id) && b.get(id) === version);
}

/** Every request needs a disposition before the response is submitted (422 naming the ones without). */
function requireDispositions(requests: Parameters<typeof submissionChecklist>[0]): void {
  const checklist = submissionChecklist(requests);
  if (!checklist.ready)
    throw AppError.rule(
      `Every request needs a disposition before the response is submitted; missing: ${checklist.missingDispositions
        .map((r) => `Request No. ${r.ordinal} (${r.title})`)
        .join(', ')}.`,
    );
}

/** The audit's fields the report prints (its status and submission date are what submitting changes). */
const reportAuditSelect = {
  ...REPORT_AUDIT_FIELDS,
  members: { select: { userId: true, role: true } },
} as const satisfies Prisma.AuditSelect;

/** A JSON value's SHA-256 (Postgres jsonb gives object keys back in one order, so equal values hash equal). */
const digest = (value: unknown): string => createHash('sha256').update(JSON.stringify(value)).digest('hex');

const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');
