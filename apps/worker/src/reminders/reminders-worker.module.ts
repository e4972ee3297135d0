import { BullModule } from '@nestjs/bullmq';
import { Inject, Logger, Module, type OnApplicationShutdown } from '@nestjs/common';
import { AppConfig, mailFrom } from '@app/config';
import { MailSender, SmtpMailSender } from '@app/mail';
import { QueueName } from '@app/queue';
import { DeliveryReceipts } from './delivery-receipts';
import { DigestStore } from './digest-store';
import { DigestSenderService } from './digest-sender.service';
import { ReminderReconcilerService } from './reminder-reconciler.service';
import { RemindersProcessor } from './reminders.processor';

@Module({
  imports: [BullModule.registerQueue({ name: QueueName.Reminders })],
  providers: [
    {
      provide: MailSender,
      inject: [AppConfig],
      useFactory: (config: AppConfig) => {
        if (!config.SMTP_URL)
          Logger.warn('SMTP_URL is not set: reminder digests will fail and end FAILED until it is.', 'Reminders');
        return new SmtpMailSender(config.SMTP_URL, mailFrom(config));
      },
    },
    DeliveryReceipts,
    DigestStore,
    DigestSenderService,
    ReminderReconcilerService,
    RemindersProcessor,
  ],
})
export class RemindersWorkerModule implements OnApplicationShutdown {
  constructor(@Inject(MailSender) private readonly mail: MailSender) {}

  /**
   * The SMTP pool closes only after the reminders worker has let the sends it runs finish
   * (LoggedWorkerHost, in the stop's earlier `beforeApplicationShutdown` phase): a pool closed
   * first fails the sends in flight ("Connection pool was closed").
   */
  onApplicationShutdown(): void {
    this.mail.close();
  }
}
