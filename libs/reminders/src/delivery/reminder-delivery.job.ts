import { Inject, Injectable, Logger } from '@nestjs/common';
import { Cron, CronExpression } from '@nestjs/schedule';
import { Clock } from '#core';
import { type ClaimedDelivery, ReminderDeliveryRepository } from './reminder-delivery.repository.js';
import { REMINDER_SENDER, type ReminderSender } from './reminder-sender.js';

const BATCH_SIZE = 20;
/** Far longer than a batch should take: a row still leased after this is taken to have died with its instance. */
const LEASE_MS = 10 * 60_000;
const FIRST_RETRY_MS = 60_000;
const MAX_RETRY_MS = 3_600_000;

/** 1 min after the first failure, doubling, at most an hour. */
export function retryDelayMs(attempts: number): number {
  return Math.min(FIRST_RETRY_MS * 2 ** Math.max(0, attempts - 1), MAX_RETRY_MS);
}

/** An error's class or code only: its message may quote what was sent. */
export function errorCodeOf(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  const raw = typeof code === 'string' || typeof code === 'number' ? String(code) : error instanceof Error ? error.name : 'unknown';
  return raw.replace(/[^A-Za-z0-9_.:-]/g, '').slice(0, 100) || 'unknown';
}

export interface DeliveryRunResult {
  delivered: number;
  failed: number;
  /** Not sent: the reminder was done (or its notice already seen) before the row came up. */
  skipped: number;
}

/**
 * Hands the delivery outbox to the configured sender, at least once per row: rows are leased
 * before sending, so instances never send one row at the same time, and a crash between sending
 * and marking sends it again after the lease (receivers dedupe on the idempotency key).
 */
@Injectable()
export class ReminderDeliveryJob {
  private readonly logger = new Logger(ReminderDeliveryJob.name);

  constructor(
    private readonly deliveries: ReminderDeliveryRepository,
    @Inject(REMINDER_SENDER) private readonly sender: ReminderSender,
    private readonly clock: Clock,
  ) {}

  @Cron(CronExpression.EVERY_MINUTE, { name: 'reminder-delivery', disabled: process.env.JOBS_ENABLED === 'false' })
  async tick(): Promise<void> {
    const { delivered, failed } = await this.run();
    if (failed > 0) this.logger.warn({ msg: 'Reminder deliveries failed; will retry', delivered, failed });
  }

  /** Sends what is due at the clock's now, batch after batch, until nothing is left. */
  async run(): Promise<DeliveryRunResult> {
    const result: DeliveryRunResult = { delivered: 0, failed: 0, skipped: 0 };
    for (;;) {
      const now = this.clock.now();
      const leaseUntil = new Date(now.getTime() + LEASE_MS);
      const { claimed, taken } = await this.deliveries.claimDue(now, leaseUntil, BATCH_SIZE);
      result.skipped += taken - claimed.length;
      for (const delivery of claimed) {
        // A slow sender must not outlive the lease: another instance may have taken the rest.
        if (this.clock.now().getTime() >= leaseUntil.getTime()) return result;
        if (await this.deliver(delivery)) result.delivered += 1;
        else result.failed += 1;
      }
      // Failed rows were rescheduled into the future, so the loop ends.
      if (taken < BATCH_SIZE) return result;
    }
  }

  private async deliver(delivery: ClaimedDelivery): Promise<boolean> {
    try {
      await this.sender.send({
        idempotencyKey: delivery.id,
        event: delivery.event,
        schoolId: delivery.schoolId,
        reminderId: delivery.reminderId,
        recipientId: delivery.recipientId,
        ruleCode: delivery.ruleCode,
        dueAt: new Date(delivery.dueAt),
        attempt: delivery.attempts,
      });
    } catch (error) {
      const now = this.clock.now();
      await this.deliveries.markFailed(delivery, errorCodeOf(error), new Date(now.getTime() + retryDelayMs(delivery.attempts)));
      return false;
    }
    await this.deliveries.markDelivered(delivery.id, this.clock.now());
    return true;
  }
}
