import { Injectable } from '@nestjs/common';
import { PrismaService, type Prisma, PlainSql, UnitOfWork } from '@app/db';
import {
  AuditRole,
  calendarDate,
  Clock,
  decideResponseUpdate,
  type FormField,
  responseState,
  type WorkflowDenialReason,
} from '@app/domain';
import { type Changes, diffFields, recordActivity } from '@app/activity';
import { AppError, ErrorCode } from '../common/app-error';
import { pageMeta, skipTake } from '../common/pagination.dto';
import type { AuthContext } from '../auth/auth-context';
import { type AuditAccess, AuditAccessService } from '../access/audit-access.service';
import type {
  ResponseDetailDto,
  ResponsePageDto,
  ResponseQueryDto,
  StatusNoteDto,
  UpdateResponseDto,
} from './dto/response.dto';
import { ReminderPlannerService } from '../reminders/reminder-planner.service';
import { formEdit, noForm } from './response-form-values';
import { type Deadline, mapResponse, mapResponseDetail, responseDetailInclude } from './response.mapper';
import { readGridPage, readResponseDetail, type StatusMove } from './response-reads';

const DECISION_ERROR: Record<WorkflowDenialReason, ErrorCode> = {
  FORBIDDEN: ErrorCode.FORBIDDEN,
  INVALID_TRANSITION: ErrorCode.CONFLICT,
  ANSWER_REQUIRED: ErrorCode.RULE_VIOLATION,
  REASON_REQUIRED: ErrorCode.VALIDATION_FAILED,
  NOT_A_WORKING_MEMBER: ErrorCode.RULE_VIOLATION,
  REVIEWER_IS_ASSIGNEE: ErrorCode.RULE_VIOLATION,
};

@Injectable()
export class ResponsesService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly uow: UnitOfWork,
    private readonly access: AuditAccessService,
    private readonly clock: Clock,
    private readonly reminders: ReminderPlannerService,
    private readonly sql: PlainSql,
  ) {}

  /** The grid: every response of the audit, in subject then request order, filtered. */
  async list(auth: AuthContext, auditId: string, query: ResponseQueryDto): Promise<ResponsePageDto> {
    const access = await this.access.require(auth, auditId);
    const deadline = this.deadline(access);
    const { total, rows } = await readGridPage(
      this.sql,
      auditId,
      { ...query, assigneeId: query.assigneeId === 'me' ? auth.user.id : query.assigneeId },
      deadline,
      skipTake(query),
    );
    return { ...pageMeta(query, total), items: rows.map((r) => mapResponse(r, deadline)) };
  }

  async get(auth: AuthContext, auditId: string, responseId: string): Promise<ResponseDetailDto> {
    const access = await this.access.require(auth, auditId);
    const row = await readResponseDetail(this.sql, auditId, responseId);
    if (!row) throw AppError.notFound('Response');
    return mapResponseDetail(row.detail, this.deadline(access), statusNoteOf(row.statusMove, row.detail.status));
  }

  /**
   * Applies an edit on top of the version the caller saw. The workflow rules decide the
   * resulting status; the version check makes concurrent edits fail loudly instead of
   * overwriting each other.
   */
  async update(
    auth: AuthContext,
    auditId: string,
    responseId: string,
    dto: UpdateResponseDto,
  ): Promise<ResponseDetailDto> {
    const access = await this.access.require(auth, auditId, AuditRole.CONTRIBUTOR);
    const { version, statusReason, formValues, ...fields } = dto;
    const change = { ...fields, statusReason };
    const row = await this.uow.run(async (tx, effects) => {
      const row = await tx.response.findFirst({
        where: { id: responseId, auditId },
        include: { subject: { select: { ownerId: true } } },
      });
      if (!row) throw AppError.notFound('Response');
      if (version !== row.version) throw versionConflict(version, row.version);
      // A share lock on the request's form row until this edit commits, taken before its fields
      // are read: removing or revising the form (FOR UPDATE in RequestFormsService) waits for
      // it, then sees the values written here, so no value is left without its form (and a
      // removal that committed first leaves no row here: the edit is refused as formless).
      await tx.$queryRaw`SELECT 1 AS locked FROM request_forms WHERE request_id = ${row.requestId}::uuid FOR SHARE`;
      const requestForm = await tx.requestForm.findUnique({
        where: { requestId: row.requestId },
        select: { fields: true },
      });
      const formFields = requestForm ? (requestForm.fields as unknown as FormField[]) : null;
      if (!formFields && formValues !== undefined) throw noForm();
      const form = formFields ? await formEdit(tx, row, formFields, formValues) : null;
      // The state the rules decide on, plus the approval fields the activity diff compares.
      const current = {
        ...responseState(row, row.subject.ownerId),
        approvedAt: row.approvedAt,
        approvedById: row.approvedById,
      };
      const named = [change.assigneeId, change.reviewerId].filter((id): id is string => !!id);
      const members = await this.access.memberRoles(tx, auditId, named);
      const decision = decideResponseUpdate(
        current,
        change,
        { userId: auth.user.id, role: access.role },
        members,
        form?.state ?? null,
      );
      if (!decision.ok) {
        const field = decision.problems
          ? decision.problems.map((p) => ({ field: p.field, message: p.message }))
          : decision.field
            ? [{ field: decision.field, message: decision.message }]
            : [];
        throw new AppError(DECISION_ERROR[decision.reason], decision.message, field);
      }

      const now = this.clock.now();
      const next = {
        answer: change.answer,
        assigneeId: change.assigneeId,
        reviewerId: change.reviewerId,
        dueDate: change.dueDate,
        status: decision.status,
        ...(decision.approval === 'set' && { approvedAt: now, approvedById: auth.user.id }),
        ...(decision.approval === 'clear' && { approvedAt: null, approvedById: null }),
      };
      const changes = { ...diffFields(current, next), ...form?.changes };
      if (Object.keys(changes).length === 0) return this.findDetail(tx, responseId);
      if (changes.status && statusReason) changes.statusReason = { before: null, after: statusReason };

      const { count } = await tx.response.updateMany({
        where: { id: responseId, version },
        data: {
          ...next,
          dueDate: change.dueDate === undefined ? undefined : change.dueDate && calendarDate(change.dueDate),
          ...(form?.write !== undefined && { formValues: form.write }),
          ...((changes.answer || form?.state.changed) && { answeredById: auth.user.id }),
          version: { increment: 1 },
        },
      });
      if (count === 0) {
        const latest = await tx.response.findUniqueOrThrow({ where: { id: responseId }, select: { version: true } });
        throw versionConflict(version, latest.version);
      }
      await recordActivity(tx, {
        actorId: auth.user.id,
        auditId,
        entityType: 'response',
        entityId: responseId,
        action: changes.status ? 'status_changed' : 'updated',
        changes,
      });
      if (changes.status || changes.assigneeId || changes.reviewerId || changes.dueDate) {
        await this.reminders.replan(tx, effects, auditId);
      }
      return this.findDetail(tx, responseId);
    });
    return mapResponseDetail(row.detail, this.deadline(access), row.statusNote);
  }

  private async findDetail(tx: Prisma.TransactionClient, responseId: string) {
    const detail = await tx.response.findUniqueOrThrow({ where: { id: responseId }, include: responseDetailInclude });
    return { detail, statusNote: await this.statusNote(tx, detail) };
  }

  /**
   * The status note inside a transaction (the update's answer must see its own move); the read
   * route gets the same move from readResponseDetail's one statement.
   */
  private async statusNote(
    db: Prisma.TransactionClient,
    response: { id: string; auditId: string; status: string },
  ): Promise<StatusNoteDto | null> {
    const [move] = await db.activityEvent.findMany({
      where: { auditId: response.auditId, entityType: 'response', entityId: response.id, action: 'status_changed' },
      orderBy: { id: 'desc' },
      take: 1,
      select: { changes: true, occurredAt: true, actor: { select: { id: true, name: true } } },
    });
    return statusNoteOf(move ?? null, response.status);
  }

  private deadline(access: AuditAccess): Deadline {
    return { at: access.responseDeadline, zone: access.deadlineTimeZone, now: this.clock.now() };
  }
}

/**
 * The reason given with the move to the current status, read from the activity log where the
 * move recorded it (`statusReason`), so the log stays the one record of it: null when the
 * latest move led elsewhere or gave no reason.
 */
function statusNoteOf(move: StatusMove | null, status: string): StatusNoteDto | null {
  const changes = move?.changes as Changes | null | undefined;
  const reason = changes?.statusReason?.after;
  if (!move || changes?.status?.after !== status || typeof reason !== 'string') return null;
  return { reason, by: move.actor, at: move.occurredAt };
}

function versionConflict(sent: number, current: number): AppError {
  return new AppError(
    ErrorCode.VERSION_CONFLICT,
    `Someone else saved this response after version ${sent} that your change was based on; nothing was overwritten. Reload it and apply your change again.`,
    [{ field: 'version', message: `version ${sent} is stale` }],
    { currentVersion: current },
  );
}
