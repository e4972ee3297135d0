import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { type Prisma, type Tx, UnitOfWork } from '@app/db';
import {
  AuditRole,
  calendarDate,
  formAsNew,
  formatCalendarDate,
  openAuditRefusal,
  shiftedDueDate,
  todayIn,
} from '@app/domain';
import { creationChanges, recordActivity } from '@app/activity';
import { AppError } from '../common/app-error';
import type { AuthContext } from '../auth/auth-context';
import { AuditAccessService } from '../access/audit-access.service';
import { ReminderPlannerService } from '../reminders/reminder-planner.service';
import { storedFields } from '../form-templates/form-template.mapper';
import { copyRequestList } from '../requests/request-list-copy';
import { auditFields, type AuditFields } from './audit-fields';
import { ensureReferenceFree, referenceClash, referenceTaken } from './audit-reference';
import { mapAudit } from './audit.mapper';
import type { AuditDto, CopyAuditDto, CreateAuditDto } from './dto/audit.dto';

/** What a copy takes over from the audit copied, unless the new demand says otherwise. */
const CARRIED = [
  'demandingParty',
  'demandingCounselName',
  'demandingCounselFirm',
  'demandingCounselEmail',
  'respondingParty',
  'respondingCounselName',
  'respondingCounselFirm',
  'respondingCounselEmail',
  'agreementTitle',
  'agreementVersion',
  'auditClauseRef',
] as const;

/**
 * Copies an audit as a new demand: the structure (provisions, subjects, requests with their
 * citations, subjects and forms), the team and who does which cell (assignee, reviewer, the internal
 * due date at the same distance from the new deadline). Never the work: answers, statuses,
 * comments, evidence, source documents, reports, extensions, reminders and history stay with
 * the original. One transaction; the copy starts as a DRAFT.
 */
@Injectable()
export class AuditCopyService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly access: AuditAccessService,
    private readonly reminders: ReminderPlannerService,
  ) {}

  async copy(auth: AuthContext, sourceId: string, dto: CopyAuditDto): Promise<AuditDto> {
    // An org admin counts as lead counsel of every audit (effectiveRole in @app/domain).
    await this.access.require(auth, sourceId, AuditRole.LEAD_COUNSEL);
    // A copy is a new audit: opening one is the same org-level permission as POST /audits.
    const refusal = openAuditRefusal(auth.user);
    if (refusal) throw AppError.forbidden(refusal);
    const audit = await this.uow.run(async (tx, effects) => {
      const source = await tx.audit.findUniqueOrThrow({
        where: { id: sourceId },
        include: {
          provisions: true,
          subjects: true,
          requests: { include: { chosenSubjects: true, form: { select: { fields: true, templateId: true } } } },
          members: true,
          responses: {
            select: { subjectId: true, requestId: true, assigneeId: true, reviewerId: true, dueDate: true },
          },
        },
      });
      const carried = Object.fromEntries(CARRIED.map((key) => [key, source[key]]));
      const input = { ...carried, ...dto } as Partial<CreateAuditDto>;
      const fields = {
        ...auditFields(input, null),
        confidentialityLegend: source.confidentialityLegend,
      } as AuditFields;
      await ensureReferenceFree(tx, fields.referenceCode);

      const members = source.members.map((m) => ({ userId: m.userId, role: m.role }));
      if (!members.some((m) => m.userId === auth.user.id))
        members.push({ userId: auth.user.id, role: AuditRole.LEAD_COUNSEL });
      const created = await tx.audit
        .create({
          data: {
            ...fields,
            reminderPolicy: source.reminderPolicy ?? undefined,
            createdById: auth.user.id,
            members: { create: members },
          },
        })
        .catch((error: unknown) => {
          throw referenceClash(error) ? referenceTaken(fields.referenceCode) : error;
        });
      const auditId = created.id;

      const subjectIds = new Map(source.subjects.map((s) => [s.id, randomUUID()]));
      await tx.subject.createMany({
        data: source.subjects.map((s) => ({
          id: subjectIds.get(s.id)!,
          auditId,
          name: s.name,
          position: s.position,
          product: s.product,
          description: s.description,
          ownerId: s.ownerId,
        })),
      });
      const requestIds = await copyRequestList(tx, auditId, source.provisions, source.requests);
      await tx.requestSubject.createMany({
        data: source.requests.flatMap((r) =>
          r.chosenSubjects.map((c) => ({ requestId: requestIds.get(r.id)!, subjectId: subjectIds.get(c.subjectId)! })),
        ),
      });
      const forms = await copyForms(tx, source.requests, requestIds);
      const oldDeadlineDay = todayIn(source.deadlineTimeZone, source.responseDeadline);
      const newDeadlineDay = todayIn(created.deadlineTimeZone, created.responseDeadline);
      const cells: Prisma.ResponseCreateManyInput[] = source.responses.map((r) => ({
        auditId,
        subjectId: subjectIds.get(r.subjectId)!,
        requestId: requestIds.get(r.requestId)!,
        assigneeId: r.assigneeId,
        reviewerId: r.reviewerId,
        dueDate: r.dueDate
          ? calendarDate(shiftedDueDate(formatCalendarDate(r.dueDate), oldDeadlineDay, newDeadlineDay))
          : null,
      }));
      await tx.response.createMany({ data: cells });

      await recordActivity(tx, {
        actorId: auth.user.id,
        auditId,
        entityType: 'audit',
        entityId: auditId,
        action: 'copied',
        changes: creationChanges({
          copiedFrom: `${source.title} (${source.referenceCode})`,
          copiedFromAuditId: source.id,
          ...fields,
          provisions: source.provisions.length,
          subjects: source.subjects.length,
          requests: source.requests.length,
          forms,
          members: members.length,
          responses: cells.length,
        }),
      });
      await this.reminders.replan(tx, effects, auditId);
      return created;
    });
    return mapAudit(audit, AuditRole.LEAD_COUNSEL);
  }
}

/**
 * Gives each copied request a copy of its original's form, as a request given a form starts:
 * version 1, the fields in use only (formAsNew: the copy has no answers, so the retired fields
 * and columns that kept the original's answers readable would only print as "removed" on a form
 * that never asked them), and the template it came from while that template exists. Returns
 * how many forms were copied.
 */
async function copyForms(
  tx: Tx,
  requests: { id: string; form: { fields: Prisma.JsonValue; templateId: string | null } | null }[],
  requestIds: Map<string, string>,
): Promise<number> {
  const withForm = requests.filter((r) => r.form !== null);
  if (withForm.length === 0) return 0;
  const templateIds = [...new Set(withForm.flatMap((r) => (r.form!.templateId ? [r.form!.templateId] : [])))];
  // FOR KEY SHARE until commit: a template deleted after this read would fail the insert on its key.
  const live = templateIds.length
    ? await tx.$queryRaw<{ id: string }[]>`
        SELECT id::text AS id FROM form_templates WHERE id = ANY(${templateIds}::uuid[]) FOR KEY SHARE`
    : [];
  const existing = new Set(live.map((t) => t.id));
  await tx.requestForm.createMany({
    data: withForm.map((r) => ({
      requestId: requestIds.get(r.id)!,
      templateId: r.form!.templateId && existing.has(r.form!.templateId) ? r.form!.templateId : null,
      fields: formAsNew(storedFields(r.form!.fields)) as unknown as Prisma.InputJsonValue,
    })),
  });
  return withForm.length;
}
