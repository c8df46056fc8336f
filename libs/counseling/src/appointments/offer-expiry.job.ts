import { Injectable, Logger } from '@nestjs/common';
import { Cron, CronExpression } from '@nestjs/schedule';
import { WaitlistService } from './waitlist.service.js';

/**
 * Releases held slots nobody confirmed in time and passes each to the next request in line (or
 * frees it when nobody waits behind). Idempotent, and safe on several instances (SKIP LOCKED).
 */
@Injectable()
export class OfferExpiryJob {
  private readonly logger = new Logger(OfferExpiryJob.name);

  constructor(private readonly waitlist: WaitlistService) {}

  @Cron(CronExpression.EVERY_MINUTE, { name: 'counseling-offer-expiry', disabled: process.env.JOBS_ENABLED === 'false' })
  async tick(): Promise<void> {
    const released = await this.run();
    if (released > 0) this.logger.log({ msg: 'Released expired slot offers', count: released });
  }

  /** Batch after batch until no expired hold is left; the number released. */
  async run(): Promise<number> {
    let released = 0;
    for (let batch = await this.waitlist.passOnExpired(); batch > 0; batch = await this.waitlist.passOnExpired()) released += batch;
    return released;
  }
}
