import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { configProvider } from '#core';
import { EmailChannel } from './channels/email-channel.js';
import { MESSAGE_CHANNELS, type MessageChannel } from './channels/message-channel.js';
import { SmsChannel } from './channels/sms-channel.js';
import { ContactDetailsController } from './contacts/contact-details.controller.js';
import { ContactDetailsService } from './contacts/contact-details.service.js';
import { ContactVerificationRepository } from './contacts/contact-verification.repository.js';
import { StaffContactRepository } from './contacts/staff-contact.repository.js';
import { messagingEntities } from './entities/index.js';
import { MessagingConfig } from './messaging-config.js';
import { DeadLetters } from './outbox/dead-letters.js';
import { MessageDeliveryJob } from './outbox/message-delivery.job.js';
import { MessageDeliveryRepository } from './outbox/message-delivery.repository.js';
import { MessageOutbox } from './outbox/message-outbox.js';
import { StaffMessenger } from './outbox/staff-messenger.js';
import { DeliveryReportController } from './reports/delivery-report.controller.js';
import { DeliveryReportService } from './reports/delivery-report.js';

/** The channels whose settings are present: a channel without them is off. */
function configuredChannels(config: MessagingConfig): MessageChannel[] {
  const channels: MessageChannel[] = [];
  if (config.SMTP_URL) channels.push(new EmailChannel(config.SMTP_URL, config.MAIL_FROM));
  if (config.SMS_GATEWAY_URL && config.SMS_GATEWAY_KEY) channels.push(new SmsChannel(config.SMS_GATEWAY_URL, config.SMS_GATEWAY_KEY));
  return channels;
}

/**
 * Reaching people outside the system: staff contact details, the delivery outbox and its channels
 * (email over SMTP, SMS through the school's gateway). Global: any module queues messages in its
 * own transactions through StaffMessenger or MessageOutbox.
 */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature(messagingEntities)],
  controllers: [ContactDetailsController, DeliveryReportController],
  providers: [
    configProvider(MessagingConfig),
    { provide: MESSAGE_CHANNELS, inject: [MessagingConfig], useFactory: configuredChannels },
    MessageOutbox,
    StaffMessenger,
    DeadLetters,
    MessageDeliveryRepository,
    MessageDeliveryJob,
    StaffContactRepository,
    ContactVerificationRepository,
    ContactDetailsService,
    DeliveryReportService,
  ],
  exports: [MessageOutbox, StaffMessenger, DeadLetters, MessagingConfig],
})
export class MessagingModule {}
