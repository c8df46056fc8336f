import type { Uuid } from '#core';
import type { SessionMode } from '../availability/availability.js';
import type { RequestReason } from '../entities/appointment.entity.js';
import type { AppointmentAction, AppointmentStatus, RequestOutcome } from './appointment-status.js';

/** How the appointment was asked for, when a class teacher (or a counselor) requested it. */
export interface AppointmentRequestDetails {
  requestedBy: Uuid;
  requestedAt: Date;
  reasonCategory: RequestReason | null;
  preferredFrom: Date | null;
  preferredTo: Date | null;
  requestedCounselorId: Uuid | null;
}

/** Who ended the appointment early (declined, withdrew, cancelled), when and why. */
export interface AppointmentCancellation {
  by: Uuid;
  at: Date;
  /** Decrypted for the counselor; null when none was given. */
  reason: string | null;
}

/** What the session's counselor sees. */
export interface CounselorAppointmentView {
  id: Uuid;
  studentId: Uuid;
  studentName: string;
  className: string;
  counselorId: Uuid | null;
  counselorName: string | null;
  status: AppointmentStatus;
  startsAt: Date | null;
  endsAt: Date | null;
  mode: SessionMode | null;
  place: string | null;
  request: AppointmentRequestDetails | null;
  offerExpiresAt: Date | null;
  caseId: Uuid | null;
  rescheduledFrom: Uuid | null;
  rescheduledTo: Uuid | null;
  cancellation: AppointmentCancellation | null;
  outcomeRecordedAt: Date | null;
  allowedActions: AppointmentAction[];
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

/** What the class teacher who asked sees: where it stands and when, never why or what was said. */
export interface TeacherAppointmentView {
  id: Uuid;
  studentId: Uuid;
  studentName: string;
  status: RequestOutcome;
  startsAt: Date | null;
  endsAt: Date | null;
  reasonCategory: RequestReason | null;
  preferredFrom: Date | null;
  preferredTo: Date | null;
  rescheduledTo: Uuid | null;
  createdAt: Date;
  version: number;
}

/** A class teacher gets the teacher's view; counselors and the head of counseling the counselor's. */
export type AppointmentView = CounselorAppointmentView | TeacherAppointmentView;
