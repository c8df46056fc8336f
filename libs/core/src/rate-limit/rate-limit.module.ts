import { Injectable, Module } from '@nestjs/common';
import { Cron, CronExpression } from '@nestjs/schedule';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Clock } from '../clock/clock.js';
import { RateLimitCount } from './rate-limit-count.entity.js';
import { RateLimitRepository } from './rate-limit.repository.js';

/** Drops the windows that have ended; a plain DELETE, so several instances may run it at once. */
@Injectable()
export class RateLimitCleanupJob {
  constructor(
    private readonly counts: RateLimitRepository,
    private readonly clock: Clock,
  ) {}

  @Cron(CronExpression.EVERY_5_MINUTES, { name: 'rate-limit-cleanup', disabled: process.env.JOBS_ENABLED === 'false' })
  async deleteExpired(): Promise<number> {
    return this.counts.deleteExpired(this.clock.now());
  }
}

/** The request counts behind the rate limits, shared by every instance (configureHttpApp uses them). */
@Module({
  imports: [TypeOrmModule.forFeature([RateLimitCount])],
  providers: [RateLimitRepository, RateLimitCleanupJob],
  exports: [RateLimitRepository, RateLimitCleanupJob],
})
export class RateLimitModule {}
