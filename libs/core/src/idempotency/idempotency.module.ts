import { Injectable, Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { Cron, CronExpression } from '@nestjs/schedule';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Clock } from '../clock/clock.js';
import { IdempotencyKey } from './idempotency-key.entity.js';
import { IdempotencyInterceptor } from './idempotency.interceptor.js';
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

@Module({
  imports: [TypeOrmModule.forFeature([IdempotencyKey])],
  providers: [IdempotencyRepository, IdempotencyCleanupJob, { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor }],
  exports: [IdempotencyCleanupJob],
})
export class IdempotencyModule {}
