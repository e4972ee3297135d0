import { Global, Module } from '@nestjs/common';
import { AppConfig, mailFrom } from '@app/config';
import { MailSender, SmtpMailSender } from '@app/mail';
import { AccountMailService } from './account-mail.service';

/** Global: invitations, user administration and password resets all send through it. */
@Global()
@Module({
  providers: [
    {
      provide: MailSender,
      inject: [AppConfig],
      useFactory: (config: AppConfig) => new SmtpMailSender(config.SMTP_URL, mailFrom(config)),
    },
    AccountMailService,
  ],
  exports: [AccountMailService, MailSender],
})
export class AccountMailModule {}
