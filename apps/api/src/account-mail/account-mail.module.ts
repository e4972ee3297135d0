import { Global, Module } from '@nestjs/common';
import { AppConfig } from '@app/config';
import { MailSender, SmtpMailSender } from '@app/mail';
import { AccountMailService } from './account-mail.service';

/** Global: invitations, user administration and password resets all send through it. */
@Global()
@Module({
  providers: [
    {
      provide: MailSender,
      inject: [AppConfig],
      useFactory: (config: AppConfig) => new SmtpMailSender(config.SMTP_URL, config.MAIL_FROM),
    },
    AccountMailService,
  ],
  exports: [AccountMailService],
})
export class AccountMailModule {}
