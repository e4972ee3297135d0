import { Injectable } from '@nestjs/common';
import { AppConfig, reminderLinkSecret } from '@app/config';
import { type AfterCommit, PrismaService, type Tx, UnitOfWork } from '@app/db';
import { Clock } from '@app/domain';
import { recordActivity } from '@app/activity';
import { auditName, verifyUnsubscribeToken } from '@app/mail';
import { AppError, ErrorCode } from '../common/app-error';
import type { AuthContext } from '../auth/auth-context';
import { AuditAccessService } from '../access/audit-access.service';
import type { MyRemindersDto, UnsubscribedDto } from './dto/reminder-subscription.dto';

export const UNSUBSCRIBE_LINK_EXPIRED =
  'This unsubscribe link has expired. Sign in to AuditDesk to manage your reminders from your Profile.';
import { ReminderPlannerService } from './reminder-planner.service';

/**
 * Whether a member gets an audit's reminders: turned off by the one-click link of a digest
 * (no login: the signed token is the credential) and back on (or off) by the member in the app.
 * Each change re-plans the audit in its transaction, so nothing more is planned for them.
 */
@Injectable()
export class ReminderSubscriptionsService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly uow: UnitOfWork,
    private readonly access: AuditAccessService,
    private readonly planner: ReminderPlannerService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  /**
   * The audits a link turns off, for its confirmation page; 404 for a link that is not ours,
   * `expired` for one past its expiry (the page then says so).
   */
  async describe(token: string): Promise<UnsubscribedDto | 'expired'> {
    const link = this.linkOf(token);
    if (link.expired) return 'expired';
    const { grant } = link;
    const members = await this.prisma.auditMember.findMany({
      where: { userId: grant.userId, auditId: { in: grant.auditIds } },
      select: { remindersOffAt: true, audit: { select: { id: true, demandingParty: true, respondingParty: true } } },
    });
    return {
      audits: members.map((m) => ({ auditId: m.audit.id, name: auditName(m.audit), remindersOff: !!m.remindersOffAt })),
    };
  }

  /**
   * RFC 8058 one-click: turns the person's reminders of the link's audits off. Repeating it
   * changes nothing; an audit they have left since is skipped.
   */
  async unsubscribe(token: string): Promise<UnsubscribedDto> {
    const grant = this.grantOf(token);
    const audits = await this.uow.run(async (tx, effects) => {
      const members = await tx.auditMember.findMany({
        where: { userId: grant.userId, auditId: { in: grant.auditIds }, user: { active: true } },
        select: {
          auditId: true,
          remindersOffAt: true,
          audit: { select: { demandingParty: true, respondingParty: true } },
        },
      });
      for (const m of members.filter((member) => !member.remindersOffAt)) {
        await this.setOff(tx, effects, grant.userId, m.auditId, true);
      }
      return members.map((m) => ({ auditId: m.auditId, name: auditName(m.audit), remindersOff: true }));
    });
    return { audits };
  }

  async mine(auth: AuthContext, auditId: string): Promise<MyRemindersDto> {
    await this.access.require(auth, auditId);
    const member = await this.prisma.auditMember.findUnique({
      where: { auditId_userId: { auditId, userId: auth.user.id } },
      select: { remindersOffAt: true },
    });
    return { enabled: !member?.remindersOffAt, member: !!member };
  }

  /** The logged-in member turns their own reminders of the audit on or off. */
  async setMine(auth: AuthContext, auditId: string, enabled: boolean): Promise<MyRemindersDto> {
    await this.access.require(auth, auditId);
    await this.uow.run(async (tx, effects) => {
      const member = await tx.auditMember.findUnique({
        where: { auditId_userId: { auditId, userId: auth.user.id } },
        select: { remindersOffAt: true },
      });
      if (!member) throw AppError.rule('Only members of the audit get its reminders.', 'enabled');
      if (!!member.remindersOffAt === !enabled) return;
      await this.setOff(tx, effects, auth.user.id, auditId, !enabled);
    });
    return { enabled, member: true };
  }

  private async setOff(tx: Tx, effects: AfterCommit, userId: string, auditId: string, off: boolean): Promise<void> {
    const at = off ? this.clock.now() : null;
    await tx.auditMember.update({
      where: { auditId_userId: { auditId, userId } },
      data: { remindersOffAt: at },
    });
    await recordActivity(tx, {
      actorId: userId,
      auditId,
      entityType: 'member',
      entityId: userId,
      action: off ? 'reminders_turned_off' : 'reminders_turned_on',
      changes: { remindersOff: { before: !off, after: off } },
    });
    await this.planner.replan(tx, effects, auditId);
  }

  private linkOf(token: string) {
    const link = verifyUnsubscribeToken(reminderLinkSecret(this.config), token, this.clock.now());
    if (!link) throw AppError.notFound('Unsubscribe link');
    return link;
  }

  /** The grant of a link still valid: 404 for a link that is not ours, 410 for an expired one. */
  private grantOf(token: string) {
    const link = this.linkOf(token);
    if (link.expired) {
      throw new AppError(ErrorCode.GONE, UNSUBSCRIBE_LINK_EXPIRED, [], { reason: 'EXPIRED' });
    }
    return link.grant;
  }
}
