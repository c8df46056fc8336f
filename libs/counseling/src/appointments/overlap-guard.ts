import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, type EntityManager, QueryFailedError } from 'typeorm';
import { ConflictProblem } from '#core';
import { COUNSELOR_OVERLAP_CONSTRAINT, STUDENT_OVERLAP_CONSTRAINT } from '../entities/appointment.entity.js';
import { AppointmentRepository } from './appointment.repository.js';
import type { Slot } from './slot-placement.js';

/** Which exclusion constraint (SQLSTATE 23P01) a query failed on: whose time was taken. */
export function overlapOf(error: unknown): 'counselor' | 'student' | null {
  if (!(error instanceof QueryFailedError)) return null;
  const driverError = error.driverError as { code?: unknown; constraint?: unknown } | undefined;
  if (driverError?.code !== '23P01') return null;
  if (driverError.constraint === COUNSELOR_OVERLAP_CONSTRAINT) return 'counselor';
  if (driverError.constraint === STUDENT_OVERLAP_CONSTRAINT) return 'student';
  return null;
}

/**
 * Runs a booking in a transaction of its own that first locks the counselor's and the student's
 * calendars (in one order, so bookings queue instead of deadlocking), and turns the database's
 * overlap refusal into 409 `appointment.overlap`, naming whether the counselor or the student is
 * taken and when. The check is the constraint itself, never a read before the write, so
 * concurrent bookings cannot both win.
 */
@Injectable()
export class OverlapGuard {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly appointments: AppointmentRepository,
  ) {}

  async run<T>(booking: { counselorId: string; studentId: string; slot: Slot }, work: (manager: EntityManager) => Promise<T>): Promise<T> {
    try {
      return await this.dataSource.transaction(async (manager) => {
        await this.appointments.lockCalendars(manager, [booking.counselorId, booking.studentId]);
        return work(manager);
      });
    } catch (error) {
      const taken = overlapOf(error);
      if (!taken) throw error;
      // Read after the failed transaction ended: the winner has committed by now.
      const owner = taken === 'counselor' ? { column: 'counselor_id' as const, id: booking.counselorId } : { column: 'student_id' as const, id: booking.studentId };
      const conflicting = await this.appointments.findOverlapping(this.dataSource.manager, owner, booking.slot);
      throw new ConflictProblem(
        'appointment.overlap',
        taken === 'counselor' ? 'The counselor already has a session at that time' : 'The student already has a session at that time',
        { conflict: taken, ...(conflicting ? { conflictingSession: conflicting } : {}) },
      );
    }
  }
}
