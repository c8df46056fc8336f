import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { Clock, validationProblem } from '#core';
import type { Caller } from '#access';
import { AuditService } from '#audit';
import { overlaps } from '../time/intervals.js';
import { appointmentNotFound, appointmentVersionConflict, illegalAppointmentAction, studentNotFound } from './appointment-problems.js';
import { type AppointmentAction, allowedActions, nextStatus } from './appointment-status.js';
import type { BookAppointmentDto, ConfirmAppointmentDto, RescheduleAppointmentDto } from './appointment.dtos.js';
import { AppointmentRepository, type AppointmentRow } from './appointment.repository.js';
import { CaseLinker } from './case-linker.js';
import { OverlapGuard } from './overlap-guard.js';
import { RequesterNotices } from './requester-notices.js';
import { parseSlot, type Slot, SlotPlacement } from './slot-placement.js';
import { WaitlistService } from './waitlist.service.js';

/**
 * Putting sessions into counselors' calendars: a counselor's own booking, confirming a request
 * (or a slot held for it), and moving a session to another time. Each checks availability, lets
 * the exclusion constraints refuse overlaps, links the student's open case and is audited.
 */
@Injectable()
export class BookingService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly appointments: AppointmentRepository,
    private readonly placement: SlotPlacement,
    private readonly overlaps: OverlapGuard,
    private readonly waitlist: WaitlistService,
    private readonly caseLinker: CaseLinker,
    private readonly notices: RequesterNotices,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** A counselor books a student into their own calendar; the new appointment's id. */
  async book(caller: Caller, dto: BookAppointmentDto): Promise<string> {
    const slot = parseSlot(dto.startsAt, dto.endsAt, this.clock.now());
    const id = randomUUID();
    await this.waitlist.releaseExpiredInTheWayOf({ counselorId: caller.userId, studentId: dto.studentId, ...slot });
    await this.overlaps.run({ counselorId: caller.userId, studentId: dto.studentId, slot }, async (manager) => {
      if (!(await this.appointments.findBookableStudent(manager, caller, dto.studentId))) throw studentNotFound();
      const placed = await this.placement.place(manager, caller.schoolId, caller.userId, slot, dto.mode);
      const at = this.clock.now();
      const openCase = await this.caseLinker.openCaseOf(manager, caller.schoolId, dto.studentId, caller.userId);
      await this.appointments.insert(manager, {
        id,
        schoolId: caller.schoolId,
        studentId: dto.studentId,
        counselorId: caller.userId,
        status: 'scheduled',
        ...slot,
        mode: placed.mode,
        place: dto.place ?? placed.place,
        requestedBy: caller.userId,
        requestedAt: null,
        requestedCounselorId: null,
        requestReason: null,
        preferredFrom: null,
        preferredTo: null,
        caseId: openCase?.id ?? null,
        rescheduledFrom: null,
        at,
      });
      await this.caseLinker.link(manager, openCase, { id, schoolId: caller.schoolId }, caller.userId, at);
      await this.audit.record(manager, caller, { action: 'appointment.book', entityType: 'appointment', entityId: id, studentId: dto.studentId });
    });
    return id;
  }

  /** A waiting request, or a slot held for it, becomes a scheduled session of the caller. */
  async confirm(caller: Caller, appointmentId: string, dto: ConfirmAppointmentDto): Promise<void> {
    const row = await this.reachable(caller, appointmentId, 'confirm');
    const slot = this.confirmedSlot(row, dto);
    await this.waitlist.releaseExpiredInTheWayOf({ counselorId: caller.userId, studentId: row.studentId, ...slot });
    await this.overlaps.run({ counselorId: caller.userId, studentId: row.studentId, slot }, async (manager) => {
      const held = row.status === 'offered' && !dto.startsAt;
      const placed = await this.placement.place(manager, caller.schoolId, caller.userId, slot, dto.mode ?? (held ? (row.mode ?? undefined) : undefined));
      const at = this.clock.now();
      const openCase = await this.caseLinker.openCaseOf(manager, caller.schoolId, row.studentId, caller.userId);
      const version = await this.appointments.updateIfCurrent(
        manager,
        { id: row.id, version: dto.version, from: ['requested', 'offered'] },
        {
          status: 'scheduled',
          counselorId: caller.userId,
          ...slot,
          mode: placed.mode,
          place: dto.place ?? (held ? row.place : placed.place),
          offerExpiresAt: null,
          caseId: openCase?.id ?? null,
        },
        at,
      );
      if (version === null) throw appointmentVersionConflict();
      await this.caseLinker.link(manager, openCase, row, caller.userId, at);
      await this.notices.tell(manager, row, 'appointment.scheduled', caller.userId);
      await this.audit.record(manager, caller, {
        action: 'appointment.confirm',
        entityType: 'appointment',
        entityId: row.id,
        studentId: row.studentId,
        changedFields: ['status', 'startsAt', 'endsAt', 'counselorId'],
      });
    });
  }

  /** Moves a scheduled session: it becomes `rescheduled`, linked to the new one; the new one's id. */
  async reschedule(caller: Caller, appointmentId: string, dto: RescheduleAppointmentDto): Promise<string> {
    const row = await this.reachable(caller, appointmentId, 'reschedule');
    const counselorId = row.counselorId as string;
    const slot = parseSlot(dto.startsAt, dto.endsAt, this.clock.now());
    const newId = randomUUID();
    await this.waitlist.releaseExpiredInTheWayOf({ counselorId, studentId: row.studentId, ...slot });
    await this.overlaps.run({ counselorId, studentId: row.studentId, slot }, async (manager) => {
      const placed = await this.placement.place(manager, caller.schoolId, counselorId, slot, dto.mode);
      const at = this.clock.now();
      // Out of the calendar first, so the new time may overlap the old one; linked once the new one exists.
      const moved = await this.appointments.updateIfCurrent(manager, { id: row.id, version: dto.version, from: ['scheduled'] }, { status: 'rescheduled' }, at);
      if (moved === null) throw appointmentVersionConflict();
      const openCase = await this.caseLinker.openCaseOf(manager, caller.schoolId, row.studentId, counselorId);
      await this.insertSuccessor(manager, row, newId, slot, { mode: placed.mode, place: dto.place ?? placed.place }, openCase?.id ?? null, at);
      await this.appointments.updateIfCurrent(manager, { id: row.id, version: moved, from: ['rescheduled'] }, { rescheduledTo: newId }, at);
      await this.caseLinker.link(manager, openCase, { id: newId, schoolId: caller.schoolId }, caller.userId, at);
      await this.notices.tell(manager, row, 'appointment.rescheduled', caller.userId, newId);
      // The old time goes to the waitlist as a cancelled one does; when the new time overlaps it,
      // only part of it is free and the session keeps the rest, so nothing is offered.
      if (!overlapsSession(row, slot)) await this.waitlist.offerTimeFreedBy(manager, caller, row);
      await this.audit.recordMany(manager, caller, [
        { action: 'appointment.reschedule', entityType: 'appointment', entityId: row.id, studentId: row.studentId, changedFields: ['status', 'rescheduledTo'] },
        { action: 'appointment.book', entityType: 'appointment', entityId: newId, studentId: row.studentId },
      ]);
    });
    return newId;
  }

  /** The session that replaces a rescheduled one keeps its request, for the teacher and the wait report. */
  private async insertSuccessor(manager: EntityManager, row: AppointmentRow, id: string, slot: Slot, placed: { mode: AppointmentRow['mode']; place: string | null }, caseId: string | null, at: Date) {
    await this.appointments.insert(manager, {
      id,
      schoolId: row.schoolId,
      studentId: row.studentId,
      counselorId: row.counselorId,
      status: 'scheduled',
      ...slot,
      mode: placed.mode,
      place: placed.place,
      requestedBy: row.requestedBy,
      requestedAt: row.requestedAt,
      requestedCounselorId: row.requestedCounselorId,
      requestReason: row.requestReason,
      preferredFrom: row.preferredFrom,
      preferredTo: row.preferredTo,
      caseId,
      rescheduledFrom: row.id,
      at,
    });
  }

  private confirmedSlot(row: AppointmentRow, dto: ConfirmAppointmentDto): Slot {
    if (dto.startsAt || dto.endsAt || row.status !== 'offered') {
      if (!dto.startsAt || !dto.endsAt) {
        throw validationProblem([{ field: dto.startsAt ? 'endsAt' : 'startsAt', message: 'is required to confirm a request into a slot' }]);
      }
      return parseSlot(dto.startsAt, dto.endsAt, this.clock.now());
    }
    return { startsAt: row.startsAt as Date, endsAt: row.endsAt as Date };
  }

  private async reachable(caller: Caller, appointmentId: string, action: AppointmentAction): Promise<AppointmentRow> {
    const row = await this.appointments.findReachable(this.dataSource.manager, caller, appointmentId);
    if (!row) throw appointmentNotFound();
    if (!nextStatus(row.status, action)) throw illegalAppointmentAction(row.status, action, allowedActions(row.status));
    return row;
  }
}

/** Whether the new slot overlaps the session's current time (half-open, as the constraints are). */
function overlapsSession(row: AppointmentRow, slot: Slot): boolean {
  if (!row.startsAt || !row.endsAt) return false;
  return overlaps({ start: row.startsAt.getTime(), end: row.endsAt.getTime() }, { start: slot.startsAt.getTime(), end: slot.endsAt.getTime() });
}
