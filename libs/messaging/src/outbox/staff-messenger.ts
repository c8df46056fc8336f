import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Clock } from '#core';
import { notBeforeQuietHoursEnd } from '../contacts/quiet-hours.js';
import type { MessageContent } from '../content/message-content.js';
import type { PersonalChannel } from '../entities/staff-contact.entity.js';
import type { Urgency } from '../entities/outbound-message.entity.js';
import { MessagingConfig } from '../messaging-config.js';
import { MessageOutbox, type NewOutboundMessage } from './message-outbox.js';

interface ReachableStaff {
  userId: string;
  displayName: string;
  timezone: string;
  email: string | null;
  mobile: string | null;
  preferredChannel: PersonalChannel;
  quietFrom: string | null;
  quietUntil: string | null;
}

export interface StaffMessage {
  schoolId: string;
  recipientIds: string[];
  kind: string;
  urgency: Urgency;
  /** Per recipient: what this message to them tells of (`alert-page:<id>`), queued once per channel. */
  dedupeKey: (recipientId: string) => string;
  entityType?: string;
  entityId?: string;
  occurredAt: Date;
  content: (recipient: { userId: string; displayName: string }) => MessageContent;
}

/** Who got it on which channels; a recipient with none has no verified address on a channel that is on. */
export type StaffDelivery = Map<string, PersonalChannel[]>;

/**
 * Sends to staff members on the channels their contact details allow: a page on every verified
 * channel, anything else on the preferred one (or the other when it is not verified), a normal
 * message held to the end of the recipient's quiet hours. Unverified addresses are never used.
 */
@Injectable()
export class StaffMessenger {
  constructor(
    private readonly outbox: MessageOutbox,
    private readonly config: MessagingConfig,
    private readonly clock: Clock,
  ) {}

  /** Queues the message for active members of the school only, in the caller's transaction. */
  async send(manager: EntityManager, message: StaffMessage): Promise<StaffDelivery> {
    const [delivered] = await this.sendMany(manager, [message]);
    return delivered;
  }

  /** Several messages in two statements, however many recipients: one read of contact details, one insert. */
  async sendMany(manager: EntityManager, messages: StaffMessage[]): Promise<StaffDelivery[]> {
    const now = this.clock.now();
    const wanted = messages.flatMap((m) => m.recipientIds.map((id) => ({ id, schoolId: m.schoolId })));
    const staff = wanted.length === 0 ? [] : await manager.query<(ReachableStaff & { schoolId: string })[]>(
      `SELECT u.id AS "userId", u.school_id AS "schoolId", u.display_name AS "displayName", s.timezone,
              CASE WHEN c.email_verified_at IS NOT NULL THEN c.email END AS email,
              CASE WHEN c.mobile_verified_at IS NOT NULL THEN c.mobile END AS mobile,
              COALESCE(c.preferred_channel, 'sms') AS "preferredChannel",
              to_char(c.quiet_from, 'HH24:MI') AS "quietFrom", to_char(c.quiet_until, 'HH24:MI') AS "quietUntil"
         FROM users u JOIN schools s ON s.id = u.school_id LEFT JOIN staff_contacts c ON c.user_id = u.id
        WHERE u.id = ANY($1) AND u.active`,
      [[...new Set(wanted.map((w) => w.id))]],
    );
    const byId = new Map(staff.map((person) => [person.userId, person]));
    const rows: NewOutboundMessage[] = [];
    const deliveries = messages.map((message) => {
      const delivered: StaffDelivery = new Map();
      for (const recipientId of new Set(message.recipientIds)) {
        const person = byId.get(recipientId);
        // Only members of the message's school: an id from elsewhere is never reached.
        if (!person || person.schoolId !== message.schoolId) continue;
        const channels = this.channelsFor(person, message.urgency);
        delivered.set(person.userId, channels);
        if (channels.length === 0) continue;
        const content = message.content(person);
        const quiet = person.quietFrom && person.quietUntil ? { from: person.quietFrom, until: person.quietUntil } : null;
        const notBefore = message.urgency === 'normal' ? notBeforeQuietHoursEnd(now, person.timezone, quiet) : now;
        for (const channel of channels) {
          rows.push({
            schoolId: message.schoolId,
            recipientId: person.userId,
            channel,
            address: (channel === 'email' ? person.email : person.mobile) as string,
            kind: message.kind,
            urgency: message.urgency,
            dedupeKey: message.dedupeKey(person.userId),
            entityType: message.entityType,
            entityId: message.entityId,
            occurredAt: message.occurredAt,
            content,
            notBefore,
          });
        }
      }
      return delivered;
    });
    await this.outbox.enqueue(manager, rows, now);
    return deliveries;
  }

  private channelsFor(person: ReachableStaff, urgency: Urgency): PersonalChannel[] {
    const usable = (['sms', 'email'] as const).filter((channel) =>
      channel === 'email' ? person.email && this.config.emailConfigured() : person.mobile && this.config.smsConfigured(),
    );
    if (urgency === 'page') return usable;
    const preferred = usable.find((channel) => channel === person.preferredChannel) ?? usable[0];
    return preferred ? [preferred] : [];
  }
}
