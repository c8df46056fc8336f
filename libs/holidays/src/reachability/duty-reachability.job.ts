import { randomBytes } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { Cron, CronExpression } from '@nestjs/schedule';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { Clock } from '#core';
import { AuditService } from '#audit';
import { MessagingConfig, StaffMessenger, type StaffMessage } from '#messaging';
import { NotificationRepository } from '#notifications';
import { reachabilityTestMessage, unconfirmedOfficerMessage } from './reachability-messages.js';
import { hashReachabilityToken, ReachabilityCheckRepository, type SendableCheck, type UntoldCheck } from './reachability-check.repository.js';
import type { ChannelsOn } from './reachability.sql.js';

export interface ReachabilityRun {
  /** Checks created for officers newly due one. */
  created: number;
  /** Test messages sent (one per check, on each of its officer's verified channels). */
  sent: number;
  /** Officers the administrators were told about (unconfirmed 24 hours before their first shift). */
  told: number;
}

const BATCH_SIZE = 200;

/**
 * The duty roster's reachability checks. From 7 days before a holiday's first rostered shift,
 * each officer on its roster gets a check and a test message on every verified channel (urgency
 * `page`, held through the officer's quiet hours) with a one-tap link `/r/{token}`; an officer
 * without a verified channel gets it once they have one. An officer still unconfirmed 24 hours before their first shift of the holiday is news
 * for the administrators, once. Every step is safe on several instances and when repeated: the
 * (holiday, officer) key, SKIP LOCKED, and marks set in the transaction that sends.
 */
@Injectable()
export class DutyReachabilityJob {
  private readonly logger = new Logger(DutyReachabilityJob.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly checks: ReachabilityCheckRepository,
    private readonly messenger: StaffMessenger,
    private readonly notifications: NotificationRepository,
    private readonly audit: AuditService,
    private readonly config: MessagingConfig,
    private readonly clock: Clock,
  ) {}

  @Cron(CronExpression.EVERY_5_MINUTES, { name: 'duty-reachability', disabled: process.env.JOBS_ENABLED === 'false' })
  async tick(): Promise<void> {
    try {
      const run = await this.run();
      if (run.created + run.sent + run.told > 0) this.logger.log({ msg: 'Duty reachability checks', ...run });
    } catch (error) {
      // The next tick tries again; what was done stays done.
      this.logger.error({ msg: 'Duty reachability checks failed', error: error instanceof Error ? error.message : String(error) });
    }
  }

  /** One pass at the clock's now. */
  async run(): Promise<ReachabilityRun> {
    const now = this.clock.now();
    const created = await this.dataSource.transaction((manager) => this.checks.createMissing(manager, now));
    const sent = await this.inBatches(() => this.sendDue(now));
    const told = await this.inBatches(() => this.tellDue(now));
    return { created, sent, told };
  }

  /** Batches until one is not full; one that did nothing ends it too, so that rows it could not handle are not read forever. */
  private async inBatches(batch: () => Promise<{ seen: number; done: number }>): Promise<number> {
    let total = 0;
    for (;;) {
      const { seen, done } = await batch();
      total += done;
      if (seen < BATCH_SIZE || done === 0) return total;
    }
  }

  /** One batch of test messages, each with a fresh link whose hash is recorded with where it went. */
  private sendDue(now: Date): Promise<{ seen: number; done: number }> {
    const on: ChannelsOn = { email: this.config.emailConfigured(), sms: this.config.smsConfigured() };
    if (!on.email && !on.sms) return Promise.resolve({ seen: 0, done: 0 });
    return this.dataSource.transaction(async (manager) => {
      const due = await this.checks.sendable(manager, now, on, BATCH_SIZE);
      const tokens = new Map(due.map((check) => [check.id, randomBytes(24).toString('base64url')]));
      const deliveries = await this.messenger.sendMany(manager, due.map((check) => this.testMessage(check, tokens.get(check.id)!, now)));
      const sent = due
        .map((check, i) => ({ check, channels: deliveries[i].get(check.officerId) ?? [] }))
        .filter(({ channels }) => channels.length > 0);
      await this.checks.markSent(manager, sent.map(({ check, channels }) => ({ id: check.id, tokenHash: hashReachabilityToken(tokens.get(check.id)!), channels })), now);
      for (const schoolId of new Set(sent.map(({ check }) => check.schoolId))) {
        await this.audit.recordMany(manager, { schoolId }, sent.filter(({ check }) => check.schoolId === schoolId).map(({ check, channels }) => ({
          action: 'duty_reachability.send',
          entityType: 'duty_reachability_check',
          entityId: check.id,
          reason: `test message to the officer on ${channels.join(', ')}`,
        })));
      }
      return { seen: due.length, done: sent.length };
    });
  }

  private testMessage(check: SendableCheck, token: string, now: Date): StaffMessage {
    return {
      schoolId: check.schoolId,
      recipientIds: [check.officerId],
      kind: 'duty.reachability_check',
      urgency: 'page',
      dedupeKey: (officerId) => `duty-reachability:${check.id}:${officerId}`,
      entityType: 'duty_reachability_check',
      entityId: check.id,
      occurredAt: now,
      content: () => reachabilityTestMessage({ link: `${this.config.publicOrigin()}/r/${token}`, holidayName: check.holidayName, dutyDate: check.dutyDate, shift: check.shift }),
    };
  }

  /** One batch of officers unconfirmed 24 hours before their first shift: the administrators hear of each once. */
  private tellDue(now: Date): Promise<{ seen: number; done: number }> {
    return this.dataSource.transaction(async (manager) => {
      const due = await this.checks.tellDue(manager, now, BATCH_SIZE);
      for (const check of due) await this.tellAdministrators(manager, check, now);
      return { seen: due.length, done: due.length };
    });
  }

  private async tellAdministrators(manager: EntityManager, check: UntoldCheck, now: Date): Promise<void> {
    const admins = await this.notifications.notifyRoles(manager, check.schoolId, ['admin'], {
      kind: 'duty.officer_unconfirmed',
      title: check.sent
        ? 'A duty officer has not confirmed they are reachable 24 hours before their first shift; reach them or change the roster'
        : 'A duty officer has no verified contact details 24 hours before their first shift; reach them or change the roster',
      entityType: 'duty_shift',
      entityId: check.shiftId,
    });
    await this.messenger.send(manager, {
      schoolId: check.schoolId,
      recipientIds: admins,
      kind: 'duty.officer_unconfirmed',
      urgency: 'urgent',
      dedupeKey: (adminId) => `duty-unconfirmed:${check.id}:${adminId}`,
      entityType: 'duty_shift',
      entityId: check.shiftId,
      occurredAt: now,
      content: () => unconfirmedOfficerMessage({ link: `${this.config.publicOrigin()}/console`, officerName: check.officerName, sent: check.sent, dutyDate: check.dutyDate, shift: check.shift }),
    });
  }
}
