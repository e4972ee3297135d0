import { Injectable } from '@nestjs/common';
import { Prisma, PrismaService, type Tx } from '@app/db';
import {
  activeFields,
  AuditRole,
  compareFormAnswers,
  type FormField,
  type FormValues,
  formValueText,
  isEmptyFormValue,
  RESPONSE_STATUS_LABEL,
  todayIn,
  Clock,
} from '@app/domain';
import { type Changes, recordActivity } from '@app/activity';
import { toXlsx } from '@app/report';
import { AppError } from '../common/app-error';
import { EXPORT_MEDIA_TYPE } from '../common/export-format';
import type { FileDownload } from '../common/file-download';
import type { AuthContext } from '../auth/auth-context';
import { AuditAccessService } from '../access/audit-access.service';
import { formDefinition } from '../form-templates/form-definition';
import { storedFields } from '../form-templates/form-template.mapper';
import { fieldLabels } from '../form-templates/form-templates.service';
import type { FormFieldDto } from '../form-templates/dto/form-field.dto';
import type { FormComparisonDto, RequestFormDto, SaveRequestFormDto } from './dto/request-form.dto';

/** Responses that hold form values: stored as null when none are given (see ResponsesService). */
const holdsValues = { formValues: { not: Prisma.DbNull } } as const;

/**
 * A request's form: given from a template (a copy) or written for the request, revised so that
 * removed fields retire and answers keep their meaning, removed while nobody has answered it;
 * and the comparison of its answers across subjects, as data and as a spreadsheet.
 */
@Injectable()
export class RequestFormsService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly access: AuditAccessService,
    private readonly clock: Clock,
  ) {}

  async get(auth: AuthContext, auditId: string, requestId: string): Promise<RequestFormDto> {
    await this.access.require(auth, auditId);
    await this.findRequest(this.prisma, auditId, requestId);
    const form = await this.prisma.requestForm.findUnique({ where: { requestId }, include: formInclude });
    if (!form) throw AppError.notFound('Form of this request');
    return this.map(this.prisma, form);
  }

  /** Gives the request a form, or revises it (exactly one of a template and fields). */
  async save(auth: AuthContext, auditId: string, requestId: string, dto: SaveRequestFormDto): Promise<RequestFormDto> {
    await this.access.require(auth, auditId, AuditRole.COUNSEL);
    if ((dto.templateId === undefined) === (dto.fields === undefined)) {
      throw AppError.invalid('templateId', 'Send either templateId (copy a form template) or fields, not both.');
    }
    return this.prisma.$transaction(async (tx) => {
      await this.findRequest(tx, auditId, requestId);
      const current = await tx.requestForm.findUnique({ where: { requestId } });
      const source = dto.templateId
        ? await this.template(tx, dto.templateId, 'templateId')
        : { id: current?.templateId ?? null, name: null, fields: dto.fields! };
      if (!current) {
        await this.attach(tx, auth.user.id, auditId, requestId, source);
      } else {
        if (dto.version === undefined) {
          throw AppError.invalid('version', 'This request already has a form: send the version you are changing.');
        }
        if (dto.version !== current.version) throw AppError.versionConflict('this form', dto.version, current.version);
        const before = storedFields(current.fields);
        const fields = formDefinition(source.fields, before);
        const changes: Changes = {};
        if (JSON.stringify(fields) !== JSON.stringify(before)) {
          changes.fields = { before: fieldLabels(before), after: fieldLabels(fields) };
          const retired = fields.filter((f) => f.retired && !before.find((b) => b.key === f.key)?.retired);
          if (retired.length) changes.retiredFields = { before: null, after: retired.map((f) => f.label) };
        }
        if (dto.templateId && dto.templateId !== current.templateId) {
          changes.formTemplate = { before: await this.templateName(tx, current.templateId), after: source.name };
        }
        if (Object.keys(changes).length > 0) {
          const { count } = await tx.requestForm.updateMany({
            where: { requestId, version: dto.version },
            data: {
              fields: fields as unknown as Prisma.InputJsonValue,
              templateId: source.id,
              version: { increment: 1 },
            },
          });
          if (count === 0) {
            const latest = await tx.requestForm.findUniqueOrThrow({ where: { requestId } });
            throw AppError.versionConflict('this form', dto.version, latest.version);
          }
          await recordActivity(tx, {
            actorId: auth.user.id,
            auditId,
            entityType: 'request',
            entityId: requestId,
            action: 'form_revised',
            changes,
          });
        }
      }
      return this.map(tx, await tx.requestForm.findUniqueOrThrow({ where: { requestId }, include: formInclude }));
    });
  }

  /** Takes the form off a request, while none of its responses holds form values. */
  async remove(auth: AuthContext, auditId: string, requestId: string, version: number): Promise<void> {
    await this.access.require(auth, auditId, AuditRole.COUNSEL);
    await this.prisma.$transaction(async (tx) => {
      await this.findRequest(tx, auditId, requestId);
      const current = await tx.requestForm.findUnique({ where: { requestId } });
      if (!current) throw AppError.notFound('Form of this request');
      if (version !== current.version) throw AppError.versionConflict('this form', version, current.version);
      const answered = await tx.response.count({ where: { requestId, ...holdsValues } });
      if (answered > 0) {
        throw AppError.rule(
          `${answered} ${answered === 1 ? 'response holds' : 'responses hold'} answers to this form; it cannot be removed. Remove fields by revising the form instead: their answers are kept.`,
        );
      }
      // Conditional on the version: a revision that committed since the read makes this a 409.
      const { count } = await tx.requestForm.deleteMany({ where: { requestId, version } });
      if (count === 0) throw AppError.versionConflict('this form', version, version + 1);
      await recordActivity(tx, {
        actorId: auth.user.id,
        auditId,
        entityType: 'request',
        entityId: requestId,
        action: 'form_removed',
        changes: {
          fields: { before: fieldLabels(storedFields(current.fields)), after: null },
        },
      });
    });
  }

  /**
   * Gives a request without a form a copy of a template's fields, inside the caller's
   * transaction (request creation and import use it too). `field` names the input at fault
   * when the template does not exist.
   */
  async attachTemplate(
    tx: Tx,
    actorId: string,
    auditId: string,
    requestId: string,
    templateId: string,
    field: string,
  ): Promise<void> {
    await this.attach(tx, actorId, auditId, requestId, await this.template(tx, templateId, field));
  }

  /** The comparison of the request's answers across subjects. */
  async comparison(auth: AuthContext, auditId: string, requestId: string): Promise<FormComparisonDto> {
    await this.access.require(auth, auditId);
    return (await this.compare(auditId, requestId)).dto;
  }

  /** The comparison as a spreadsheet: one row per subject, one column per field, values as they read. */
  async comparisonXlsx(auth: AuthContext, auditId: string, requestId: string): Promise<FileDownload> {
    const access = await this.access.require(auth, auditId);
    const { dto, evidenceTitles, referenceCode } = await this.compare(auditId, requestId);
    type Row = FormComparisonDto['rows'][number];
    const labels = new Map(dto.fields.map((f) => [f.key, f.label]));
    const context = { evidenceTitle: (id: string) => evidenceTitles.get(id) };
    const content = await toXlsx({
      name: `Request ${dto.request.ordinal}`.slice(0, 31),
      zone: access.deadlineTimeZone,
      rows: dto.rows,
      columns: [
        { header: 'Subject', width: 28, value: (r: Row) => r.subject.name },
        { header: 'Status', width: 16, value: (r: Row) => RESPONSE_STATUS_LABEL[r.status] },
        ...dto.fields.map((f) => ({
          header: f.retired ? `${f.label} (retired)` : f.label,
          width: f.type === 'LONG_TEXT' || f.type === 'TABLE' ? 50 : 24,
          value: (r: Row) => formValueText(f, (r.values as FormValues | null)?.[f.key], context),
        })),
        {
          header: 'Required and empty',
          width: 40,
          value: (r: Row) => r.missing.map((key) => labels.get(key) ?? key).join('; '),
        },
        {
          header: 'Differs from other subjects in',
          width: 40,
          value: (r: Row) =>
            dto.differing
              .filter((key) => !isEmptyFormValue((r.values as FormValues | null)?.[key]))
              .map((key) => labels.get(key) ?? key)
              .join('; '),
        },
      ],
    });
    const day = todayIn(access.deadlineTimeZone, this.clock.now());
    return {
      content,
      fileName: `${referenceCode}-request-${dto.request.ordinal}-form-comparison-${day}.xlsx`,
      mediaType: EXPORT_MEDIA_TYPE.xlsx,
    };
  }

  private async compare(auditId: string, requestId: string) {
    const request = await this.prisma.auditRequest.findFirst({
      where: { id: requestId, auditId },
      select: { id: true, ordinal: true, title: true, form: true, audit: { select: { referenceCode: true } } },
    });
    if (!request) throw AppError.notFound('Request');
    if (!request.form) throw AppError.notFound('Form of this request');
    const responses = await this.prisma.response.findMany({
      where: { requestId },
      select: { id: true, status: true, formValues: true, subject: { select: { id: true, name: true } } },
      orderBy: [{ subject: { position: 'asc' } }, { subject: { name: 'asc' } }],
    });
    const values = responses.map((r) => r.formValues as FormValues | null);
    const all = storedFields(request.form.fields);
    // Retired fields are shown only while some answer still holds a value for them.
    const fields = [
      ...activeFields(all),
      ...all.filter((f) => f.retired && values.some((v) => !isEmptyFormValue(v?.[f.key]))),
    ];
    const { differing, missing } = compareFormAnswers(
      fields,
      values.map((v) => ({ values: v })),
    );
    const evidenceIds = fields
      .filter((f) => f.type === 'EVIDENCE')
      .flatMap((f) => values.flatMap((v) => (Array.isArray(v?.[f.key]) ? (v[f.key] as string[]) : [])));
    const evidence = evidenceIds.length
      ? await this.prisma.evidence.findMany({
          where: { id: { in: evidenceIds }, auditId },
          select: { id: true, title: true },
        })
      : [];
    const dto: FormComparisonDto = {
      request: { id: request.id, ordinal: request.ordinal, title: request.title },
      fields: fields,
      rows: responses.map((r, i) => ({
        responseId: r.id,
        subject: r.subject,
        status: r.status,
        values: values[i],
        missing: missing[i],
      })),
      differing,
    };
    return {
      dto,
      evidenceTitles: new Map(evidence.map((e) => [e.id, e.title])),
      referenceCode: request.audit.referenceCode,
    };
  }

  private async attach(
    tx: Tx,
    actorId: string,
    auditId: string,
    requestId: string,
    source: { id: string | null; name: string | null; fields: readonly FormFieldDto[] | readonly FormField[] },
  ): Promise<void> {
    const fields = formDefinition(source.fields);
    await tx.requestForm.create({
      data: { requestId, templateId: source.id, fields: fields as unknown as Prisma.InputJsonValue },
    });
    await recordActivity(tx, {
      actorId,
      auditId,
      entityType: 'request',
      entityId: requestId,
      action: 'form_set',
      changes: {
        ...(source.name && { formTemplate: { before: null, after: source.name } }),
        fields: { before: null, after: fieldLabels(fields) },
      },
    });
  }

  /** A template's active fields, to copy (its retired ones answer nothing on a new form). */
  private async template(tx: Tx, templateId: string, field: string) {
    const template = await tx.formTemplate.findUnique({ where: { id: templateId } });
    if (!template) throw AppError.rule(`${field} does not name a form template.`, field);
    const fields = activeFields(storedFields(template.fields));
    return { id: template.id, name: template.name, fields };
  }

  private async templateName(tx: Tx, templateId: string | null): Promise<string | null> {
    if (!templateId) return null;
    const template = await tx.formTemplate.findUnique({ where: { id: templateId }, select: { name: true } });
    return template?.name ?? null;
  }

  private async findRequest(db: Tx | PrismaService, auditId: string, requestId: string): Promise<void> {
    const request = await db.auditRequest.findFirst({ where: { id: requestId, auditId }, select: { id: true } });
    if (!request) throw AppError.notFound('Request');
  }

  private async map(
    db: Tx | PrismaService,
    form: Prisma.RequestFormGetPayload<{ include: typeof formInclude }>,
  ): Promise<RequestFormDto> {
    const answeredCount = await db.response.count({ where: { requestId: form.requestId, ...holdsValues } });
    return {
      requestId: form.requestId,
      templateId: form.templateId,
      templateName: form.template?.name ?? null,
      fields: storedFields(form.fields),
      version: form.version,
      answeredCount,
    };
  }
}

const formInclude = { template: { select: { name: true } } } as const;
