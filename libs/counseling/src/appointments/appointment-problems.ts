import { ConflictProblem, NotFoundProblem } from '#core';
import type { AppointmentAction, AppointmentStatus } from './appointment-status.js';

export const appointmentNotFound = () => new NotFoundProblem('appointment.not_found', 'No such appointment');
export const studentNotFound = () => new NotFoundProblem('student.not_found', 'No such student');
export const counselorNotFound = () => new NotFoundProblem('counselor.not_found', 'No such counselor');

export const appointmentVersionConflict = () =>
  new ConflictProblem('appointment.version_conflict', 'The appointment changed since you read it; reload and try again');

export const illegalAppointmentAction = (status: AppointmentStatus, action: AppointmentAction, allowed: readonly AppointmentAction[]) =>
  new ConflictProblem('appointment.illegal_transition', `A ${status} appointment cannot be given "${action}"`, { allowed });

export const notStarted = () => new ConflictProblem('appointment.not_started', 'The session has not started yet; record its outcome once it has');

const SLOT_REASONS = {
  outside_availability: 'The time is not inside the counselor\'s availability',
  mode_unavailable: 'The counselor\'s availability at that time does not allow this mode (a phone or video window has no room)',
  remote_only_during_holidays: 'During holidays this school holds sessions by phone or video only',
} as const;

export type SlotRefusal = keyof typeof SLOT_REASONS;

/** 409 naming why the slot cannot be booked, e.g. `appointment.outside_availability`. */
export const slotRefused = (reason: SlotRefusal) => new ConflictProblem(`appointment.${reason}`, SLOT_REASONS[reason], { reason });
