import { AuditAnchorDispatch } from './audit-anchor-dispatch.entity.js';
import { AuditAnchorRecipient } from './audit-anchor-recipient.entity.js';
import { ContactVerification } from './contact-verification.entity.js';
import { MessageAttempt } from './message-attempt.entity.js';
import { OutboundMessage } from './outbound-message.entity.js';
import { StaffContact } from './staff-contact.entity.js';
import { WebhookEndpoint } from './webhook-endpoint.entity.js';

export * from './audit-anchor-dispatch.entity.js';
export * from './audit-anchor-recipient.entity.js';
export * from './contact-verification.entity.js';
export * from './message-attempt.entity.js';
export * from './outbound-message.entity.js';
export * from './staff-contact.entity.js';
export * from './webhook-endpoint.entity.js';

export const messagingEntities = [OutboundMessage, MessageAttempt, StaffContact, ContactVerification, WebhookEndpoint, AuditAnchorRecipient, AuditAnchorDispatch];
