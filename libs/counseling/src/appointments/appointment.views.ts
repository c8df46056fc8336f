import type { SessionMode } from '../availability/availability.js';
import type { RequestReason } from '../entities/appointment.entity.js';
import type { AppointmentAction, AppointmentStatus, RequestOutcome } from './appointment-status.js';

/** What the session's counselor sees. */
export interface CounselorAppointmentView {
  id: string;
  studentId: string;
  studentName: string;
  className: string;
  counselorId: string | null;
  counselorName: string | null;
  status: AppointmentStatus;
  startsAt: Date | null;
  endsAt: Date | null;
  mode: SessionMode | null;
  place: string | null;
  request: {
    requestedBy: string;
    requestedAt: Date;
    reasonCategory: RequestReason | null;
    preferredFrom: Date | null;
    preferredTo: Date | null;
    requestedCounselorId: string | null;
  } | null;
  offerExpiresAt: Date | null;
  caseId: string | null;
  rescheduledFrom: string | null;
  rescheduledTo: string | null;
  cancellation: { by: string; at: Date; reason: string | null } | null;
  outcomeRecordedAt: Date | null;
  allowedActions: AppointmentAction[];
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

/** What the class teacher who asked sees: where it stands and when, never why or what was said. */
export interface TeacherAppointmentView {
  id: string;
  studentId: string;
  studentName: string;
  status: RequestOutcome;
  startsAt: Date | null;
  endsAt: Date | null;
  reasonCategory: RequestReason | null;
  preferredFrom: Date | null;
  preferredTo: Date | null;
  rescheduledTo: string | null;
  createdAt: Date;
  version: number;
}

export type AppointmentView = CounselorAppointmentView | TeacherAppointmentView;
