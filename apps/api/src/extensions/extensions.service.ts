import { Injectable } from '@nestjs/common';
import { PrismaService, UnitOfWork } from '@app/db';
import {
  AuditRole,
  calendarDate,
  Clock,
  EXTENSION_STATUS_LABEL,
  extensionDecisionDayProblem,
  extensionRequestDayProblem,
  formatCalendarDate,
  readLocalTime,
  repeatedTimeProblem,
  todayIn,
} from '@app/domain';
import { type ActivityAction, recordActivity } from '@app/activity';
import { AppError } from '../common/app-error';
import { pageMeta, type PageQueryDto, skipTake } from '../common/pagination.dto';
import type { AuthContext } from '../auth/auth-context';
import { AuditAccessService } from '../access/audit-access.service';
import { ReminderPlannerService } from '../reminders/reminder-planner.service';
import type { CreateExtensionDto, DecideExtensionDto, ExtensionDto, ExtensionPageDto } from './dto/extension.dto';
import { extensionInclude, mapExtension } from './extension.mapper';

/** Requests to move the response deadline, and their outcome (counsel records them). */
@Injectable()
export class ExtensionsService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly uow: UnitOfWork,
    private readonly access: AuditAccessService,
    private readonly reminders: ReminderPlannerService,
    private readonly clock: Clock,
  ) {}

  async list(auth: AuthContext, auditId: string, query: PageQueryDto): Promise<ExtensionPageDto> {
    const access = await this.access.require(auth, auditId);
    const [total, rows] = await Promise.all([
      this.prisma.auditExtension.count({ where: { auditId } }),
      this.prisma.auditExtension.findMany({
        where: { auditId },
        include: extensionInclude,
        orderBy: [{ requestedOn: 'desc' }, { createdAt: 'desc' }],
        ...skipTake(query),
      }),
    ]);
    return { ...pageMeta(query, total), items: rows.map((e) => mapExtension(e, access.deadlineTimeZone)) };
  }

  async create(auth: AuthContext, auditId: string, dto: CreateExtensionDto): Promise<ExtensionDto> {
    const access = await this.access.require(auth, auditId, AuditRole.COUNSEL);
    const zone = access.deadlineTimeZone;
    const reading = readLocalTime(dto.newDeadline, zone);
    if (reading.kind === 'repeated')
      throw AppError.invalid(
        'newDeadline',
        repeatedTimeProblem('newDeadline', dto.newDeadline, zone, reading.readings),
      );
    if (reading.kind !== 'instant')
      throw AppError.invalid(
        'newDeadline',
        `newDeadline ${dto.newDeadline} is not a date-time that exists in ${zone}.`,
      );
    const newDeadline = reading.instant;
    if (newDeadline <= access.responseDeadline)
      throw AppError.rule('newDeadline must be later than the deadline in force.', 'newDeadline');
    const dayProblem = extensionRequestDayProblem(dto.requestedOn, todayIn(zone, this.clock.now()));
    if (dayProblem) throw AppError.invalid('requestedOn', dayProblem);
    const row = await this.prisma.$transaction(async (tx) => {
      const created = await tx.auditExtension.create({
        data: {
          auditId,
          requestedOn: calendarDate(dto.requestedOn),
          newDeadline,
          note: dto.note ?? null,
          recordedById: auth.user.id,
        },
        include: extensionInclude,
      });
      await recordActivity(tx, {
        actorId: auth.user.id,
        auditId,
        entityType: 'extension',
        entityId: created.id,
        action: 'requested',
        changes: {
          newDeadline: { before: null, after: newDeadline.toISOString() },
          requestedOn: { before: null, after: dto.requestedOn },
          ...(dto.note && { note: { before: null, after: dto.note } }),
        },
      });
      return created;
    });
    return mapExtension(row, access.deadlineTimeZone);
  }

  /** Records the outcome. Granting moves the audit's deadline in the same transaction and re-plans its reminders. */
  async decide(
    auth: AuthContext,
    auditId: string,
    extensionId: string,
    dto: DecideExtensionDto,
  ): Promise<ExtensionDto> {
    const access = await this.access.require(auth, auditId, AuditRole.COUNSEL);
    const today = todayIn(access.deadlineTimeZone, this.clock.now());
    const decidedOn = dto.decidedOn ?? today;
    const row = await this.uow.run(async (tx, effects) => {
      await tx.$queryRaw`SELECT id FROM audits WHERE id = ${auditId}::uuid FOR UPDATE`;
      const current = await tx.auditExtension.findFirst({ where: { id: extensionId, auditId } });
      if (!current) throw AppError.notFound('Extension');
      if (current.status !== 'REQUESTED')
        throw AppError.conflict(`This extension was already ${EXTENSION_STATUS_LABEL[current.status].toLowerCase()}.`);
      const dayProblem = extensionDecisionDayProblem(decidedOn, formatCalendarDate(current.requestedOn), today);
      if (dayProblem) throw AppError.invalid('decidedOn', dayProblem);
      const audit = await tx.audit.findUniqueOrThrow({ where: { id: auditId }, select: { responseDeadline: true } });
      const granted = dto.status === 'GRANTED';
      const updated = await tx.auditExtension.update({
        where: { id: extensionId },
        data: {
          status: dto.status,
          decidedOn: calendarDate(decidedOn),
          // The request's note stays: the decision's is a note of its own.
          decisionNote: dto.note ?? null,
          ...(granted && { previousDeadline: audit.responseDeadline }),
        },
        include: extensionInclude,
      });
      await recordActivity(tx, {
        actorId: auth.user.id,
        auditId,
        entityType: 'extension',
        entityId: extensionId,
        action: DECISION_ACTION[dto.status],
        changes: {
          status: { before: current.status, after: dto.status },
          decidedOn: { before: null, after: decidedOn },
          ...(dto.note && { decisionNote: { before: null, after: dto.note } }),
        },
      });
      if (granted) {
        await tx.audit.update({
          where: { id: auditId },
          data: { responseDeadline: current.newDeadline, deadlineRevision: { increment: 1 } },
        });
        await recordActivity(tx, {
          actorId: auth.user.id,
          auditId,
          entityType: 'audit',
          entityId: auditId,
          action: 'deadline_extended',
          changes: {
            responseDeadline: {
              before: audit.responseDeadline.toISOString(),
              after: current.newDeadline.toISOString(),
            },
          },
        });
        await this.reminders.replan(tx, effects, auditId);
      }
      return updated;
    });
    return mapExtension(row, access.deadlineTimeZone);
  }
}

/** The activity action that records each decision. */
const DECISION_ACTION: Record<DecideExtensionDto['status'], ActivityAction<'extension'>> = {
  GRANTED: 'granted',
  DENIED: 'denied',
  WITHDRAWN: 'withdrawn',
};
