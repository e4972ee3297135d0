import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { PrismaService, type Tx } from '@app/db';
import { AuditRole, templateRefusal } from '@app/domain';
import { creationChanges, deletionChanges, diffFields, recordActivity } from '@app/activity';
import { AppError } from '../common/app-error';
import { pageMeta, type PageQueryDto, skipTake } from '../common/pagination.dto';
import type { AuthContext } from '../auth/auth-context';
import { AuditAccessService } from '../access/audit-access.service';
import { copyRequestList } from '../requests/request-list-copy';
import type {
  RequestTemplateDto,
  RequestTemplatePageDto,
  SaveRequestTemplateDto,
  UpdateRequestTemplateDto,
} from './dto/request-template.dto';
import { mapTemplate, mapTemplateSummary, templateInclude, templateSummaryInclude } from './request-template.mapper';

/**
 * Request templates: an audit's request list (and the provisions it cites) saved for the
 * organisation, from which new audits start. Anyone signed in may list and read them (anyone
 * may open an audit); who may save, rename and delete is `templateRefusal` in @app/domain.
 */
@Injectable()
export class RequestTemplatesService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly access: AuditAccessService,
  ) {}

  async list(query: PageQueryDto): Promise<RequestTemplatePageDto> {
    const [total, rows] = await Promise.all([
      this.prisma.requestTemplate.count(),
      this.prisma.requestTemplate.findMany({
        include: templateSummaryInclude,
        orderBy: { name: 'asc' },
        ...skipTake(query),
      }),
    ]);
    return { ...pageMeta(query, total), items: rows.map(mapTemplateSummary) };
  }

  async get(templateId: string): Promise<RequestTemplateDto> {
    const template = await this.prisma.requestTemplate.findUnique({
      where: { id: templateId },
      include: templateInclude,
    });
    if (!template) throw AppError.notFound('Request template');
    return mapTemplate(template);
  }

  /** Saves the audit's requests, in order, with the provisions they cite (counsel of the audit). */
  async saveFromAudit(auth: AuthContext, auditId: string, dto: SaveRequestTemplateDto): Promise<RequestTemplateDto> {
    await this.access.require(auth, auditId, AuditRole.COUNSEL);
    return this.prisma.$transaction(async (tx) => {
      await this.ensureNameFree(tx, dto.name);
      const requests = await tx.auditRequest.findMany({
        where: { auditId },
        orderBy: { ordinal: 'asc' },
        include: { provision: true },
      });
      if (requests.length === 0) throw AppError.rule('This audit has no requests to save as a template.');
      const cited = await tx.provision.findMany({
        where: { auditId, requests: { some: {} } },
        orderBy: [{ position: { sort: 'asc', nulls: 'last' } }, { reference: 'asc' }],
      });
      const provisionIds = new Map(cited.map((p) => [p.id, randomUUID()]));
      const template = await tx.requestTemplate.create({
        data: {
          name: dto.name,
          description: dto.description ?? null,
          createdById: auth.user.id,
          provisions: {
            create: cited.map((p, i) => ({
              id: provisionIds.get(p.id)!,
              position: i + 1,
              reference: p.reference,
              title: p.title,
              text: p.text,
            })),
          },
        },
      });
      await tx.requestTemplateItem.createMany({
        data: requests.map((r) => ({
          templateId: template.id,
          ordinal: r.ordinal,
          title: r.title,
          text: r.text,
          provisionId: r.provisionId ? provisionIds.get(r.provisionId)! : null,
        })),
      });
      await recordActivity(tx, {
        actorId: auth.user.id,
        auditId: null,
        entityType: 'request_template',
        entityId: template.id,
        action: 'created',
        changes: creationChanges({
          name: dto.name,
          description: dto.description,
          fromAuditId: auditId,
          requests: requests.length,
          provisions: cited.length,
        }),
      });
      return mapTemplate(
        await tx.requestTemplate.findUniqueOrThrow({ where: { id: template.id }, include: templateInclude }),
      );
    });
  }

  async update(auth: AuthContext, templateId: string, dto: UpdateRequestTemplateDto): Promise<RequestTemplateDto> {
    return this.prisma.$transaction(async (tx) => {
      const current = await this.find(tx, templateId);
      await this.ensureAllowed(tx, auth, 'rename', current);
      if (dto.name !== undefined && dto.name !== current.name) await this.ensureNameFree(tx, dto.name);
      const changes = diffFields(current, dto);
      if (Object.keys(changes).length > 0) {
        await tx.requestTemplate.update({ where: { id: templateId }, data: dto });
        await recordActivity(tx, {
          actorId: auth.user.id,
          auditId: null,
          entityType: 'request_template',
          entityId: templateId,
          action: 'updated',
          changes,
        });
      }
      return mapTemplate(
        await tx.requestTemplate.findUniqueOrThrow({ where: { id: templateId }, include: templateInclude }),
      );
    });
  }

  async remove(auth: AuthContext, templateId: string): Promise<void> {
    await this.prisma.$transaction(async (tx) => {
      const current = await this.find(tx, templateId);
      await this.ensureAllowed(tx, auth, 'delete', current);
      await tx.requestTemplate.delete({ where: { id: templateId } });
      await recordActivity(tx, {
        actorId: auth.user.id,
        auditId: null,
        entityType: 'request_template',
        entityId: templateId,
        action: 'deleted',
        changes: deletionChanges({ name: current.name }),
      });
    });
  }

  /**
   * Creates the template's provisions and requests in a new audit, inside the transaction that
   * creates the audit. The audit has no subjects yet, so no grid cells come of it.
   */
  async instantiate(
    tx: Tx,
    auditId: string,
    templateId: string,
  ): Promise<{ template: string; provisions: number; requests: number }> {
    const template = await tx.requestTemplate.findUnique({
      where: { id: templateId },
      include: { provisions: true, items: true },
    });
    if (!template) throw AppError.rule('templateId does not name a request template.', 'templateId');
    const requests = template.items.map((item) => ({ ...item, appliesToAll: true }));
    await copyRequestList(tx, auditId, template.provisions, requests);
    return { template: template.name, provisions: template.provisions.length, requests: template.items.length };
  }

  private async find(tx: Tx, templateId: string) {
    const template = await tx.requestTemplate.findUnique({ where: { id: templateId } });
    if (!template) throw AppError.notFound('Request template');
    return template;
  }

  private async ensureAllowed(
    tx: Tx,
    auth: AuthContext,
    action: 'rename' | 'delete',
    template: { createdById: string | null },
  ): Promise<void> {
    const counselSomewhere = await this.access.counselSomewhere(auth.user.id, tx);
    const refusal = templateRefusal(
      { userId: auth.user.id, orgRole: auth.user.orgRole, counselSomewhere },
      action,
      template,
    );
    if (refusal) throw AppError.forbidden(refusal);
  }

  private async ensureNameFree(tx: Tx, name: string): Promise<void> {
    const taken = await tx.requestTemplate.findUnique({ where: { name }, select: { id: true } });
    if (taken) throw AppError.duplicate('name', `A request template named ${name} already exists.`);
  }
}
