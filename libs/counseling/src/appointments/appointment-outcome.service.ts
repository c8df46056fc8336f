import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { Clock } from '#core';
import type { Caller } from '#access';
import { AuditService } from '#audit';
import { FieldCipher } from '#crypto';
import { cancellationReasonBinding } from './appointment-query.service.js';
import { appointmentNotFound, appointmentVersionConflict, illegalAppointmentAction, notStarted } from './appointment-problems.js';
import { type AppointmentAction, allowedActions, type AppointmentStatus, nextStatus } from './appointment-status.js';
import { type AppointmentChanges, AppointmentRepository, type AppointmentRow } from './appointment.repository.js';
import { NoShowFollowUp } from './no-show-follow-up.js';
import { RequesterNotices } from './requester-notices.js';
import { WaitlistService } from './waitlist.service.js';

type Ending = 'cancel' | 'decline' | 'withdraw';

/**
 * Everything that ends a request or a session, or records how a session went. Each move is the
 * state machine's, applied only at the version the caller saw; a slot freed ahead of time goes
 * to the waitlist in the same transaction.
 */
@Injectable()
export class AppointmentOutcomeService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly appointments: AppointmentRepository,
    private readonly waitlist: WaitlistService,
    private readonly noShows: NoShowFollowUp,
    private readonly notices: RequesterNotices,
    private readonly audit: AuditService,
    private readonly cipher: FieldCipher,
    private readonly clock: Clock,
  ) {}

  /** Cancel a session, decline a request, or (the teacher who asked) withdraw one; who and why are kept. */
  async end(caller: Caller, appointmentId: string, ending: Ending, version: number, reason: string | null): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const { row, to } = await this.reachable(manager, caller, appointmentId, ending);
      // Its freed time may go to the waitlist: the calendars first, as every booking takes them.
      await this.appointments.lockCalendars(manager, [row.counselorId, row.studentId]);
      const at = this.clock.now();
      await this.apply(manager, row, version, {
        status: to,
        // A request declined while waiting for anyone is the declining counselor's from now on.
        counselorId: ending === 'decline' ? (row.counselorId ?? caller.userId) : undefined,
        cancelledBy: caller.userId,
        cancelledAt: at,
        cancellationReason: reason ? this.cipher.encrypt(reason, cancellationReasonBinding(row.id)) : null,
        offerExpiresAt: null,
      });
      await this.waitlist.offerTimeFreedBy(manager, caller, row);
      if (ending !== 'withdraw') await this.notices.tell(manager, row, ending === 'cancel' ? 'appointment.cancelled' : 'appointment.declined', caller.userId);
      await this.audit.record(manager, caller, {
        action: `appointment.${ending}`,
        entityType: 'appointment',
        entityId: row.id,
        studentId: row.studentId,
        changedFields: reason ? ['status', 'cancellationReason'] : ['status'],
      });
    });
  }

  /** The counselor lets a held slot go: the request waits again and the slot goes to the next in line. */
  async releaseOffer(caller: Caller, appointmentId: string, version: number): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const { row } = await this.reachable(manager, caller, appointmentId, 'release_offer');
      await this.appointments.lockCalendars(manager, [row.counselorId, row.studentId]);
      await this.apply(manager, row, version, {
        status: 'requested',
        counselorId: row.requestedCounselorId,
        startsAt: null,
        endsAt: null,
        mode: null,
        place: null,
        offerExpiresAt: null,
      });
      await this.waitlist.offerTimeFreedBy(manager, caller, row);
      await this.audit.record(manager, caller, { action: 'appointment.release_offer', entityType: 'appointment', entityId: row.id, studentId: row.studentId, changedFields: ['status'] });
    });
  }

  async complete(caller: Caller, appointmentId: string, version: number): Promise<void> {
    await this.recordOutcome(caller, appointmentId, version, 'complete');
  }

  /** Records a missed session, with its alert (high or critical risk) and follow-up, in one transaction. */
  async markNoShow(caller: Caller, appointmentId: string, version: number): Promise<void> {
    await this.recordOutcome(caller, appointmentId, version, 'mark_no_show');
  }

  private async recordOutcome(caller: Caller, appointmentId: string, version: number, action: 'complete' | 'mark_no_show'): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const { row, to } = await this.reachable(manager, caller, appointmentId, action);
      const at = this.clock.now();
      if (!row.startsAt || row.startsAt.getTime() > at.getTime()) throw notStarted();
      await this.apply(manager, row, version, { status: to, outcomeRecordedAt: at });
      if (action === 'mark_no_show') await this.noShows.handle(manager, caller, { ...row, counselorId: row.counselorId as string }, at);
      await this.audit.record(manager, caller, { action: `appointment.${action}`, entityType: 'appointment', entityId: row.id, studentId: row.studentId, changedFields: ['status'] });
    });
  }

  private async reachable(manager: EntityManager, caller: Caller, appointmentId: string, action: AppointmentAction): Promise<{ row: AppointmentRow; to: AppointmentStatus }> {
    const row = await this.appointments.findReachable(manager, caller, appointmentId);
    if (!row) throw appointmentNotFound();
    const to = nextStatus(row.status, action);
    if (!to) throw illegalAppointmentAction(row.status, action, allowedActions(row.status));
    return { row, to };
  }

  private async apply(manager: EntityManager, row: AppointmentRow, version: number, changes: AppointmentChanges): Promise<void> {
    const applied = await this.appointments.updateIfCurrent(manager, { id: row.id, version, from: [row.status] }, changes, this.clock.now());
    if (applied === null) throw appointmentVersionConflict();
  }
}
