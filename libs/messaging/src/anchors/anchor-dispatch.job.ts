import { Injectable, Logger } from '@nestjs/common';
import { Cron, CronExpression } from '@nestjs/schedule';
import { AnchorDispatchService } from './anchor-dispatch.service.js';

/**
 * Sends each school's audit anchor on its occasions (the day before a holiday, the week after a
 * term) without anyone remembering. Hourly on every instance: the unique (school, occasion) claim
 * makes each occasion go out once, and a run after downtime still finds it within its span.
 */
@Injectable()
export class AnchorDispatchJob {
  private readonly logger = new Logger(AnchorDispatchJob.name);

  constructor(private readonly dispatches: AnchorDispatchService) {}

  @Cron(CronExpression.EVERY_HOUR, { name: 'audit-anchor-dispatch', disabled: process.env.JOBS_ENABLED === 'false' })
  async tick(): Promise<void> {
    const sent = await this.run();
    if (sent > 0) this.logger.log({ msg: 'Sent audit anchors to their recipients', schools: sent });
  }

  run(): Promise<number> {
    return this.dispatches.dispatchDue();
  }
}
