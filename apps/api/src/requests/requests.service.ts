import { Injectable } from '@nestjs/common';
import { PrismaService, type Tx, UnitOfWork } from '@app/db';
import { AuditRole } from '@app/domain';
import { creationChanges, deletionChanges, diffFields, recordActivity } from '@app/activity';
import { AppError } from '../common/app-error';
import { pageMeta, type PageQueryDto, skipTake } from '../common/pagination.dto';
import type { AuthContext } from '../auth/auth-context';
import { AuditAccessService } from '../access/audit-access.service';
import { GridSyncService } from '../responses/grid-sync.service';
import { LegalHoldService } from '../legal-hold/legal-hold.service';
import { RequestFormsService } from '../request-forms/request-forms.service';
import type { CreateRequestDto, RequestDto, RequestPageDto, UpdateRequestDto } from './dto/request.dto';
import { mapRequest, requestInclude, type RequestRow } from './request.mapper';

@Injectable()
export class RequestsService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly uow: UnitOfWork,
    private readonly access: AuditAccessService,
    private readonly grid: GridSyncService,
    private readonly holds: LegalHoldService,
    private readonly forms: RequestFormsService,
  ) {}

  async list(auth: AuthContext, auditId: string, query: PageQueryDto): Promise<RequestPageDto> {
    await this.access.require(auth, auditId);
    const [total, rows] = await Promise.all([
      this.prisma.auditRequest.count({ where: { auditId } }),
      this.prisma.auditRequest.findMany({
        where: { auditId },
        include: requestInclude,
        orderBy: { ordinal: 'asc' },
        ...skipTake(query),
      }),
    ]);
    return { ...pageMeta(query, total), items: rows.map(mapRequest) };
  }

  /** Adds a demanded item and a response for every subject it applies to. */
  async create(auth: AuthContext, auditId: string, dto: CreateRequestDto): Promise<RequestDto> {
    await this.access.require(auth, auditId, AuditRole.COUNSEL);
    return this.uow.run(async (tx, effects) => {
      await this.grid.lock(tx, auditId);
      const { subjectIds, formTemplateId, ...fields } = dto;
      const appliesToAll = dto.appliesToAll ?? true;
      await this.checkReferences(tx, auditId, dto.provisionId, appliesToAll, subjectIds);
      const ordinal =
        dto.ordinal ??
        ((await tx.auditRequest.aggregate({ where: { auditId }, _max: { ordinal: true } }))._max.ordinal ?? 0) + 1;
      await this.ensureOrdinalFree(tx, auditId, ordinal);
      const request = await tx.auditRequest.create({
        data: {
          ...fields,
          auditId,
          ordinal,
          appliesToAll,
          chosenSubjects: appliesToAll ? undefined : { create: subjectIds!.map((subjectId) => ({ subjectId })) },
        },
        include: requestInclude,
      });
      const { created } = await this.grid.sync(tx, effects, auditId);
      await recordActivity(tx, {
        actorId: auth.user.id,
        auditId,
        entityType: 'request',
        entityId: request.id,
        action: 'created',
        changes: creationChanges({ ...fields, ordinal, appliesToAll, subjectIds, responsesCreated: created }),
      });
      if (!formTemplateId) return mapRequest(request);
      await this.forms.attachTemplate(tx, auth.user.id, auditId, request.id, formTemplateId, 'formTemplateId');
      return mapRequest(await this.find(tx, auditId, request.id));
    });
  }

  /** Edits a request; narrowing its subjects drops only responses that hold no work. */
  async update(auth: AuthContext, auditId: string, requestId: string, dto: UpdateRequestDto): Promise<RequestDto> {
    await this.access.require(auth, auditId, AuditRole.COUNSEL);
    return this.uow.run(async (tx, effects) => {
      await this.grid.lock(tx, auditId);
      const current = await this.find(tx, auditId, requestId);
      const { subjectIds, ...fields } = dto;
      const appliesToAll = dto.appliesToAll ?? current.appliesToAll;
      const scopeChanged = dto.appliesToAll !== undefined || subjectIds !== undefined;
      const chosen = subjectIds ?? current.chosenSubjects.map((c) => c.subjectId);
      await this.checkReferences(tx, auditId, dto.provisionId, appliesToAll, scopeChanged ? chosen : undefined);
      if (dto.ordinal !== undefined && dto.ordinal !== current.ordinal)
        await this.ensureOrdinalFree(tx, auditId, dto.ordinal);

      const changes = diffFields(current, fields);
      const beforeIds = mapRequest(current).subjectIds;
      const afterIds = appliesToAll ? [] : chosen;
      if (scopeChanged && JSON.stringify([...beforeIds].sort()) !== JSON.stringify([...afterIds].sort())) {
        changes.subjectIds = { before: beforeIds, after: afterIds };
      }
      if (Object.keys(changes).length === 0) return mapRequest(current);

      await tx.auditRequest.update({ where: { id: requestId }, data: fields });
      if (scopeChanged) {
        await tx.requestSubject.deleteMany({ where: { requestId } });
        if (!appliesToAll)
          await tx.requestSubject.createMany({ data: chosen.map((subjectId) => ({ requestId, subjectId })) });
        await this.grid.sync(tx, effects, auditId);
      }
      await recordActivity(tx, {
        actorId: auth.user.id,
        auditId,
        entityType: 'request',
        entityId: requestId,
        action: 'updated',
        changes,
      });
      return mapRequest(await this.find(tx, auditId, requestId));
    });
  }

  /** Deletes a request whose responses hold no work (they go with it). */
  async remove(auth: AuthContext, auditId: string, requestId: string): Promise<void> {
    await this.access.require(auth, auditId, AuditRole.COUNSEL);
    await this.prisma.$transaction(async (tx) => {
      await this.grid.lock(tx, auditId);
      const current = await this.find(tx, auditId, requestId);
      await this.holds.ensureDeletable(tx, auditId, 'this request and its responses');
      await this.grid.ensureNoWork(tx, { requestId }, 'request');
      await tx.auditRequest.delete({ where: { id: requestId } });
      await recordActivity(tx, {
        actorId: auth.user.id,
        auditId,
        entityType: 'request',
        entityId: requestId,
        action: 'deleted',
        changes: deletionChanges({ ordinal: current.ordinal, title: current.title }),
      });
    });
  }

  private async find(tx: Tx, auditId: string, requestId: string): Promise<RequestRow> {
    const request = await tx.auditRequest.findFirst({ where: { id: requestId, auditId }, include: requestInclude });
    if (!request) throw AppError.notFound('Request');
    return request;
  }

  private async ensureOrdinalFree(tx: Tx, auditId: string, ordinal: number): Promise<void> {
    const taken = await tx.auditRequest.findUnique({
      where: { auditId_ordinal: { auditId, ordinal } },
      select: { id: true },
    });
    if (taken) throw AppError.duplicate('ordinal', `Request ${ordinal} already exists in this audit.`);
  }

  private async checkReferences(
    tx: Tx,
    auditId: string,
    provisionId: string | null | undefined,
    appliesToAll: boolean,
    subjectIds: string[] | undefined,
  ): Promise<void> {
    if (provisionId) {
      const provision = await tx.provision.findFirst({ where: { id: provisionId, auditId }, select: { id: true } });
      if (!provision) throw AppError.rule('provisionId does not name a provision of this audit.', 'provisionId');
    }
    if (appliesToAll || subjectIds === undefined) {
      if (!appliesToAll && subjectIds === undefined)
        throw AppError.invalid('subjectIds', 'subjectIds is required when appliesToAll is false.');
      return;
    }
    if (subjectIds.length === 0)
      throw AppError.invalid('subjectIds', 'subjectIds must name at least one subject when appliesToAll is false.');
    const found = await tx.subject.count({ where: { auditId, id: { in: subjectIds } } });
    if (found !== subjectIds.length)
      throw AppError.rule('subjectIds names a subject that is not in this audit.', 'subjectIds');
  }
}
