import { Injectable } from '@nestjs/common';
import type { AfterCommit, Tx } from '@app/db';
import { AuditRole, cellHoldsWork, gridCells, newCellStaffing } from '@app/domain';
import { AppError } from '../common/app-error';
import { LegalHoldService } from '../legal-hold/legal-hold.service';
import { ReminderPlannerService } from '../reminders/reminder-planner.service';

/**
 * Keeps the response grid equal to subjects x applicable requests. Called inside the unit of
 * work of every change to subjects or requests; cells that hold work are never dropped.
 */
@Injectable()
export class GridSyncService {
  constructor(
    private readonly holds: LegalHoldService,
    private readonly reminders: ReminderPlannerService,
  ) {}

  /**
   * Call first in every transaction that changes an audit's subjects or requests. Locking the
   * audit row serialises such changes (two concurrent additions would each miss the other's
   * new row); locking its responses makes edits and comments wait until we have decided
   * which cells may go, so no work lands in a cell while it is being deleted.
   */
  async lock(tx: Tx, auditId: string): Promise<void> {
    await tx.$queryRaw`SELECT id FROM audits WHERE id = ${auditId}::uuid FOR UPDATE`;
    await tx.$queryRaw`SELECT id FROM responses WHERE audit_id = ${auditId}::uuid FOR UPDATE`;
  }

  async sync(tx: Tx, effects: AfterCommit, auditId: string): Promise<{ created: number; removed: number }> {
    const subjects = await tx.subject.findMany({ where: { auditId }, select: { id: true, name: true, ownerId: true } });
    const requests = await tx.auditRequest.findMany({
      where: { auditId },
      select: { id: true, ordinal: true, appliesToAll: true, chosenSubjects: { select: { subjectId: true } } },
    });
    const responses = await tx.response.findMany({
      where: { auditId },
      select: {
        id: true,
        subjectId: true,
        requestId: true,
        status: true,
        answer: true,
        _count: { select: { comments: true } },
      },
    });
    const wanted = gridCells(
      subjects.map((s) => s.id),
      requests.map((r) => ({
        id: r.id,
        appliesToAll: r.appliesToAll,
        chosenSubjectIds: r.chosenSubjects.map((c) => c.subjectId),
      })),
    );
    const key = (c: { subjectId: string; requestId: string }) => `${c.subjectId}:${c.requestId}`;
    const wantedKeys = new Set(wanted.map(key));
    const existingKeys = new Set(responses.map(key));

    const missing = wanted.filter((c) => !existingKeys.has(key(c)));
    const surplus = responses.filter((r) => !wantedKeys.has(key(r)));
    if (surplus.length)
      await this.holds.ensureDeletable(tx, auditId, `${surplus.length} responses that no longer apply`);
    const busy = surplus.find((r) =>
      cellHoldsWork({ status: r.status, answer: r.answer, commentCount: r._count.comments }),
    );
    if (busy) {
      const subject = subjects.find((s) => s.id === busy.subjectId)?.name ?? busy.subjectId;
      const ordinal = requests.find((r) => r.id === busy.requestId)?.ordinal;
      throw AppError.conflict(
        `The response of ${subject} to request ${ordinal} already holds work; it cannot be dropped.`,
        {
          responseId: busy.id,
        },
      );
    }
    if (missing.length) await tx.response.createMany({ data: await this.staffed(tx, auditId, missing, subjects) });
    if (surplus.length) await tx.response.deleteMany({ where: { id: { in: surplus.map((r) => r.id) } } });
    if (missing.length || surplus.length) {
      // Dropped cells take their reminders with them; new (open, unassigned) cells join lead
      // counsel's escalations and overdue notices.
      await this.reminders.replan(tx, effects, auditId);
    }
    return { created: missing.length, removed: surplus.length };
  }

  /** New cells with their first staff: the subject's owner as assignee, the audit's default reviewer. */
  private async staffed(
    tx: Tx,
    auditId: string,
    cells: { subjectId: string; requestId: string }[],
    subjects: { id: string; ownerId: string | null }[],
  ) {
    const audit = await tx.audit.findUniqueOrThrow({ where: { id: auditId }, select: { defaultReviewerId: true } });
    const people = [audit.defaultReviewerId, ...subjects.map((s) => s.ownerId)].filter((id): id is string => !!id);
    const members = await tx.auditMember.findMany({
      where: { auditId, userId: { in: [...new Set(people)] } },
      select: { userId: true, role: true },
    });
    const roles = new Map<string, AuditRole>(members.map((m) => [m.userId, m.role]));
    const owners = new Map(subjects.map((s) => [s.id, s.ownerId]));
    return cells.map((cell) => ({
      auditId,
      ...cell,
      ...newCellStaffing(owners.get(cell.subjectId) ?? null, audit.defaultReviewerId, roles),
    }));
  }

  /** Throws when any response of the given subject or request holds work. */
  async ensureNoWork(tx: Tx, where: { subjectId: string } | { requestId: string }, what: string): Promise<void> {
    const responses = await tx.response.findMany({
      where,
      select: { status: true, answer: true, formValues: true, _count: { select: { comments: true } } },
    });
    const busy = responses.filter((r) =>
      cellHoldsWork({
        status: r.status,
        answer: r.answer,
        commentCount: r._count.comments,
        formValues: r.formValues,
      }),
    );
    if (busy.length > 0) {
      throw AppError.conflict(`${busy.length} responses of this ${what} already hold work; it cannot be deleted.`, {
        responsesWithWork: busy.length,
      });
    }
  }
}
