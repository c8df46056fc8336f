import { Inject, Injectable, Logger } from '@nestjs/common';
import { Cron } from '@nestjs/schedule';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { Clock } from '#core';
import { FieldCipher } from '#crypto';
import { MESSAGE_CHANNELS, type MessageChannel } from '../channels/message-channel.js';
import { notBeforeQuietHoursEnd } from '../contacts/quiet-hours.js';
import type { MessageContent } from '../content/message-content.js';
import type { Channel } from '../entities/outbound-message.entity.js';
import { DeadLetters } from './dead-letters.js';
import { type ClaimedMessage, MessageDeliveryRepository } from './message-delivery.repository.js';
import { contentBinding } from './message-outbox.js';
import { errorCodeOf, retryDelayMs } from './retry-policy.js';

const BATCH_SIZE = 20;
/** Longer than a batch can take (each send times out well within it): a row still leased after this died with its instance. */
const LEASE_MS = 2 * 60_000;

export interface MessageRunResult {
  sent: number;
  failed: number;
  dead: number;
}

/**
 * Hands the outbox to the channels every ten seconds (a page must not wait a minute), a batch at
 * a time, the batch's messages in parallel. At least once per row; never two instances on one row
 * at the same time (see MessageDeliveryRepository.claimDue).
 */
@Injectable()
export class MessageDeliveryJob {
  private readonly logger = new Logger(MessageDeliveryJob.name);
  private readonly channels: Map<Channel, MessageChannel>;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly deliveries: MessageDeliveryRepository,
    @Inject(MESSAGE_CHANNELS) channels: MessageChannel[],
    private readonly cipher: FieldCipher,
    private readonly deadLetters: DeadLetters,
    private readonly clock: Clock,
  ) {
    this.channels = new Map(channels.map((c) => [c.channel, c]));
  }

  @Cron('*/10 * * * * *', { name: 'message-delivery', disabled: process.env.JOBS_ENABLED === 'false' })
  async tick(): Promise<void> {
    const { sent, failed, dead } = await this.run();
    if (failed > 0) this.logger.warn({ msg: 'Message deliveries failed', sent, failed, dead });
  }

  /** Sends what is due at the clock's now, batch after batch, until nothing is left. */
  async run(): Promise<MessageRunResult> {
    const result: MessageRunResult = { sent: 0, failed: 0, dead: 0 };
    for (;;) {
      const now = this.clock.now();
      const claimed = await this.deliveries.claimDue(now, new Date(now.getTime() + LEASE_MS), BATCH_SIZE);
      const outcomes = await Promise.all(claimed.map((message) => this.deliver(message)));
      for (const outcome of outcomes) result[outcome] += 1;
      // Failed rows were rescheduled into the future, so the loop ends.
      if (claimed.length < BATCH_SIZE) return result;
    }
  }

  private async deliver(message: ClaimedMessage): Promise<keyof MessageRunResult> {
    const startedAt = this.clock.now();
    let error: string | null = null;
    try {
      if (message.leaseLost) throw Object.assign(new Error('lease expired'), { code: 'lease_expired' });
      const channel = this.channels.get(message.channel);
      if (!channel) throw Object.assign(new Error('channel off'), { code: 'channel_not_configured' });
      const content = JSON.parse(this.cipher.decrypt(message.content, contentBinding(message.id))) as MessageContent;
      await channel.send({ id: message.id, schoolId: message.schoolId, address: message.address, kind: message.kind, content, attempt: message.attempts });
    } catch (caught) {
      error = errorCodeOf(caught);
    }
    const finishedAt = this.clock.now();
    const givenUp = error !== null && message.attempts >= message.maxAttempts;
    const retryAt = error === null || givenUp ? null : this.retryAt(message, finishedAt);
    const { content: _content, ...described } = message;
    await this.dataSource.transaction(async (manager) => {
      const recorded = await this.deliveries.record(manager, message, { startedAt, finishedAt, error, retryAt });
      if (recorded && givenUp) await this.followUp(manager, described, finishedAt);
    });
    if (givenUp) this.logger.error({ msg: 'Message given up on', messageId: message.id, kind: message.kind, channel: message.channel, error });
    return error === null ? 'sent' : givenUp ? 'dead' : 'failed';
  }

  /** After the back-off; a normal message also after the recipient's quiet hours, as its first attempt was. */
  private retryAt(message: ClaimedMessage, failedAt: Date): Date {
    const afterBackOff = new Date(failedAt.getTime() + retryDelayMs(message.urgency, message.attempts));
    if (message.urgency !== 'normal' || !message.quietFrom || !message.quietUntil) return afterBackOff;
    return notBeforeQuietHoursEnd(afterBackOff, message.timezone, { from: message.quietFrom, until: message.quietUntil });
  }

  /**
   * The dead letter's follow-up, in a savepoint: a handler that fails is logged and undone, and
   * the message is still recorded dead (else it would come back every lease, failing again).
   */
  private async followUp(manager: EntityManager, message: Omit<ClaimedMessage, 'content'>, at: Date): Promise<void> {
    try {
      // A nested transaction is a savepoint: rolled back, it takes its audit entries along too.
      await manager.transaction((inner) => this.deadLetters.handle(inner, message, at));
    } catch (error) {
      this.logger.error({ msg: 'Dead-letter follow-up failed', messageId: message.id, kind: message.kind, error: errorCodeOf(error) });
    }
  }
}
