import type { DataSource } from 'typeorm';
import { SystemClock } from '#core';
import { auditServiceFromEnvironment } from '#audit';
import { ReminderSweepRepository, ReminderSweepService } from '#reminders';

/**
 * One reminder sweep now, as the scheduled job does it every five minutes: for an operator after
 * a calendar change, and for the README walkthrough. Safe beside running instances.
 */
export async function sweepRemindersCommand(dataSource: DataSource): Promise<string> {
  const clock = new SystemClock();
  const sweep = new ReminderSweepService(dataSource, new ReminderSweepRepository(), auditServiceFromEnvironment(dataSource, clock), clock);
  const { created, completed, woken, escalated } = await sweep.run();
  return `Reminder sweep: ${created} created, ${completed} closed as done, ${woken} back from snooze, ${escalated} escalated`;
}
