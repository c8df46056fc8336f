import { readFileSync } from 'node:fs';
import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { configProvider } from '#core';
import { NotificationsModule } from '#notifications';
import { AnchorDispatchController } from './anchors/anchor-dispatch.controller.js';
import { AnchorDispatchJob } from './anchors/anchor-dispatch.job.js';
import { AnchorDispatchRepository } from './anchors/anchor-dispatch.repository.js';
import { AnchorDispatchService } from './anchors/anchor-dispatch.service.js';
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
import { FailureNotices } from './outbox/failure-notices.js';
import { MessageDeliveryJob } from './outbox/message-delivery.job.js';
import { MessageDeliveryRepository } from './outbox/message-delivery.repository.js';
import { MessageOutbox } from './outbox/message-outbox.js';
import { StaffMessenger } from './outbox/staff-messenger.js';
import { DeliveryReportController } from './reports/delivery-report.controller.js';
import { DeliveryReportService } from './reports/delivery-report.js';
import { WebhookChannel } from './webhooks/webhook-channel.js';
import { WebhookEndpointRepository } from './webhooks/webhook-endpoint.repository.js';
import { WebhookEvents } from './webhooks/webhook-events.js';
import { WebhookFailures } from './webhooks/webhook-failures.js';
import { WebhooksController } from './webhooks/webhooks.controller.js';
import { WebhooksService } from './webhooks/webhooks.service.js';

/** The channels whose settings are present (a channel without them is off), and the school webhooks, always on. */
function configuredChannels(config: MessagingConfig, webhooks: WebhookChannel): MessageChannel[] {
  const channels: MessageChannel[] = [webhooks];
  if (config.SMTP_URL) channels.push(new EmailChannel(config.SMTP_URL, config.MAIL_FROM, config.SMTP_CA_FILE ? readFileSync(config.SMTP_CA_FILE, 'utf8') : undefined));
  if (config.SMS_GATEWAY_URL && config.SMS_GATEWAY_KEY) channels.push(new SmsChannel(config.SMS_GATEWAY_URL, config.SMS_GATEWAY_KEY));
  return channels;
}

/**
 * Reaching people outside the system: staff contact details, the delivery outbox and its channels
 * (email over SMTP, SMS through the school's gateway, the school's webhooks). Global: any module
 * queues messages in its own transactions through StaffMessenger or MessageOutbox, and publishes
 * webhook events through WebhookEvents.
 */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature(messagingEntities), NotificationsModule],
  controllers: [ContactDetailsController, DeliveryReportController, WebhooksController, AnchorDispatchController],
  providers: [
    configProvider(MessagingConfig),
    { provide: MESSAGE_CHANNELS, inject: [MessagingConfig, WebhookChannel], useFactory: configuredChannels },
    MessageOutbox,
    StaffMessenger,
    DeadLetters,
    FailureNotices,
    MessageDeliveryRepository,
    MessageDeliveryJob,
    StaffContactRepository,
    ContactVerificationRepository,
    ContactDetailsService,
    DeliveryReportService,
    AnchorDispatchRepository,
    AnchorDispatchService,
    AnchorDispatchJob,
    WebhookEndpointRepository,
    WebhookChannel,
    WebhookEvents,
    WebhookFailures,
    WebhooksService,
  ],
  exports: [MessageOutbox, StaffMessenger, DeadLetters, FailureNotices, MessagingConfig, WebhookEvents],
})
export class MessagingModule {}
