import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { Cron } from '@nestjs/schedule';
import { ReminderSweepService } from './reminder-sweep.service.js';

/**
 * Off with JOBS_ENABLED=false (every job) or REMINDER_SWEEP_ENABLED=false (this one), so that
 * production can sweep in some instances only; sweeping in several at once is safe anyway.
 */
export const reminderSweepEnabled = (env: NodeJS.ProcessEnv = process.env): boolean =>
  env.JOBS_ENABLED !== 'false' && env.REMINDER_SWEEP_ENABLED !== 'false';

/** Sweeps the reminder rules every five minutes, and once at boot to catch up after downtime. */
@Injectable()
export class ReminderSweepJob implements OnApplicationBootstrap {
  private readonly logger = new Logger(ReminderSweepJob.name);
  private running = false;

  constructor(private readonly sweep: ReminderSweepService) {}

  onApplicationBootstrap(): void {
    if (reminderSweepEnabled()) void this.tick();
  }

  @Cron('*/5 * * * *', { name: 'reminder-sweep', disabled: !reminderSweepEnabled() })
  async tick(): Promise<void> {
    // A slow sweep must not overlap the next tick of the same instance (other instances may run).
    if (this.running) return;
    this.running = true;
    try {
      const result = await this.sweep.run();
      if (result.created + result.completed + result.escalated > 0) this.logger.log({ msg: 'Reminder sweep', ...result });
    } catch (error) {
      // The next tick tries again; what was done stays done (every step is idempotent).
      this.logger.error({ msg: 'Reminder sweep failed', error: error instanceof Error ? error.message : String(error) });
    } finally {
      this.running = false;
    }
  }
}
