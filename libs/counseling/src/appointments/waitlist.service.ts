import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { Clock } from '#core';
import { type AuditActor, AuditService } from '#audit';
import { NotificationRepository } from '#notifications';
import { CounselingSettingsRepository } from '../settings/counseling-settings.repository.js';
import { overlapOf } from './overlap-guard.js';
import { AppointmentRepository, type AppointmentRow } from './appointment.repository.js';
import { type FreedSlot, type LinePlace, type ReleasedOffer, WaitlistRepository } from './waitlist.repository.js';

/**
 * The waitlist: requests no slot was found for wait in order of arrival. A freed slot is held
 * (`offered`) for the first of them for the school's hold time and the counselor is told; the
 * counselor confirms it, or the hold is released and the request waits again. A hold that
 * expires passes the slot on to the next request behind it in line.
 */
@Injectable()
export class WaitlistService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly waitlist: WaitlistRepository,
    private readonly appointments: AppointmentRepository,
    private readonly settings: CounselingSettingsRepository,
    private readonly notifications: NotificationRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /**
   * The time a session or hold kept, now freed by it (cancelled, rescheduled, released, declined),
   * goes to the first waiting request other than this one, inside the caller's transaction.
   */
  async offerTimeFreedBy(
    manager: EntityManager,
    actor: AuditActor,
    row: Pick<AppointmentRow, 'id' | 'schoolId' | 'status' | 'counselorId' | 'startsAt' | 'endsAt' | 'mode' | 'place'>,
  ): Promise<string | null> {
    if (!['scheduled', 'offered'].includes(row.status) || !row.counselorId || !row.startsAt || !row.endsAt || !row.mode) return null;
    return this.offerFreedSlot(
      manager,
      actor,
      { schoolId: row.schoolId, counselorId: row.counselorId, startsAt: row.startsAt, endsAt: row.endsAt, mode: row.mode, place: row.place },
      { excludeId: row.id },
    );
  }

  /** Offers a slot freed inside the caller's transaction; the request now holding it, or null. */
  async offerFreedSlot(
    manager: EntityManager,
    actor: AuditActor,
    slot: FreedSlot,
    line: { excludeId?: string | null; behind?: LinePlace | null } = {},
  ): Promise<string | null> {
    const now = this.clock.now();
    if (slot.startsAt.getTime() <= now.getTime()) return null;
    // A booking of this counselor holding their calendar may be waiting for this very transaction
    // (for the slot it frees): waiting for it in turn would deadlock, so the slot is simply free then.
    if (!(await this.appointments.tryLockCalendar(manager, slot.counselorId))) return null;
    const { offerHoldHours } = await this.settings.find(manager, slot.schoolId);
    const until = new Date(Math.min(now.getTime() + offerHoldHours * 3_600_000, slot.startsAt.getTime()));
    // A booking committing for the same student at this moment may beat the hold: then nobody is
    // offered the slot, and the cancellation itself still stands.
    await manager.query('SAVEPOINT waitlist_offer');
    let offered: { id: string; studentId: string } | null;
    try {
      offered = await this.waitlist.offerToFirstWaiting(manager, slot, { until, at: now, excludeId: line.excludeId ?? null, behind: line.behind });
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
   * One batch of the expiry job, in a transaction of its own: expired holds go back to waiting
   * and each slot still ahead is held for the next request behind the expired one in line (never
   * back up the line, so two waiting requests cannot pass a slot to and fro). The number released;
   * SKIP LOCKED keeps instances running at once on disjoint holds, and a hold is released once.
   */
  async passOnExpired(limit?: number): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const released = await this.waitlist.releaseExpired(manager, this.clock.now(), limit);
      await this.recordExpiries(manager, released);
      for (const hold of released) {
        await this.offerFreedSlot(manager, { schoolId: hold.schoolId }, hold, { excludeId: hold.id, behind: hold });
      }
      return released.length;
    });
  }

  /**
   * Before a booking, the expired holds in its way (its counselor's or student's, overlapping
   * its time) go back to waiting, so they never block it. Their time is not passed on: the
   * booking is about to take it. The job passes on every other expired hold.
   */
  async releaseExpiredInTheWayOf(booking: { counselorId: string; studentId: string; startsAt: Date; endsAt: Date }): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const released = await this.waitlist.releaseExpiredInTheWay(manager, this.clock.now(), booking);
      await this.recordExpiries(manager, released);
      return released.length;
    });
  }

  private async recordExpiries(manager: EntityManager, released: ReleasedOffer[]): Promise<void> {
    const bySchool = new Map<string, ReleasedOffer[]>();
    for (const offer of released) bySchool.set(offer.schoolId, [...(bySchool.get(offer.schoolId) ?? []), offer]);
    for (const [schoolId, offers] of bySchool) {
      await this.audit.recordMany(
        manager,
        { schoolId },
        offers.map((o) => ({ action: 'appointment.offer_expire', entityType: 'appointment', entityId: o.id, studentId: o.studentId, changedFields: ['status'] })),
      );
    }
  }
}
