import { Injectable } from '@nestjs/common';
import { PrismaService, type Tx, UnitOfWork } from '@app/db';
import { AuditRole, Clock, generalObjections, todayIn } from '@app/domain';
import { type Changes, diffFields, recordActivity } from '@app/activity';
import { DocumentRenderPool, RenderPoolBusyError } from '@app/documents';
import { AppError, ErrorCode, type FieldError } from '../common/app-error';
import type { FileDownload } from '../common/file-download';
import type { AuthContext } from '../auth/auth-context';
import { AuditAccessService } from '../access/audit-access.service';
import type {
  RequestDispositionDto,
  ResponseDraftDto,
  UpdateDispositionDto,
  UpdateResponseLetterDto,
  UpdateSubjectDispositionDto,
} from './dto/formal-response.dto';
import {
  type EvidenceCitation,
  firmCitation,
  letterResponseText,
  mapRequestDisposition,
  requestDraftInclude,
} from './formal-response.mapper';
import {
  buildResponseLetterView,
  defaultFirmName,
  defaultStatement,
  responseLetterDocx,
  type ResponseLetterView,
} from './response-letter';

const letterAuditSelect = {
  title: true,
  referenceCode: true,
  demandingParty: true,
  demandingCounselName: true,
  demandingCounselFirm: true,
  respondingParty: true,
  respondingCounselName: true,
  respondingCounselFirm: true,
  agreementTitle: true,
  auditClauseRef: true,
  letterDate: true,
  deadlineTimeZone: true,
} as const;

const LETTER_FIELDS = [
  'firmName',
  'firmAddress',
  'addresseeAddress',
  'preliminaryStatement',
  'generalObjections',
  'signerName',
  'signerTitle',
] as const;

/**
 * The formal response: per request a disposition, the outward text and the objections raised,
 * and the letter that carries them (PDF and Word). Members read it; counsel draft it.
 */
@Injectable()
export class FormalResponseService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly uow: UnitOfWork,
    private readonly access: AuditAccessService,
    private readonly renderPool: DocumentRenderPool,
    private readonly clock: Clock,
  ) {}

  async draft(auth: AuthContext, auditId: string): Promise<ResponseDraftDto> {
    await this.access.require(auth, auditId);
    return this.loadDraft(this.prisma, auditId);
  }

  /** Saves one request's disposition, outward text and objections on top of the version the caller saw. */
  async updateDisposition(
    auth: AuthContext,
    auditId: string,
    requestId: string,
    dto: UpdateDispositionDto,
  ): Promise<RequestDispositionDto> {
    await this.access.require(auth, auditId, AuditRole.COUNSEL);
    const { version, objections, ...fields } = dto;
    return this.uow.run(async (tx) => {
      const request = await tx.auditRequest.findFirst({ where: { id: requestId, auditId }, select: { id: true } });
      if (!request) throw AppError.notFound('Request');
      if (objections) await this.checkObjections(tx, auditId, objections);

      const current = await tx.requestDisposition.findUnique({
        where: { requestId },
        include: { objections: { orderBy: { position: 'asc' } } },
      });
      if ((current?.version ?? 0) !== version) throw versionConflict(version, current?.version ?? 0);

      const before = {
        disposition: current?.disposition ?? null,
        responseText: current?.responseText ?? null,
        objections: (current?.objections ?? []).map(objectionKey),
      };
      const changes: Changes = diffFields(before, {
        ...fields,
        objections: objections?.map(objectionKey),
      });
      if (Object.keys(changes).length === 0 && current) return this.loadRequest(tx, auditId, requestId);
      if (changes.objections) changes.objections = await namedObjections(tx, auditId, changes.objections);

      let dispositionId: string;
      if (!current) {
        // The first save makes the row; a concurrent first save loses here and gets the 409.
        const inserted = await tx.requestDisposition.createManyAndReturn({
          data: [{ auditId, requestId, ...fields, updatedById: auth.user.id }],
          skipDuplicates: true,
          select: { id: true },
        });
        if (inserted.length === 0) {
          const latest = await tx.requestDisposition.findUniqueOrThrow({ where: { requestId } });
          throw versionConflict(version, latest.version);
        }
        dispositionId = inserted[0].id;
      } else {
        const { count } = await tx.requestDisposition.updateMany({
          where: { id: current.id, version },
          data: { ...fields, updatedById: auth.user.id, version: { increment: 1 } },
        });
        if (count === 0) {
          const latest = await tx.requestDisposition.findUniqueOrThrow({ where: { id: current.id } });
          throw versionConflict(version, latest.version);
        }
        dispositionId = current.id;
      }
      if (objections) {
        await tx.dispositionObjection.deleteMany({ where: { dispositionId } });
        await tx.dispositionObjection.createMany({
          data: objections.map((o, position) => ({
            dispositionId,
            objectionId: o.objectionId,
            provisionId: o.provisionId ?? null,
            note: o.note ?? null,
            position,
          })),
        });
      }
      await recordActivity(tx, {
        actorId: auth.user.id,
        auditId,
        entityType: 'disposition',
        entityId: requestId,
        action: 'updated',
        changes,
      });
      return this.loadRequest(tx, auditId, requestId);
    });
  }

  /**
   * Gives one subject its own disposition and text of a request, changes it, or clears it
   * (disposition null), on top of the version the caller saw; returns the request's disposition.
   */
  async updateSubjectDisposition(
    auth: AuthContext,
    auditId: string,
    requestId: string,
    subjectId: string,
    dto: UpdateSubjectDispositionDto,
  ): Promise<RequestDispositionDto> {
    await this.access.require(auth, auditId, AuditRole.COUNSEL);
    const { version } = dto;
    return this.uow.run(async (tx) => {
      const request = await tx.auditRequest.findFirst({ where: { id: requestId, auditId }, select: { id: true } });
      if (!request) throw AppError.notFound('Request');
      // The subjects a request asks about are those it has an answer for.
      const asked = await tx.response.findFirst({
        where: { auditId, requestId, subjectId },
        select: { subject: { select: { name: true } } },
      });
      if (!asked) throw AppError.notFound('Subject');
      const subjectName = asked.subject.name;

      const current = await tx.subjectDisposition.findUnique({
        where: { requestId_subjectId: { requestId, subjectId } },
      });
      if ((current?.version ?? 0) !== version) throw versionConflict(version, current?.version ?? 0, 'subject');

      const before = { disposition: current?.disposition ?? null, responseText: current?.responseText ?? null };
      const disposition = dto.disposition === undefined ? before.disposition : dto.disposition;
      // Clearing takes the text with it: a subject's text only prints beside its own disposition.
      const responseText =
        disposition === null ? null : dto.responseText === undefined ? before.responseText : dto.responseText;
      if (disposition === null && dto.responseText)
        throw new AppError(
          ErrorCode.VALIDATION_FAILED,
          "Validation failed: disposition is required: a subject's text is printed with its own disposition",
          [
            {
              field: 'disposition',
              message: "disposition is required: a subject's text is printed with its own disposition",
            },
          ],
        );
      const after = { disposition, responseText };
      const changes: Changes = diffFields(before, after);
      if (Object.keys(changes).length === 0) return this.loadRequest(tx, auditId, requestId);

      if (!current) {
        // The first save makes the row; a concurrent first save loses here and gets the 409.
        const inserted = await tx.subjectDisposition.createManyAndReturn({
          data: [{ auditId, requestId, subjectId, ...after, updatedById: auth.user.id }],
          skipDuplicates: true,
          select: { id: true },
        });
        if (inserted.length === 0) {
          const latest = await tx.subjectDisposition.findUniqueOrThrow({
            where: { requestId_subjectId: { requestId, subjectId } },
          });
          throw versionConflict(version, latest.version, 'subject');
        }
      } else {
        const { count } = await tx.subjectDisposition.updateMany({
          where: { id: current.id, version },
          data: { ...after, updatedById: auth.user.id, version: { increment: 1 } },
        });
        if (count === 0) {
          const latest = await tx.subjectDisposition.findUniqueOrThrow({ where: { id: current.id } });
          throw versionConflict(version, latest.version, 'subject');
        }
      }
      const cleared = disposition === null;
      await recordActivity(tx, {
        actorId: auth.user.id,
        auditId,
        entityType: 'disposition',
        entityId: requestId,
        action: cleared ? 'subject_cleared' : 'subject_set',
        changes: {
          subject: cleared ? { before: subjectName, after: null } : { before: null, after: subjectName },
          ...changes,
        },
      });
      return this.loadRequest(tx, auditId, requestId);
    });
  }

  /** Saves the letter's own fields (letterhead, addressee, preliminary statement, signer). */
  async updateLetter(auth: AuthContext, auditId: string, dto: UpdateResponseLetterDto): Promise<ResponseDraftDto> {
    await this.access.require(auth, auditId, AuditRole.COUNSEL);
    const { version, ...fields } = dto;
    return this.uow.run(async (tx) => {
      const current = await tx.responseLetter.findUnique({ where: { auditId } });
      if ((current?.version ?? 0) !== version) throw versionConflict(version, current?.version ?? 0, 'letter');
      const before = Object.fromEntries(LETTER_FIELDS.map((f) => [f, current?.[f] ?? null]));
      const changes = diffFields(before, fields);
      if (Object.keys(changes).length === 0 && current) return this.loadDraft(tx, auditId);
      if (!current) {
        const inserted = await tx.responseLetter.createManyAndReturn({
          data: [{ auditId, ...fields, updatedById: auth.user.id }],
          skipDuplicates: true,
          select: { auditId: true },
        });
        if (inserted.length === 0) {
          const latest = await tx.responseLetter.findUniqueOrThrow({ where: { auditId } });
          throw versionConflict(version, latest.version, 'letter');
        }
      } else {
        const { count } = await tx.responseLetter.updateMany({
          where: { auditId, version },
          data: { ...fields, updatedById: auth.user.id, version: { increment: 1 } },
        });
        if (count === 0) {
          const latest = await tx.responseLetter.findUniqueOrThrow({ where: { auditId } });
          throw versionConflict(version, latest.version, 'letter');
        }
      }
      await recordActivity(tx, {
        actorId: auth.user.id,
        auditId,
        entityType: 'response_letter',
        entityId: auditId,
        action: 'updated',
        changes,
      });
      return this.loadDraft(tx, auditId);
    });
  }

  /**
   * The response letter as PDF (Typst, on the API's render pool) or Word; every member may read
   * it. Counsel may send this copy by hand: a record withheld as privileged reads "(withheld as
   * privileged)" in it, never by its title (`firmCitation`).
   */
  async letter(auth: AuthContext, auditId: string, format: 'pdf' | 'docx'): Promise<FileDownload> {
    await this.access.require(auth, auditId);
    const { audit, view } = await this.letterView(this.prisma, auditId);
    const content = format === 'pdf' ? await this.renderLetterPdf(view) : await responseLetterDocx(view);
    await this.prisma.$transaction((tx) =>
      recordActivity(tx, {
        actorId: auth.user.id,
        auditId,
        entityType: 'response_letter',
        entityId: auditId,
        action: 'generated',
        changes: { format: { before: null, after: format }, draft: { before: null, after: view.draft } },
      }),
    );
    const name = `${audit.referenceCode.replace(/[^A-Za-z0-9._-]+/g, '-')}-response-letter${view.draft ? '-DRAFT' : ''}`;
    return format === 'pdf'
      ? { content, fileName: `${name}.pdf`, mediaType: 'application/pdf' }
      : {
          content,
          fileName: `${name}.docx`,
          mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        };
  }

  /**
   * The letter as it reads on `now`'s day (today unless given), read through `db` (a submission
   * reads it in its own transaction, dated at the instant it started), with the requests it prints.
   * `citation`: which evidence it names by title; the firm's own (`firmCitation`) unless given
   * (a submitted package's letter names only what the package carries, `servedCitation`).
   */
  async letterView(db: Tx, auditId: string, now: Date = this.clock.now(), citation?: EvidenceCitation) {
    const audit = await db.audit.findUniqueOrThrow({ where: { id: auditId }, select: letterAuditSelect });
    const fields = await db.responseLetter.findUnique({ where: { auditId } });
    const rows = await db.auditRequest.findMany({
      where: { auditId },
      include: requestDraftInclude,
      orderBy: { ordinal: 'asc' },
    });
    const cites = citation ?? (await this.firmCitation(db, auditId));
    const requests = rows.map((r) => mapRequestDisposition(r, audit.respondingParty, cites));
    // The letter prints the response texts with their citations of form values filled in.
    const printed = requests.map((r, i) => ({ ...r, responseText: letterResponseText(rows[i], cites) }));
    const view = buildResponseLetterView(audit, fields, printed, todayIn(audit.deadlineTimeZone, now));
    return { audit, requests, view };
  }

  /** The letter's PDF, rendered on the API's pool; `pdfA` for the final one that is filed. */
  async renderLetterPdf(view: ResponseLetterView, opts: { pdfA?: boolean } = {}): Promise<Buffer> {
    try {
      return (await this.renderPool.render('response-letter', view, opts)).bytes;
    } catch (error) {
      if (error instanceof RenderPoolBusyError)
        throw new AppError(ErrorCode.BUSY, 'The document renderer is busy; try again in a moment.');
      throw error;
    }
  }

  // Sequential reads: inside a transaction they share one connection, which runs one query at a
  // time (pg warns of, and will refuse, concurrent queries on one client).
  private async loadDraft(db: Tx, auditId: string): Promise<ResponseDraftDto> {
    const audit = await db.audit.findUniqueOrThrow({ where: { id: auditId }, select: letterAuditSelect });
    const fields = await db.responseLetter.findUnique({ where: { auditId } });
    const rows = await db.auditRequest.findMany({
      where: { auditId },
      include: requestDraftInclude,
      orderBy: { ordinal: 'asc' },
    });
    const citation = await this.firmCitation(db, auditId);
    const requests = rows.map((r) => mapRequestDisposition(r, audit.respondingParty, citation));
    return {
      respondingParty: audit.respondingParty,
      addresseeName: audit.demandingCounselName,
      addresseeFirm: audit.demandingCounselFirm,
      letter: {
        firmName: fields?.firmName ?? null,
        firmAddress: fields?.firmAddress ?? null,
        addresseeAddress: fields?.addresseeAddress ?? null,
        preliminaryStatement: fields?.preliminaryStatement ?? null,
        generalObjections: fields?.generalObjections ?? null,
        signerName: fields?.signerName ?? null,
        signerTitle: fields?.signerTitle ?? null,
        version: fields?.version ?? 0,
        defaultFirmName: defaultFirmName(audit),
        defaultSignerName: audit.respondingCounselName,
        defaultPreliminaryStatement: defaultStatement(audit),
        defaultGeneralObjections: generalObjections(audit.respondingParty).join('\n\n'),
      },
      requests,
      missingDispositions: requests.filter((r) => !r.disposed).length,
    };
  }

  private async loadRequest(tx: Tx, auditId: string, requestId: string): Promise<RequestDispositionDto> {
    const audit = await tx.audit.findUniqueOrThrow({ where: { id: auditId }, select: { respondingParty: true } });
    const row = await tx.auditRequest.findUniqueOrThrow({ where: { id: requestId }, include: requestDraftInclude });
    return mapRequestDisposition(row, audit.respondingParty, await this.firmCitation(tx, auditId));
  }

  /**
   * How the firm's draft and letter cite evidence: each record by its title but those withheld as
   * privileged, every version of them on the privilege log as withheld (`firmCitation`).
   */
  private async firmCitation(db: Tx, auditId: string): Promise<EvidenceCitation> {
    const withheld = await db.evidence.findMany({
      where: { auditId, versions: { some: {}, every: { privilegeLogEntries: { some: { treatment: 'WITHHELD' } } } } },
      select: { id: true },
    });
    return firmCitation(new Set(withheld.map((e) => e.id)));
  }

  /** Every objection must be in the library, raised once, and cite a provision of this audit. */
  private async checkObjections(tx: Tx, auditId: string, objections: UpdateDispositionDto['objections'] & object) {
    const errors: FieldError[] = [];
    const libraryIds = new Set(
      (
        await tx.objection.findMany({
          where: { id: { in: objections.map((o) => o.objectionId) } },
          select: { id: true },
        })
      ).map((o) => o.id),
    );
    const provisionIds = new Set(
      (
        await tx.provision.findMany({
          where: { auditId, id: { in: objections.flatMap((o) => (o.provisionId ? [o.provisionId] : [])) } },
          select: { id: true },
        })
      ).map((p) => p.id),
    );
    const seen = new Set<string>();
    objections.forEach((o, i) => {
      if (!libraryIds.has(o.objectionId))
        errors.push({ field: `objections[${i}].objectionId`, message: 'is not an objection of the library' });
      else if (seen.has(o.objectionId))
        errors.push({ field: `objections[${i}].objectionId`, message: 'is raised twice against this request' });
      seen.add(o.objectionId);
      if (o.provisionId && !provisionIds.has(o.provisionId))
        errors.push({ field: `objections[${i}].provisionId`, message: 'is not a provision of this audit' });
    });
    if (errors.length > 0)
      throw new AppError(
        ErrorCode.VALIDATION_FAILED,
        `Validation failed: ${errors.map((e) => `${e.field} ${e.message}`).join('; ')}`,
        errors.map((e) => ({ field: e.field, message: `${e.field} ${e.message}` })),
      );
  }
}

const objectionKey = (o: { objectionId: string; provisionId?: string | null; note?: string | null }) => ({
  objectionId: o.objectionId,
  provisionId: o.provisionId ?? null,
  note: o.note ?? null,
});

type ObjectionKey = ReturnType<typeof objectionKey>;

/**
 * The objections of a recorded change with the words a reader needs beside the ids: the
 * library objection's title and the cited provision's reference as they were when raised (the
 * library and the provisions may change or go later; the log keeps what was said then).
 */
async function namedObjections(tx: Tx, auditId: string, change: Changes[string]): Promise<Changes[string]> {
  const sides = [change.before, change.after].map((side) => (side ?? []) as ObjectionKey[]);
  const all = sides.flat();
  const [objections, provisions] = await Promise.all([
    tx.objection.findMany({
      where: { id: { in: all.map((o) => o.objectionId) } },
      select: { id: true, title: true },
    }),
    tx.provision.findMany({
      where: { auditId, id: { in: all.flatMap((o) => (o.provisionId ? [o.provisionId] : [])) } },
      select: { id: true, reference: true },
    }),
  ]);
  const title = new Map(objections.map((o) => [o.id, o.title]));
  const reference = new Map(provisions.map((p) => [p.id, p.reference]));
  const named = (side: unknown) =>
    side === null || side === undefined
      ? side
      : (side as ObjectionKey[]).map((o) => ({
          ...o,
          title: title.get(o.objectionId) ?? null,
          provision: o.provisionId ? (reference.get(o.provisionId) ?? null) : null,
        }));
  return { ...change, before: named(change.before), after: named(change.after) };
}

function versionConflict(
  sent: number,
  current: number,
  what: 'disposition' | 'subject' | 'letter' = 'disposition',
): AppError {
  const subject =
    what === 'letter'
      ? "the letter's fields"
      : what === 'subject'
        ? "this subject's response to the request"
        : "this request's response";
  return new AppError(
    ErrorCode.VERSION_CONFLICT,
    `Someone else saved ${subject} after version ${sent} that your change was based on; nothing was overwritten. Reload it and apply your change again.`,
    [{ field: 'version', message: `version ${sent} is stale` }],
    { currentVersion: current },
  );
}
