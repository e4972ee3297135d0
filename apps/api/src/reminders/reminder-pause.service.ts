import { Injectable } from '@nestjs/common';
import { PrismaService, type Tx, UnitOfWork } from '@app/db';
import { AuditRole, Clock } from '@app/domain';
import { recordActivity } from '@app/activity';
import { AppError } from '../common/app-error';
import type { AuthContext } from '../auth/auth-context';
import { AuditAccessService } from '../access/audit-access.service';
import type { PauseRemindersDto, ReminderPauseDto } from './dto/reminder-pause.dto';
import { ReminderPlannerService } from './reminder-planner.service';

const pauseSelect = {
  remindersPausedAt: true,
  remindersPauseReason: true,
  remindersPausedBy: { select: { id: true, name: true } },
} as const;

type PauseRow = {
  remindersPausedAt: Date | null;
  remindersPauseReason: string | null;
  remindersPausedBy: { id: string; name: string } | null;
};

export const mapReminderPause = (audit: PauseRow): ReminderPauseDto => ({
  paused: audit.remindersPausedAt !== null,
  since: audit.remindersPausedAt,
  reason: audit.remindersPauseReason,
  pausedBy: audit.remindersPausedBy,
});

/**
 * Counsel pause an audit's reminders (with a reason) and resume them. Pausing cancels what is
 * planned (re-planning a paused audit plans nothing) and the worker re-checks at send time, so
 * a digest already queued sends nothing of it; resuming plans from now. Each is recorded.
 */
@Injectable()
export class ReminderPauseService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly uow: UnitOfWork,
    private readonly access: AuditAccessService,
    private readonly planner: ReminderPlannerService,
    private readonly clock: Clock,
  ) {}

  async get(auth: AuthContext, auditId: string): Promise<ReminderPauseDto> {
    await this.access.require(auth, auditId);
    return mapReminderPause(await this.prisma.audit.findUniqueOrThrow({ where: { id: auditId }, select: pauseSelect }));
  }

  /** Pauses the audit's reminders (counsel). Already paused: 409 naming who paused them and why. */
  async pause(auth: AuthContext, auditId: string, dto: PauseRemindersDto): Promise<ReminderPauseDto> {
    await this.access.require(auth, auditId, AuditRole.COUNSEL);
    const audit = await this.uow.run(async (tx, effects) => {
      const current = await this.locked(tx, auditId);
      if (current.remindersPausedAt) {
        throw AppError.conflict(
          `Reminders of this audit are already paused${current.remindersPausedBy ? ` by ${current.remindersPausedBy.name}` : ''}.`,
          { pause: mapReminderPause(current) },
        );
      }
      const now = this.clock.now();
      const audit = await tx.audit.update({
        where: { id: auditId },
        data: { remindersPausedAt: now, remindersPauseReason: dto.reason, remindersPausedById: auth.user.id },
        select: pauseSelect,
      });
      await recordActivity(tx, {
        actorId: auth.user.id,
        auditId,
        entityType: 'audit',
        entityId: auditId,
        action: 'reminders_paused',
        changes: { remindersPaused: { before: false, after: true }, reason: { before: null, after: dto.reason } },
      });
      await this.planner.replan(tx, effects, auditId);
      return audit;
    });
    return mapReminderPause(audit);
  }

  /** Resumes the audit's reminders (counsel) and plans them from now. Not paused: 409. */
  async resume(auth: AuthContext, auditId: string): Promise<ReminderPauseDto> {
    await this.access.require(auth, auditId, AuditRole.COUNSEL);
    const audit = await this.uow.run(async (tx, effects) => {
      const current = await this.locked(tx, auditId);
      if (!current.remindersPausedAt) throw AppError.conflict('Reminders of this audit are not paused.');
      const audit = await tx.audit.update({
        where: { id: auditId },
        data: { remindersPausedAt: null, remindersPauseReason: null, remindersPausedById: null },
        select: pauseSelect,
      });
      await recordActivity(tx, {
        actorId: auth.user.id,
        auditId,
        entityType: 'audit',
        entityId: auditId,
        action: 'reminders_resumed',
        changes: {
          remindersPaused: { before: true, after: false },
          reason: { before: current.remindersPauseReason, after: null },
          pausedSince: { before: current.remindersPausedAt.toISOString(), after: null },
        },
      });
      await this.planner.replan(tx, effects, auditId);
      return audit;
    });
    return mapReminderPause(audit);
  }

  /** The audit row locked, so of concurrent pauses (or resumes) one acts and the others find it done. */
  private async locked(tx: Tx, auditId: string) {
    await tx.$queryRaw`SELECT 1 AS locked FROM audits WHERE id = ${auditId}::uuid FOR UPDATE`;
    return tx.audit.findUniqueOrThrow({ where: { id: auditId }, select: pauseSelect });
  }
}
