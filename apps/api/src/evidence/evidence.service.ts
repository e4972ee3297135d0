import { Injectable } from '@nestjs/common';
import { PrismaService, type Prisma, type Tx } from '@app/db';
import {
  AuditRole,
  backingLockedByApproval,
  calendarDate,
  canChangeBacking,
  Clock,
  EvidenceKind,
  type ResponseStatus,
} from '@app/domain';
import { creationChanges, diffFields, recordActivity } from '@app/activity';
import { AppError } from '../common/app-error';
import { pageMeta, skipTake } from '../common/pagination.dto';
import type { AuthContext } from '../auth/auth-context';
import { type AuditAccess, AuditAccessService } from '../access/audit-access.service';
import { LegalHoldService } from '../legal-hold/legal-hold.service';
import type {
  CreateEvidenceDto,
  EvidenceDto,
  EvidencePageDto,
  EvidenceQueryDto,
  UpdateEvidenceDto,
} from './dto/evidence.dto';
import { evidenceInclude, type EvidenceRow, mapEvidence } from './evidence.mapper';

/** Evidence records: metadata, links to responses, soft deletion. Files are EvidenceFilesService's. */
@Injectable()
export class EvidenceService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly access: AuditAccessService,
    private readonly holds: LegalHoldService,
    private readonly clock: Clock,
  ) {}

  async list(auth: AuthContext, auditId: string, query: EvidenceQueryDto): Promise<EvidencePageDto> {
    await this.access.require(auth, auditId);
    const where: Prisma.EvidenceWhereInput = {
      auditId,
      deletedAt: null,
      // The audit's own documents (the demand letter...) are listed under /documents instead.
      sourceDocumentKind: null,
      ...(query.kind && { kind: query.kind }),
      ...(query.responseId && { responses: { some: { responseId: query.responseId } } }),
      ...(query.tag && { tags: { has: query.tag } }),
      ...(query.search && {
        OR: [
          { title: { contains: query.search, mode: 'insensitive' } },
          { description: { contains: query.search, mode: 'insensitive' } },
        ],
      }),
    };
    const [total, rows] = await Promise.all([
      this.prisma.evidence.count({ where }),
      this.prisma.evidence.findMany({
        where,
        include: evidenceInclude,
        orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
        ...skipTake(query),
      }),
    ]);
    return { ...pageMeta(query, total), items: rows.map(mapEvidence) };
  }

  /** The evidence linked to one response. */
  async listForResponse(
    auth: AuthContext,
    auditId: string,
    responseId: string,
    query: EvidenceQueryDto,
  ): Promise<EvidencePageDto> {
    await this.access.require(auth, auditId);
    const response = await this.prisma.response.findFirst({ where: { id: responseId, auditId }, select: { id: true } });
    if (!response) throw AppError.notFound('Response');
    return this.list(auth, auditId, { ...query, responseId });
  }

  async get(auth: AuthContext, auditId: string, evidenceId: string): Promise<EvidenceDto> {
    await this.access.require(auth, auditId);
    return mapEvidence(await this.find(this.prisma, auditId, evidenceId));
  }

  /** Records a LINK or a NOTE, optionally linked to responses at once. */
  async create(auth: AuthContext, auditId: string, dto: CreateEvidenceDto): Promise<EvidenceDto> {
    const access = await this.access.require(auth, auditId, AuditRole.CONTRIBUTOR);
    const { collectedOn, kind, url, body, responseIds: linked, ...fields } = dto;
    const responseIds = [...new Set(linked ?? [])];
    return this.prisma.$transaction(async (tx) => {
      await this.checkResponses(tx, auditId, responseIds);
      await this.requireMayChangeBacking(tx, auth, access, responseIds);
      await this.requireBackingOpen(tx, auditId, responseIds);
      const evidence = await tx.evidence.create({
        data: {
          ...fields,
          auditId,
          kind,
          url: kind === EvidenceKind.LINK ? url : null,
          body: kind === EvidenceKind.NOTE ? body : null,
          collectedOn: collectedOn ? calendarDate(collectedOn) : null,
          createdById: auth.user.id,
          responses: { create: responseIds.map((responseId) => ({ responseId, linkedById: auth.user.id })) },
        },
        include: evidenceInclude,
      });
      await recordActivity(tx, {
        actorId: auth.user.id,
        auditId,
        entityType: 'evidence',
        entityId: evidence.id,
        action: 'created',
        changes: creationChanges({
          kind,
          title: fields.title,
          url: evidence.url,
          custodian: fields.custodian,
          responseIds,
        }),
      });
      return mapEvidence(evidence);
    });
  }

  async update(auth: AuthContext, auditId: string, evidenceId: string, dto: UpdateEvidenceDto): Promise<EvidenceDto> {
    const access = await this.access.require(auth, auditId, AuditRole.CONTRIBUTOR);
    return this.prisma.$transaction(async (tx) => {
      const current = await this.find(tx, auditId, evidenceId);
      await this.requireMayChangeBacking(tx, auth, access, linkedResponseIds(current));
      if (dto.url !== undefined && current.kind !== EvidenceKind.LINK)
        throw AppError.invalid('url', 'Only LINK evidence has a url.');
      if (dto.body !== undefined && current.kind !== EvidenceKind.NOTE)
        throw AppError.invalid('body', 'Only NOTE evidence has a body.');
      const { collectedOn, ...rest } = dto;
      const next = {
        ...rest,
        collectedOn: collectedOn === undefined ? undefined : collectedOn ? calendarDate(collectedOn) : null,
      };
      const changes = diffFields(current, next);
      if (Object.keys(changes).length === 0) return mapEvidence(current);
      const evidence = await tx.evidence.update({ where: { id: evidenceId }, data: next, include: evidenceInclude });
      await recordActivity(tx, {
        actorId: auth.user.id,
        auditId,
        entityType: 'evidence',
        entityId: evidenceId,
        action: 'updated',
        changes,
      });
      return mapEvidence(evidence);
    });
  }

  /**
   * Soft delete: the record leaves every list, its files and history stay, and the activity
   * log keeps who deleted it. Refused while the audit is under legal hold.
   */
  async remove(auth: AuthContext, auditId: string, evidenceId: string): Promise<void> {
    await this.access.require(auth, auditId, AuditRole.COUNSEL);
    await this.prisma.$transaction(async (tx) => {
      const current = await this.find(tx, auditId, evidenceId);
      await this.holds.ensureDeletable(tx, auditId, 'this evidence');
      const deletedAt = this.clock.now();
      await tx.evidence.update({ where: { id: evidenceId }, data: { deletedAt, deletedById: auth.user.id } });
      await recordActivity(tx, {
        actorId: auth.user.id,
        auditId,
        entityType: 'evidence',
        entityId: evidenceId,
        action: 'deleted',
        changes: {
          deletedAt: { before: null, after: deletedAt.toISOString() },
          title: { before: current.title, after: null },
        },
      });
    });
  }

  async linkResponse(auth: AuthContext, auditId: string, evidenceId: string, responseId: string): Promise<EvidenceDto> {
    const access = await this.access.require(auth, auditId, AuditRole.CONTRIBUTOR);
    return this.prisma.$transaction(async (tx) => {
      await this.find(tx, auditId, evidenceId);
      await this.checkResponses(tx, auditId, [responseId]);
      await this.requireMayChangeBacking(tx, auth, access, [responseId]);
      await this.requireBackingOpen(tx, auditId, [responseId]);
      const { count } = await tx.evidenceResponse.createMany({
        data: [{ evidenceId, responseId, linkedById: auth.user.id }],
        skipDuplicates: true,
      });
      if (count > 0) {
        await recordActivity(tx, {
          actorId: auth.user.id,
          auditId,
          entityType: 'evidence',
          entityId: evidenceId,
          action: 'linked',
          changes: { responseId: { before: null, after: responseId } },
        });
      }
      return mapEvidence(await this.find(tx, auditId, evidenceId));
    });
  }

  /** Removes a link (a deletion: refused under legal hold). */
  async unlinkResponse(auth: AuthContext, auditId: string, evidenceId: string, responseId: string): Promise<void> {
    const access = await this.access.require(auth, auditId, AuditRole.CONTRIBUTOR);
    await this.prisma.$transaction(async (tx) => {
      await this.find(tx, auditId, evidenceId);
      await this.requireMayChangeBacking(tx, auth, access, [responseId]);
      await this.requireBackingOpen(tx, auditId, [responseId]);
      await this.holds.ensureDeletable(tx, auditId, 'a link between evidence and a response');
      const { count } = await tx.evidenceResponse.deleteMany({ where: { evidenceId, responseId } });
      if (count === 0) throw AppError.notFound('Link to that response');
      await recordActivity(tx, {
        actorId: auth.user.id,
        auditId,
        entityType: 'evidence',
        entityId: evidenceId,
        action: 'unlinked',
        changes: { responseId: { before: responseId, after: null } },
      });
    });
  }

  /** A live (not deleted) evidence record of the audit, or 404. */
  async find(db: Tx | PrismaService, auditId: string, evidenceId: string): Promise<EvidenceRow> {
    const evidence = await db.evidence.findFirst({
      where: { id: evidenceId, auditId, deletedAt: null, sourceDocumentKind: null },
      include: evidenceInclude,
    });
    if (!evidence) throw AppError.notFound('Evidence');
    return evidence;
  }

  /**
   * Evidence edits follow the response rules (`canChangeBacking`): who may answer a response
   * may change the evidence backing it; counsel may change all. 403 otherwise.
   */
  async requireMayChangeBacking(
    db: Tx | PrismaService,
    auth: AuthContext,
    access: AuditAccess,
    responseIds: readonly string[],
  ): Promise<void> {
    if (responseIds.length === 0) return;
    const responses = await db.response.findMany({
      where: { auditId: access.auditId, id: { in: [...responseIds] } },
      select: { assigneeId: true, reviewerId: true, subject: { select: { ownerId: true } } },
    });
    const people = responses.map((r) => ({
      assigneeId: r.assigneeId,
      reviewerId: r.reviewerId,
      subjectOwnerId: r.subject.ownerId,
    }));
    if (!canChangeBacking(people, { userId: auth.user.id, role: access.role })) {
      throw AppError.forbidden(
        "Only counsel, or who may answer every response this evidence backs (its assignee or its subject's owner), may change it.",
      );
    }
  }

  /**
   * The responses whose evidence changes must not be approved (`backingLockedByApproval`): 409
   * otherwise. Their rows are locked (FOR SHARE) until the change commits, so an approval
   * cannot slip in between this check and the change.
   */
  async requireBackingOpen(db: Tx | PrismaService, auditId: string, responseIds: readonly string[]): Promise<void> {
    if (responseIds.length === 0) return;
    const responses = await db.$queryRaw<{ status: ResponseStatus }[]>`
      SELECT status FROM responses
       WHERE audit_id = ${auditId}::uuid AND id = ANY(${[...responseIds]}::uuid[])
         FOR SHARE`;
    const locked = backingLockedByApproval(responses);
    if (locked) throw AppError.conflict(locked);
  }

  /** Every id must name a response of this audit. */
  async checkResponses(tx: Tx, auditId: string, responseIds: string[]): Promise<void> {
    if (responseIds.length === 0) return;
    const unique = [...new Set(responseIds)];
    const found = await tx.response.count({ where: { auditId, id: { in: unique } } });
    if (found !== unique.length)
      throw AppError.rule('responseIds names a response that is not in this audit.', 'responseIds');
  }
}

/** The responses an evidence record backs. */
export const linkedResponseIds = (evidence: EvidenceRow): string[] => evidence.responses.map((r) => r.responseId);
