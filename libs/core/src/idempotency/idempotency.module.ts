import { Global, Injectable, Module } from '@nestjs/common';
import { Cron, CronExpression } from '@nestjs/schedule';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Clock } from '../clock/clock.js';
import { IdempotencyKey } from './idempotency-key.entity.js';
import { IdempotencyRepository } from './idempotency.repository.js';

/** Deletes answers past their day; a plain DELETE, so several instances may run it at once. */
@Injectable()
export class IdempotencyCleanupJob {
  constructor(
    private readonly keys: IdempotencyRepository,
    private readonly clock: Clock,
  ) {}

  @Cron(CronExpression.EVERY_HOUR, { name: 'idempotency-cleanup', disabled: process.env.JOBS_ENABLED === 'false' })
  async deleteExpired(): Promise<number> {
    return this.keys.deleteExpired(this.clock.now());
  }
}

/**
 * Global so that the interceptor `@Post` (post.decorator.ts) puts on each POST route finds its
 * repository in whichever module the route lives.
 */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature([IdempotencyKey])],
  providers: [IdempotencyRepository, IdempotencyCleanupJob],
  exports: [IdempotencyCleanupJob, IdempotencyRepository],
})
export class IdempotencyModule {}
