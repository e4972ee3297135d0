import { Injectable } from '@nestjs/common';
import { Prisma, PrismaService, type Tx } from '@app/db';
import { activeFields, type FormField, templateRefusal } from '@app/domain';
import { type Changes, creationChanges, deletionChanges, diffFields, recordActivity } from '@app/activity';
import { AppError } from '../common/app-error';
import type { AuthContext } from '../auth/auth-context';
import { AuditAccessService } from '../access/audit-access.service';
import type { CreateFormTemplateDto, FormTemplateDto, UpdateFormTemplateDto } from './dto/form-template.dto';
import { formDefinition } from './form-definition';
import { formTemplateInclude, mapFormTemplate, storedFields } from './form-template.mapper';

/** How a definition reads in the activity log: its active fields' labels, in order. */
export const fieldLabels = (fields: readonly FormField[]): string[] => activeFields(fields).map((f) => f.label);

/**
 * Form templates: forms counsel keep for the organisation and pick for a request, which gets a
 * copy (later edits of the template leave requests' forms alone). Anyone signed in may read
 * them; who may save, change and delete them is `templateRefusal`, as for request templates.
 */
@Injectable()
export class FormTemplatesService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly access: AuditAccessService,
  ) {}

  async list(): Promise<FormTemplateDto[]> {
    const rows = await this.prisma.formTemplate.findMany({ include: formTemplateInclude, orderBy: { name: 'asc' } });
    return rows.map(mapFormTemplate);
  }

  async get(templateId: string): Promise<FormTemplateDto> {
    return mapFormTemplate(await this.find(this.prisma, templateId));
  }

  async create(auth: AuthContext, dto: CreateFormTemplateDto): Promise<FormTemplateDto> {
    const fields = formDefinition(dto.fields);
    return this.prisma.$transaction(async (tx) => {
      await this.ensureAllowed(tx, auth, 'save');
      await this.ensureNameFree(tx, dto.name);
      const template = await tx.formTemplate.create({
        data: {
          name: dto.name,
          description: dto.description ?? null,
          fields: fields as unknown as Prisma.InputJsonValue,
          createdById: auth.user.id,
        },
      });
      await recordActivity(tx, {
        actorId: auth.user.id,
        auditId: null,
        entityType: 'form_template',
        entityId: template.id,
        action: 'created',
        changes: creationChanges({ name: dto.name, description: dto.description, fields: fieldLabels(fields) }),
      });
      return mapFormTemplate(await this.find(tx, template.id));
    });
  }

  /** Replaces name, description and fields; fields left out retire (requests' copies are not touched). */
  async update(auth: AuthContext, templateId: string, dto: UpdateFormTemplateDto): Promise<FormTemplateDto> {
    return this.prisma.$transaction(async (tx) => {
      const current = await this.find(tx, templateId);
      await this.ensureAllowed(tx, auth, 'rename', current);
      if (dto.version !== current.version)
        throw AppError.versionConflict('this form template', dto.version, current.version);
      if (dto.name !== current.name) await this.ensureNameFree(tx, dto.name);
      const before = storedFields(current.fields);
      const fields = formDefinition(dto.fields, before);
      const changes: Changes = diffFields(current, { name: dto.name, description: dto.description ?? null });
      if (JSON.stringify(fields) !== JSON.stringify(before)) {
        changes.fields = { before: fieldLabels(before), after: fieldLabels(fields) };
      }
      if (Object.keys(changes).length === 0) return mapFormTemplate(current);
      const { count } = await tx.formTemplate.updateMany({
        where: { id: templateId, version: dto.version },
        data: {
          name: dto.name,
          description: dto.description ?? null,
          fields: fields as unknown as Prisma.InputJsonValue,
          version: { increment: 1 },
        },
      });
      if (count === 0) {
        const latest = await this.find(tx, templateId);
        throw AppError.versionConflict('this form template', dto.version, latest.version);
      }
      await recordActivity(tx, {
        actorId: auth.user.id,
        auditId: null,
        entityType: 'form_template',
        entityId: templateId,
        action: 'updated',
        changes,
      });
      return mapFormTemplate(await this.find(tx, templateId));
    });
  }

  /** Deletes a template; the requests whose forms came from it keep their copies. */
  async remove(auth: AuthContext, templateId: string): Promise<void> {
    await this.prisma.$transaction(async (tx) => {
      const current = await this.find(tx, templateId);
      await this.ensureAllowed(tx, auth, 'delete', current);
      await tx.formTemplate.delete({ where: { id: templateId } });
      await recordActivity(tx, {
        actorId: auth.user.id,
        auditId: null,
        entityType: 'form_template',
        entityId: templateId,
        action: 'deleted',
        changes: deletionChanges({ name: current.name, usedBy: current._count.requestForms }),
      });
    });
  }

  private async find(db: Tx | PrismaService, templateId: string) {
    const template = await db.formTemplate.findUnique({ where: { id: templateId }, include: formTemplateInclude });
    if (!template) throw AppError.notFound('Form template');
    return template;
  }

  private async ensureAllowed(
    tx: Tx,
    auth: AuthContext,
    action: 'save' | 'rename' | 'delete',
    template?: { createdById: string | null },
  ): Promise<void> {
    const counselSomewhere = await this.access.counselSomewhere(auth.user.id, tx);
    const refusal = templateRefusal(
      { userId: auth.user.id, orgRole: auth.user.orgRole, counselSomewhere },
      action,
      template,
      'form templates',
    );
    if (refusal) throw AppError.forbidden(refusal);
  }

  private async ensureNameFree(tx: Tx, name: string): Promise<void> {
    const taken = await tx.formTemplate.findUnique({ where: { name }, select: { id: true } });
    if (taken) throw AppError.duplicate('name', `A form template named ${name} already exists.`);
  }
}
