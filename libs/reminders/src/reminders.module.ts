import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MessagingReminderSender } from './delivery/messaging-reminder-sender.js';
import { ReminderDeliveryJob } from './delivery/reminder-delivery.job.js';
import { ReminderDeliveryRepository } from './delivery/reminder-delivery.repository.js';
import { REMINDER_SENDER } from './delivery/reminder-sender.js';
import { reminderEntities } from './entities/index.js';
import { ReminderActionsService } from './inbox/reminder-actions.service.js';
import { ReminderInboxRepository } from './inbox/reminder-inbox.repository.js';
import { ReminderInboxService } from './inbox/reminder-inbox.service.js';
import { RemindersController } from './inbox/reminders.controller.js';
import { ReminderReportsController } from './reports/reminder-reports.controller.js';
import { ReminderReportsRepository } from './reports/reminder-reports.repository.js';
import { ReminderReportsService } from './reports/reminder-reports.service.js';
import { ReminderRuleRepository } from './rules/reminder-rule.repository.js';
import { ReminderRulesController } from './rules/reminder-rules.controller.js';
import { ReminderRulesService } from './rules/reminder-rules.service.js';
import { ReminderSweepJob } from './sweep/reminder-sweep.job.js';
import { ReminderSweepRepository } from './sweep/reminder-sweep.repository.js';
import { ReminderSweepService } from './sweep/reminder-sweep.service.js';

/** Scheduled reminders at the key windows of the holidays: rules as data, the sweep, the inbox and the delivery outbox. */
@Module({
  imports: [TypeOrmModule.forFeature(reminderEntities)],
  controllers: [
    ReminderRulesController,
    // Before RemindersController: /reminders/counts and /reminders/overdue are not reminder ids.
    ReminderReportsController,
    RemindersController,
  ],
  providers: [
    ReminderSweepRepository,
    ReminderSweepService,
    ReminderSweepJob,
    ReminderRuleRepository,
    ReminderRulesService,
    ReminderInboxRepository,
    ReminderInboxService,
    ReminderActionsService,
    ReminderReportsRepository,
    ReminderReportsService,
    ReminderDeliveryRepository,
    ReminderDeliveryJob,
    // The recipient's own channel through the messaging outbox; a log line when they have none.
    { provide: REMINDER_SENDER, useClass: MessagingReminderSender },
  ],
  exports: [ReminderSweepService],
})
export class RemindersModule {}
