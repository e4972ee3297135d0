import { Injectable } from '@nestjs/common';
import { type Audit, PrismaService, type Prisma, UnitOfWork } from '@app/db';
import {
  AuditRole,
  calendarDate,
  Clock,
  decideAuditMove,
  effectiveRole,
  formatCalendarDate,
  openAuditRefusal,
  OrgRole,
  summarizeProgress,
  todayIn,
} from '@app/domain';
import { type Changes, creationChanges, deletionChanges, diffFields, recordActivity } from '@app/activity';
import { AppError } from '../common/app-error';
import { pageMeta, skipTake } from '../common/pagination.dto';
import type { AuthContext } from '../auth/auth-context';
import { AuditAccessService } from '../access/audit-access.service';
import { LegalHoldService } from '../legal-hold/legal-hold.service';
import { ReminderPlannerService } from '../reminders/reminder-planner.service';
import { RequestTemplatesService } from '../request-templates/request-templates.service';
import { mapAudit, mapAuditListItem } from './audit.mapper';
import { auditFields, type AuditFields } from './audit-fields';
import { ensureReferenceFree, referenceClash, referenceTaken } from './audit-reference';
import type { AuditDto, AuditListQueryDto, AuditPageDto, CreateAuditDto, UpdateAuditDto } from './dto/audit.dto';

@Injectable()
export class AuditsService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly uow: UnitOfWork,
    private readonly access: AuditAccessService,
    private readonly clock: Clock,
    private readonly holds: LegalHoldService,
    private readonly reminders: ReminderPlannerService,
    private readonly templates: RequestTemplatesService,
  ) {}

  async list(auth: AuthContext, query: AuditListQueryDto): Promise<AuditPageDto> {
    const isAdmin = auth.user.orgRole === OrgRole.ADMIN;
    const where: Prisma.AuditWhereInput = {
      ...(isAdmin ? {} : { members: { some: { userId: auth.user.id } } }),
      ...(query.status ? { status: query.status } : {}),
    };
    const [total, audits] = await Promise.all([
      this.prisma.audit.count({ where }),
      this.prisma.audit.findMany({
        where,
        orderBy: [{ responseDeadline: 'asc' }, { referenceCode: 'asc' }],
        ...skipTake(query),
        include: { members: { where: { userId: auth.user.id }, select: { role: true } } },
      }),
    ]);
    const cells = await this.prisma.response.groupBy({
      by: ['auditId', 'status', 'dueDate'],
      where: { auditId: { in: audits.map((a) => a.id) } },
      _count: { _all: true },
    });
    const now = this.clock.now();
    const items = audits.map(({ members, ...audit }) => {
      const role = effectiveRole({ userId: auth.user.id, orgRole: auth.user.orgRole, role: members[0]?.role ?? null })!;
      const progress = summarizeProgress(
        cells.filter((c) => c.auditId === audit.id).map((c) => ({ ...c, count: c._count._all })),
        { at: audit.responseDeadline, zone: audit.deadlineTimeZone },
        now,
      );
      return mapAuditListItem(audit, role, progress);
    });
    return { ...pageMeta(query, total), items };
  }

  async create(auth: AuthContext, dto: CreateAuditDto): Promise<AuditDto> {
    const refusal = openAuditRefusal(auth.user);
    if (refusal) throw AppError.forbidden(refusal);
    const { confidentialityLegend, templateId, ...rest } = dto;
    const fields = {
      ...this.toFields(rest, null),
      confidentialityLegend: confidentialityLegend || null,
    } as AuditFields;
    const audit = await this.prisma.$transaction(async (tx) => {
      await ensureReferenceFree(tx, fields.referenceCode);
      const created = await tx.audit
        .create({
          data: {
            ...fields,
            createdById: auth.user.id,
            members: { create: { userId: auth.user.id, role: AuditRole.LEAD_COUNSEL } },
          },
        })
        .catch((error: unknown) => {
          throw referenceClash(error) ? referenceTaken(fields.referenceCode) : error;
        });
      const fromTemplate = templateId ? await this.templates.instantiate(tx, created.id, templateId) : null;
      await recordActivity(tx, {
        actorId: auth.user.id,
        auditId: created.id,
        entityType: 'audit',
        entityId: created.id,
        action: 'created',
        changes: creationChanges({
          ...fields,
          ...(fromTemplate && {
            template: fromTemplate.template,
            provisions: fromTemplate.provisions,
            requests: fromTemplate.requests,
          }),
        }),
      });
      return created;
    });
    return mapAudit(audit, AuditRole.LEAD_COUNSEL);
  }

  async get(auth: AuthContext, auditId: string): Promise<AuditDto> {
    const { role } = await this.access.require(auth, auditId);
    const audit = await this.prisma.audit.findUniqueOrThrow({ where: { id: auditId } });
    return mapAudit(audit, role);
  }

  async update(auth: AuthContext, auditId: string, dto: UpdateAuditDto): Promise<AuditDto> {
    const { role } = await this.access.require(auth, auditId, AuditRole.COUNSEL);
    const { status, submittedAt, statusReason, confidentialityLegend, defaultReviewerId, ...rest } = dto;
    const updated = await this.uow.run(async (tx, effects) => {
      const current = await tx.audit.findUniqueOrThrow({ where: { id: auditId } });
      const fields: Partial<AuditFields> = this.toFields(rest, current);
      let reason: string | null = null;
      if ((status !== undefined && status !== current.status) || submittedAt !== undefined) {
        if (role !== AuditRole.LEAD_COUNSEL)
          throw AppError.forbidden('Only lead counsel can change the status of an audit or its submission day.');
        const move = decideAuditMove(
          {
            status: current.status,
            submittedAt: current.submittedAt ? formatCalendarDate(current.submittedAt) : null,
            receivedOn: rest.receivedOn ?? formatCalendarDate(current.receivedOn),
          },
          {
            to: status,
            submittedAt,
            reason: statusReason,
            today: todayIn(fields.deadlineTimeZone ?? current.deadlineTimeZone, this.clock.now()),
          },
        );
        if (!move.allowed) {
          if (move.field === 'status') throw AppError.rule(move.message, 'status');
          throw AppError.invalid(move.field === 'reason' ? 'statusReason' : move.field, move.message);
        }
        fields.status = move.status;
        fields.submittedAt = move.submittedAt ? calendarDate(move.submittedAt) : null;
        reason = move.reason;
      }
      if (confidentialityLegend !== undefined) fields.confidentialityLegend = confidentialityLegend || null;
      if (defaultReviewerId !== undefined) {
        // Checked when it changes: the one already set stays even if they could no longer be chosen.
        if (defaultReviewerId && defaultReviewerId !== current.defaultReviewerId)
          await this.access.requireWorkingMember(tx, auditId, defaultReviewerId, 'defaultReviewerId');
        fields.defaultReviewerId = defaultReviewerId;
      }
      // Checked in any case: "ACME-1" may become "acme-1", never another audit's "Acme-1".
      if (fields.referenceCode && fields.referenceCode !== current.referenceCode) {
        await ensureReferenceFree(tx, fields.referenceCode, auditId);
      }
      const changes: Changes = diffFields(current, fields as Partial<Audit>);
      if (Object.keys(changes).length === 0) return current;
      if (changes.status && reason) changes.statusReason = { before: null, after: reason };
      const audit = await tx.audit
        .update({
          where: { id: auditId },
          // The calendar feed's SEQUENCE: calendar apps replace the deadline event they hold.
          data: { ...fields, ...(changes.responseDeadline && { deadlineRevision: { increment: 1 } }) },
        })
        .catch((error: unknown) => {
          throw referenceClash(error) ? referenceTaken(fields.referenceCode!) : error;
        });
      await recordActivity(tx, {
        actorId: auth.user.id,
        auditId,
        entityType: 'audit',
        entityId: auditId,
        action: changes.status ? 'status_changed' : 'updated',
        changes,
      });
      if (changes.status || changes.responseDeadline || changes.deadlineTimeZone) {
        await this.reminders.replan(tx, effects, auditId);
      }
      return audit;
    });
    return mapAudit(updated, role);
  }

  /**
   * Deletes the audit and everything in it (lead counsel or an org admin), unless it is under
   * legal hold. The activity event outlives it (its audit link is cleared, the id stays).
   */
  async remove(auth: AuthContext, auditId: string): Promise<void> {
    await this.access.require(auth, auditId, AuditRole.LEAD_COUNSEL);
    await this.prisma.$transaction(async (tx) => {
      await this.holds.ensureDeletable(tx, auditId, 'the audit');
      const current = await tx.audit.findUniqueOrThrow({ where: { id: auditId } });
      await recordActivity(tx, {
        actorId: auth.user.id,
        auditId,
        entityType: 'audit',
        entityId: auditId,
        action: 'deleted',
        changes: deletionChanges({ title: current.title, referenceCode: current.referenceCode }),
      });
      await tx.audit.delete({ where: { id: auditId } });
    });
  }

  private toFields(dto: Partial<CreateAuditDto>, current: Audit | null): Partial<AuditFields> {
    return auditFields(dto, current);
  }
}
