import { BullModule } from '@nestjs/bullmq';
import { Global, Module } from '@nestjs/common';
import { QueueName } from '@app/queue';
import { ReminderPlannerService } from './reminder-planner.service';
import { ReminderSubscriptionsService } from './reminder-subscriptions.service';
import { ReminderUnsubscribeController } from './reminder-unsubscribe.controller';
import { MyReminderSettingsController } from './my-reminder-settings.controller';
import { MyReminderSettingsService } from './my-reminder-settings.service';
import { ReminderPauseService } from './reminder-pause.service';
import { RemindersController } from './reminders.controller';
import { RemindersService } from './reminders.service';

/**
 * Global so the services whose changes move reminders (audits, responses, members, grid,
 * extensions) can call ReminderPlannerService without each importing this module. The BullMQ
 * connection is registered once, by AppModule.
 */
@Global()
@Module({
  imports: [BullModule.registerQueue({ name: QueueName.Reminders })],
  controllers: [RemindersController, ReminderUnsubscribeController, MyReminderSettingsController],
  providers: [
    ReminderPlannerService,
    RemindersService,
    ReminderSubscriptionsService,
    ReminderPauseService,
    MyReminderSettingsService,
  ],
  exports: [ReminderPlannerService],
})
export class RemindersModule {}
