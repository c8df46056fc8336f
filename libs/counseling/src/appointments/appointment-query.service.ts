import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { type Page, toPage } from '#core';
import type { Caller } from '#access';
import { AuditService } from '#audit';
import { FieldCipher } from '#crypto';
import { appointmentNotFound } from './appointment-problems.js';
import { allowedActions, requestOutcomeOf } from './appointment-status.js';
import type { AppointmentListQuery } from './appointment.dtos.js';
import { AppointmentRepository, type AppointmentRow } from './appointment.repository.js';
import type { AppointmentView, CounselorAppointmentView, TeacherAppointmentView } from './appointment.views.js';

export const cancellationReasonBinding = (appointmentId: string) => ({ table: 'appointments', column: 'cancellation_reason', rowId: appointmentId });

/** Reads of appointments: counselors see their sessions in full, a requesting teacher the outcome only. */
@Injectable()
export class AppointmentQueryService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly appointments: AppointmentRepository,
    private readonly audit: AuditService,
    private readonly cipher: FieldCipher,
  ) {}

  async list(caller: Caller, query: AppointmentListQuery): Promise<Page<AppointmentView>> {
    const filter = {
      status: query.status,
      studentId: query.studentId,
      startsFrom: query.startsFrom ? new Date(query.startsFrom) : undefined,
      startsBefore: query.startsBefore ? new Date(query.startsBefore) : undefined,
    };
    const rows = await this.appointments.listReachable(this.dataSource.manager, caller, filter, query);
    return toPage(rows, query, (r) => [r.createdAt.toISOString(), r.id], (r) => this.viewFor(caller, r));
  }

  /** One appointment; an audited read, since it concerns one student. */
  async get(caller: Caller, appointmentId: string): Promise<AppointmentView> {
    const row = await this.appointments.findReachable(this.dataSource.manager, caller, appointmentId);
    await this.audit.recordAlone(caller, {
      action: 'appointment.read',
      outcome: row ? 'success' : 'not_found',
      entityType: 'appointment',
      entityId: appointmentId,
      studentId: row?.studentId,
    });
    if (!row) throw appointmentNotFound();
    return this.viewFor(caller, row);
  }

  /** The appointment as it stands after the caller's own write (audited as that write). */
  async afterWrite(caller: Caller, appointmentId: string): Promise<AppointmentView> {
    const row = await this.appointments.findReachable(this.dataSource.manager, caller, appointmentId);
    if (!row) throw appointmentNotFound();
    return this.viewFor(caller, row);
  }

  viewFor(caller: Caller, row: AppointmentRow): AppointmentView {
    return caller.role === 'class_teacher' ? teacherView(row) : this.counselorView(row);
  }

  private counselorView(row: AppointmentRow): CounselorAppointmentView {
    return {
      id: row.id,
      studentId: row.studentId,
      studentName: row.studentName,
      className: row.className,
      counselorId: row.counselorId,
      counselorName: row.counselorName,
      status: row.status,
      startsAt: row.startsAt,
      endsAt: row.endsAt,
      mode: row.mode,
      place: row.place,
      request: row.requestedAt
        ? {
            requestedBy: row.requestedBy,
            requestedAt: row.requestedAt,
            reasonCategory: row.requestReason,
            preferredFrom: row.preferredFrom,
            preferredTo: row.preferredTo,
            requestedCounselorId: row.requestedCounselorId,
          }
        : null,
      offerExpiresAt: row.offerExpiresAt,
      caseId: row.caseId,
      rescheduledFrom: row.rescheduledFrom,
      rescheduledTo: row.rescheduledTo,
      cancellation:
        row.cancelledBy && row.cancelledAt
          ? {
              by: row.cancelledBy,
              at: row.cancelledAt,
              reason: row.cancellationReason ? this.cipher.decrypt(row.cancellationReason, cancellationReasonBinding(row.id)) : null,
            }
          : null,
      outcomeRecordedAt: row.outcomeRecordedAt,
      allowedActions: allowedActions(row.status),
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
      version: row.version,
    };
  }
}

function teacherView(row: AppointmentRow): TeacherAppointmentView {
  const status = requestOutcomeOf(row.status);
  // A slot merely held for the request is the counselor's to confirm; the teacher sees it waiting.
  const timed = status !== 'waiting';
  return {
    id: row.id,
    studentId: row.studentId,
    studentName: row.studentName,
    status,
    startsAt: timed ? row.startsAt : null,
    endsAt: timed ? row.endsAt : null,
    reasonCategory: row.requestReason,
    preferredFrom: row.preferredFrom,
    preferredTo: row.preferredTo,
    rescheduledTo: row.rescheduledTo,
    createdAt: row.createdAt,
    version: row.version,
  };
}
