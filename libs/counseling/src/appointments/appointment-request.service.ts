import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Clock, validationProblem } from '#core';
import type { Caller } from '#access';
import { AuditService } from '#audit';
import { NotificationRepository } from '#notifications';
import { AvailabilityRepository } from '../availability/availability.repository.js';
import { studentNotFound } from './appointment-problems.js';
import type { RequestAppointmentDto } from './appointment.dtos.js';
import { AppointmentRepository } from './appointment.repository.js';

/** How far ahead a teacher's preferred window may reach. */
const MAX_WINDOW_DAYS = 90;

/**
 * A class teacher asks for a session for a student of their class. The request waits on the
 * waitlist until a counselor confirms it into a slot (or declines it); the teacher sees only how
 * it turned out.
 */
@Injectable()
export class AppointmentRequestService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly appointments: AppointmentRepository,
    private readonly counselors: AvailabilityRepository,
    private readonly notifications: NotificationRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async request(caller: Caller, dto: RequestAppointmentDto): Promise<string> {
    const now = this.clock.now();
    const preferredFrom = new Date(dto.preferredFrom);
    const preferredTo = new Date(dto.preferredTo);
    if (preferredTo.getTime() <= preferredFrom.getTime()) throw validationProblem([{ field: 'preferredTo', message: 'must be after preferredFrom' }]);
    if (preferredTo.getTime() <= now.getTime()) throw validationProblem([{ field: 'preferredTo', message: 'must be in the future' }]);
    if (preferredTo.getTime() - now.getTime() > MAX_WINDOW_DAYS * 86_400_000) {
      throw validationProblem([{ field: 'preferredTo', message: `must be within ${MAX_WINDOW_DAYS} days` }]);
    }
    const id = randomUUID();
    await this.dataSource.transaction(async (manager) => {
      if (!(await this.appointments.findBookableStudent(manager, caller, dto.studentId))) throw studentNotFound();
      if (dto.counselorId && !(await this.counselors.findCounselor(manager, caller.schoolId, dto.counselorId))) {
        throw validationProblem([{ field: 'counselorId', message: 'must be an active counselor of the school' }]);
      }
      await this.appointments.insert(manager, {
        id,
        schoolId: caller.schoolId,
        studentId: dto.studentId,
        counselorId: dto.counselorId ?? null,
        status: 'requested',
        startsAt: null,
        endsAt: null,
        mode: null,
        place: null,
        requestedBy: caller.userId,
        requestedAt: now,
        requestedCounselorId: dto.counselorId ?? null,
        requestReason: dto.reasonCategory,
        preferredFrom,
        preferredTo,
        caseId: null,
        rescheduledFrom: null,
        at: now,
      });
      const notice = { kind: 'appointment.requested', title: 'A class teacher asked for a counseling session', entityType: 'appointment', entityId: id };
      if (dto.counselorId) await this.notifications.notifyUser(manager, caller.schoolId, dto.counselorId, notice);
      else await this.notifications.notifyRoles(manager, caller.schoolId, ['counselor', 'counseling_lead'], notice);
      await this.audit.record(manager, caller, { action: 'appointment.request', entityType: 'appointment', entityId: id, studentId: dto.studentId });
    });
    return id;
  }
}
