import { Injectable, Logger } from '@nestjs/common';
import { Cron, CronExpression } from '@nestjs/schedule';
import { WaitlistService } from './waitlist.service.js';

/** Releases held slots nobody confirmed in time, so calendars show them free again. Safe on several instances (SKIP LOCKED). */
@Injectable()
export class OfferExpiryJob {
  private readonly logger = new Logger(OfferExpiryJob.name);

  constructor(private readonly waitlist: WaitlistService) {}

  @Cron(CronExpression.EVERY_MINUTE, { name: 'counseling-offer-expiry', disabled: process.env.JOBS_ENABLED === 'false' })
  async tick(): Promise<void> {
    let released = 0;
    for (let batch = await this.waitlist.releaseExpired(); batch > 0; batch = await this.waitlist.releaseExpired()) released += batch;
    if (released > 0) this.logger.log({ msg: 'Released expired slot offers', count: released });
  }
}
