import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { Clock } from '#core';
import { type AuditActor, AuditService } from '#audit';
import { NotificationRepository } from '#notifications';
import { CounselingSettingsRepository } from '../settings/counseling-settings.repository.js';
import { overlapOf } from './overlap-guard.js';
import { type FreedSlot, WaitlistRepository } from './waitlist.repository.js';

/**
 * The waitlist: requests no slot was found for wait in order of arrival. A freed slot is held
 * (`offered`) for the first of them for the school's hold time and the counselor is told; the
 * counselor confirms it, or the hold is released and the request waits again.
 */
@Injectable()
export class WaitlistService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly waitlist: WaitlistRepository,
    private readonly settings: CounselingSettingsRepository,
    private readonly notifications: NotificationRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** Offers a slot freed inside the caller's transaction; the request now holding it, or null. */
  async offerFreedSlot(manager: EntityManager, actor: AuditActor, slot: FreedSlot, excludeId: string | null = null): Promise<string | null> {
    const now = this.clock.now();
    if (slot.startsAt.getTime() <= now.getTime()) return null;
    const { offerHoldHours } = await this.settings.find(manager, slot.schoolId);
    const until = new Date(Math.min(now.getTime() + offerHoldHours * 3_600_000, slot.startsAt.getTime()));
    // A booking committing for the same student at this moment may beat the hold: then nobody is
    // offered the slot, and the cancellation itself still stands.
    await manager.query('SAVEPOINT waitlist_offer');
    let offered: { id: string; studentId: string } | null;
    try {
      offered = await this.waitlist.offerToFirstWaiting(manager, slot, { until, at: now, excludeId });
      await manager.query('RELEASE SAVEPOINT waitlist_offer');
    } catch (error) {
      if (!overlapOf(error)) throw error;
      await manager.query('ROLLBACK TO SAVEPOINT waitlist_offer');
      return null;
    }
    if (!offered) return null;
    await this.notifications.notifyUser(manager, slot.schoolId, slot.counselorId, {
      kind: 'appointment.offered',
      title: 'A freed slot is held for a waiting request: confirm it before the hold ends',
      entityType: 'appointment',
      entityId: offered.id,
    });
    await this.audit.record(manager, actor, {
      action: 'appointment.offer',
      entityType: 'appointment',
      entityId: offered.id,
      studentId: offered.studentId,
      changedFields: ['status', 'startsAt', 'endsAt', 'counselorId'],
    });
    return offered.id;
  }

  /**
   * Sends expired holds back to waiting, in a transaction of its own; limited to a counselor's
   * and a student's before a booking, so an expired hold never blocks it.
   */
  async releaseExpired(only: { counselorId?: string; studentId?: string } = {}): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const released = await this.waitlist.releaseExpired(manager, this.clock.now(), only);
      const bySchool = new Map<string, typeof released>();
      for (const offer of released) bySchool.set(offer.schoolId, [...(bySchool.get(offer.schoolId) ?? []), offer]);
      for (const [schoolId, offers] of bySchool) {
        await this.audit.recordMany(
          manager,
          { schoolId },
          offers.map((o) => ({ action: 'appointment.offer_expire', entityType: 'appointment', entityId: o.id, studentId: o.studentId, changedFields: ['status'] })),
        );
      }
      return released.length;
    });
  }
}
