import { Injectable } from '@nestjs/common';
import { PrismaService, UnitOfWork } from '@app/db';
import { formatCalendarDate, reminderPolicyOf } from '@app/domain';
import { diffFields, recordActivity } from '@app/activity';
import { auditName } from '@app/mail';
import { AppError } from '../common/app-error';
import type { AuthContext } from '../auth/auth-context';
import type { MyReminderSettingsDto, MyReminderSettingsInputDto } from './dto/my-reminder-settings.dto';
import { ReminderPlannerService } from './reminder-planner.service';

const SETTINGS = {
  timeZone: true,
  reminderHour: true,
  reminderDays: true,
  remindersPausedFrom: true,
  remindersPausedUntil: true,
} as const;

/**
 * A user's own reminder settings (their profile): digest hour, days and vacation, and the
 * audits they get reminders of. Saving re-plans every audit they work in, in the same
 * transaction. Each user reads and changes only their own.
 */
@Injectable()
export class MyReminderSettingsService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly uow: UnitOfWork,
    private readonly planner: ReminderPlannerService,
  ) {}

  async get(auth: AuthContext): Promise<MyReminderSettingsDto> {
    const [user, members] = await Promise.all([
      this.prisma.user.findUniqueOrThrow({ where: { id: auth.user.id }, select: SETTINGS }),
      this.prisma.auditMember.findMany({
        where: { userId: auth.user.id },
        select: {
          remindersOffAt: true,
          audit: {
            select: {
              id: true,
              title: true,
              referenceCode: true,
              demandingParty: true,
              respondingParty: true,
              status: true,
              remindersPausedAt: true,
              reminderPolicy: true,
              responseDeadline: true,
            },
          },
        },
        orderBy: [{ audit: { responseDeadline: 'asc' } }, { auditId: 'asc' }],
      }),
    ]);
    return {
      hour: user.reminderHour,
      days: user.reminderDays,
      vacationFrom: user.remindersPausedFrom ? formatCalendarDate(user.remindersPausedFrom) : null,
      vacationUntil: user.remindersPausedUntil ? formatCalendarDate(user.remindersPausedUntil) : null,
      timeZone: user.timeZone,
      audits: members.map(({ audit, remindersOffAt }) => ({
        auditId: audit.id,
        title: audit.title,
        referenceCode: audit.referenceCode,
        name: auditName(audit),
        status: audit.status,
        enabled: !remindersOffAt,
        pausedByCounsel: !!audit.remindersPausedAt,
        sendHour: reminderPolicyOf(audit.reminderPolicy).sendHour,
      })),
    };
  }

  /** Replaces the caller's settings; a vacation needs both days, the last not before the first. */
  async put(auth: AuthContext, dto: MyReminderSettingsInputDto): Promise<MyReminderSettingsDto> {
    const from = dto.vacationFrom ?? null;
    const until = dto.vacationUntil ?? null;
    if (from && !until) throw AppError.invalid('vacationUntil', 'vacationUntil is required with vacationFrom.');
    if (until && !from) throw AppError.invalid('vacationFrom', 'vacationFrom is required with vacationUntil.');
    if (from && until && until < from)
      throw AppError.invalid('vacationUntil', 'vacationUntil must be on or after vacationFrom.');
    const after = {
      reminderHour: dto.hour ?? null,
      reminderDays: [...dto.days].sort((a, b) => a - b),
      remindersPausedFrom: from,
      remindersPausedUntil: until,
    };
    await this.uow.run(async (tx, effects) => {
      // Locked: two saves at once apply one after the other, each re-planning what it saved.
      await tx.$queryRaw`SELECT 1 AS locked FROM users WHERE id = ${auth.user.id}::uuid FOR UPDATE`;
      const user = await tx.user.findUniqueOrThrow({ where: { id: auth.user.id }, select: SETTINGS });
      const before = {
        reminderHour: user.reminderHour,
        reminderDays: user.reminderDays,
        remindersPausedFrom: user.remindersPausedFrom ? formatCalendarDate(user.remindersPausedFrom) : null,
        remindersPausedUntil: user.remindersPausedUntil ? formatCalendarDate(user.remindersPausedUntil) : null,
      };
      const changes = diffFields(before, after);
      if (Object.keys(changes).length === 0) return;
      await tx.user.update({
        where: { id: auth.user.id },
        data: {
          ...after,
          remindersPausedFrom: from ? new Date(`${from}T00:00:00Z`) : null,
          remindersPausedUntil: until ? new Date(`${until}T00:00:00Z`) : null,
        },
      });
      await recordActivity(tx, {
        actorId: auth.user.id,
        auditId: null,
        entityType: 'user',
        entityId: auth.user.id,
        action: 'profile_updated',
        changes,
      });
      await this.planner.replanPerson(tx, effects, auth.user.id);
    });
    return this.get(auth);
  }
}
