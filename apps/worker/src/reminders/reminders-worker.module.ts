import { BullModule } from '@nestjs/bullmq';
import { Inject, Logger, Module, type OnApplicationShutdown } from '@nestjs/common';
import { AppConfig, mailFrom } from '@app/config';
import { MailSender, SmtpMailSender } from '@app/mail';
import { QueueName } from '@app/queue';
import { DeliveryReceipts } from './delivery-receipts';
import { DigestReader } from './digest-reader';
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
    DigestReader,
    DigestSenderService,
    ReminderReconcilerService,
    RemindersProcessor,
  ],
})
export class RemindersWorkerModule implements OnApplicationShutdown {
  constructor(
    @Inject(MailSender) private readonly mail: MailSender,
    private readonly processor: RemindersProcessor,
  ) {}

  /**
   * The SMTP pool closes only after the reminders worker has stopped, which waits for the sends
   * it is running: Nest sets no order between this hook and the one in which BullMQ closes its
   * workers, and a pool closed first fails the sends in flight ("Connection pool was closed").
   * Closing a worker twice is harmless.
   */
  async onApplicationShutdown(): Promise<void> {
    await this.processor.worker.close();
    this.mail.close();
  }
}
