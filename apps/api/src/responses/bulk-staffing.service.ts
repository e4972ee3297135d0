import { Injectable } from '@nestjs/common';
import { type Tx, UnitOfWork } from '@app/db';
import {
  AuditRole,
  businessDaysBeforeDeadline,
  calendarDate,
  decideStaffing,
  type ResponseStatus,
  responseState,
  type StaffingChange,
} from '@app/domain';
import { type Changes, diffFields, recordActivities } from '@app/activity';
import { AppError } from '../common/app-error';
import type { AuthContext } from '../auth/auth-context';
import { AuditAccessService } from '../access/audit-access.service';
import { ReminderPlannerService } from '../reminders/reminder-planner.service';
import type {
  BulkStaffingAppliedDto,
  BulkStaffingDto,
  BulkStaffingRefusedDto,
  BulkStaffingResultDto,
} from './dto/bulk-staffing.dto';

/**
 * A full batch (2,000 cells, their events and the audit's re-plan) takes seconds on a busy
 * machine, past Prisma's 5 s default; it still holds its row locks only this long at most.
 */
const BULK_TRANSACTION = { timeout: 60_000 };

/**
 * Staffing many grid cells in one request: one transaction, each cell version-checked and
 * decided on its own by `decideStaffing` (@app/domain); refused cells are reported and left
 * alone, the rest written, each with its version bumped and its activity event, and the
 * audit's reminders re-planned once.
 */
@Injectable()
export class BulkStaffingService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly access: AuditAccessService,
    private readonly reminders: ReminderPlannerService,
  ) {}

  async apply(auth: AuthContext, auditId: string, dto: BulkStaffingDto): Promise<BulkStaffingResultDto> {
    const { role } = await this.access.require(auth, auditId, AuditRole.COUNSEL);
    const { dueBusinessDaysBeforeDeadline, ...set } = dto.set;
    checkRequest(dto);
    const ids = dto.items.map((item) => item.responseId);

    return this.uow.run(async (tx, effects) => {
      // Cells first, in id order (as a single edit takes its cell before re-planning takes the
      // audit row), so two bulk requests over the same cells queue up instead of deadlocking;
      // the second then reads the first one's versions and refuses those cells as changed.
      await tx.$queryRaw`SELECT id FROM responses WHERE audit_id = ${auditId}::uuid AND id = ANY(${ids}::uuid[]) ORDER BY id FOR UPDATE`;
      const rows = await tx.response.findMany({
        where: { auditId, id: { in: ids } },
        include: { subject: { select: { ownerId: true } } },
      });
      const audit = await tx.audit.findUniqueOrThrow({
        where: { id: auditId },
        select: { responseDeadline: true, deadlineTimeZone: true },
      });
      const dueDate =
        dueBusinessDaysBeforeDeadline !== undefined
          ? businessDaysBeforeDeadline(audit.responseDeadline, audit.deadlineTimeZone, dueBusinessDaysBeforeDeadline)
          : set.dueDate;
      const change: StaffingChange = { ...set, ...(dueDate !== undefined && { dueDate }) };
      const named = [change.assigneeId, change.reviewerId].filter((id): id is string => !!id);
      const members = await this.access.memberRoles(tx, auditId, named);
      const actor = { userId: auth.user.id, role };

      const byId = new Map(rows.map((row) => [row.id, row]));
      const applied: BulkStaffingAppliedDto[] = [];
      const unchanged: BulkStaffingAppliedDto[] = [];
      const refused: BulkStaffingRefusedDto[] = [];
      /** The cells to write, by the status each ends in (one UPDATE per status). */
      const writes = new Map<ResponseStatus, string[]>();
      const events: { id: string; changes: Changes }[] = [];
      for (const item of dto.items) {
        const row = byId.get(item.responseId);
        if (!row) {
          refused.push({
            responseId: item.responseId,
            code: 'NOT_FOUND',
            reason: 'It is not a response of this audit (it may have been removed from the grid).',
            currentVersion: null,
          });
          continue;
        }
        if (row.version !== item.version) {
          refused.push({
            responseId: row.id,
            code: 'VERSION_CONFLICT',
            reason: 'Someone changed it after you loaded it; nothing was overwritten. Reload the grid and try again.',
            currentVersion: row.version,
          });
          continue;
        }
        const current = responseState(row, row.subject.ownerId);
        const decision = decideStaffing(current, change, actor, members);
        if (decision.outcome === 'refuse') {
          refused.push({
            responseId: row.id,
            code: decision.code,
            reason: decision.reason,
            currentVersion: row.version,
          });
        } else if (decision.outcome === 'unchanged') {
          unchanged.push({ responseId: row.id, version: row.version });
        } else {
          const ids = writes.get(decision.change.status) ?? [];
          writes.set(decision.change.status, [...ids, row.id]);
          events.push({ id: row.id, changes: diffFields(current, decision.change) });
          // The rows are locked: the version written is the one read plus one.
          applied.push({ responseId: row.id, version: row.version + 1 });
        }
      }

      if (applied.length > 0) {
        await this.write(tx, writes, change);
        await recordActivities(
          tx,
          events.map(({ id, changes }) => ({
            actorId: auth.user.id,
            auditId,
            entityType: 'response' as const,
            entityId: id,
            action: changes.status ? ('status_changed' as const) : ('updated' as const),
            changes,
          })),
        );
        await this.reminders.replan(tx, effects, auditId);
      }
      return { applied, unchanged, refused, dueDate: change.dueDate ?? null };
    }, BULK_TRANSACTION);
  }

  /**
   * Every applied cell takes the same people and due date (a cell whose value was already that
   * keeps it), so one UPDATE per resulting status writes them all.
   */
  private async write(tx: Tx, writes: Map<ResponseStatus, string[]>, change: StaffingChange): Promise<void> {
    for (const [status, ids] of writes) {
      await tx.response.updateMany({
        where: { id: { in: ids } },
        data: {
          status,
          assigneeId: change.assigneeId,
          reviewerId: change.reviewerId,
          dueDate: change.dueDate === undefined ? undefined : change.dueDate && calendarDate(change.dueDate),
          version: { increment: 1 },
        },
      });
    }
  }
}

/** What class-validator cannot say about a bulk request: fields that exclude each other, and repeats. */
function checkRequest(dto: BulkStaffingDto): void {
  const { set } = dto;
  if (set.dueDate !== undefined && set.dueBusinessDaysBeforeDeadline !== undefined) {
    throw AppError.invalid(
      'set.dueBusinessDaysBeforeDeadline',
      'Give either a due date or a number of business days before the deadline, not both.',
    );
  }
  const fields = ['assigneeId', 'reviewerId', 'dueDate', 'dueBusinessDaysBeforeDeadline', 'notApplicable'] as const;
  if (fields.every((field) => set[field] === undefined)) {
    throw AppError.invalid(
      'set',
      'set must change something: an assignee, a reviewer, a due date or whether the cells apply.',
    );
  }
  const seen = new Set<string>();
  for (const [index, item] of dto.items.entries()) {
    if (seen.has(item.responseId)) {
      throw AppError.invalid(`items[${index}].responseId`, `Response ${item.responseId} is named more than once.`);
    }
    seen.add(item.responseId);
  }
}
