import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { AppConfig } from '@app/config';
import { PrismaService } from '@app/db';
import { AUDIT_ROLE_WORDS, Clock } from '@app/domain';
import { MailSender, renderInvitationMail, renderPasswordResetMail } from '@app/mail';

/**
 * Sends the emails that carry one-time account links, AFTER the transaction that created the
 * link has committed: the one place where invitations and password resets leave the API.
 * Called once the unit of work has returned rather than registered as one of its effects,
 * because the caller answers with whether the mail went out (`mailSent`). A failed send never
 * undoes the link: it is logged, `mailedAt` stays null, and the link can be sent again.
 */
@Injectable()
export class AccountMailService implements OnModuleDestroy {
  private readonly logger = new Logger(AccountMailService.name);

  constructor(
    private readonly prisma: PrismaService,
    private readonly mail: MailSender,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  /** The web UI's page for a link secret. */
  linkTo(page: 'invitations' | 'password-resets', secret: string): string {
    return new URL(`/${page}/${secret}`, this.config.APP_URL).toString();
  }

  /** Emails an invitation; true when an SMTP server took it. */
  async sendInvitationAfterCommit(invitationId: string, secret: string): Promise<boolean> {
    const invitation = await this.prisma.invitation.findUniqueOrThrow({
      where: { id: invitationId },
      include: {
        user: { select: { email: true } },
        invitedBy: { select: { name: true } },
        audit: { select: { title: true, referenceCode: true } },
      },
    });
    const mail = renderInvitationMail({
      to: invitation.user.email,
      inviterName: invitation.invitedBy?.name ?? null,
      audit:
        invitation.audit && invitation.role
          ? { ...invitation.audit, roleLabel: AUDIT_ROLE_WORDS[invitation.role] }
          : null,
      link: this.linkTo('invitations', secret),
      expiresAt: invitation.expiresAt,
    });
    return this.deliver(mail, `invitation ${invitationId}`, (mailedAt) =>
      this.prisma.invitation.update({ where: { id: invitationId }, data: { mailedAt } }),
    );
  }

  /** Emails a password-reset link; true when an SMTP server took it. */
  async sendPasswordResetAfterCommit(resetId: string, secret: string): Promise<boolean> {
    const reset = await this.prisma.passwordReset.findUniqueOrThrow({
      where: { id: resetId },
      include: { user: { select: { email: true, name: true } } },
    });
    const mail = renderPasswordResetMail({
      to: reset.user.email,
      name: reset.user.name,
      link: this.linkTo('password-resets', secret),
      expiresAt: reset.expiresAt,
    });
    return this.deliver(mail, `password reset ${resetId}`, (mailedAt) =>
      this.prisma.passwordReset.update({ where: { id: resetId }, data: { mailedAt } }),
    );
  }

  onModuleDestroy(): void {
    this.mail.close();
  }

  private async deliver(
    mail: Parameters<MailSender['send']>[0],
    what: string,
    markSent: (at: Date) => Promise<unknown>,
  ): Promise<boolean> {
    try {
      await this.mail.send(mail);
    } catch (error) {
      this.logger.warn(`Could not email the ${what} to ${mail.to} (it can be sent again): ${(error as Error).message}`);
      return false;
    }
    await markSent(this.clock.now());
    return true;
  }
}
