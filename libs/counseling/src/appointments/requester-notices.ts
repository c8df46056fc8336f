import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { NotificationRepository } from '#notifications';
import type { AppointmentRow } from './appointment.repository.js';

const TITLES = {
  'appointment.scheduled': 'The counseling session you asked for is scheduled',
  'appointment.rescheduled': 'The counseling session you asked for has a new time',
  'appointment.declined': 'Your request for a counseling session was declined',
  'appointment.cancelled': 'The counseling session you asked for was cancelled',
} as const;

/** Tells the class teacher who asked for a session how it turned out: the outcome, never the content. */
@Injectable()
export class RequesterNotices {
  constructor(private readonly notifications: NotificationRepository) {}

  async tell(manager: EntityManager, row: AppointmentRow, kind: keyof typeof TITLES, actorId: string, appointmentId = row.id): Promise<void> {
    // Only teachers' requests carry a request time; a counselor's own booking tells nobody.
    if (!row.requestedAt || row.requestedBy === actorId) return;
    await this.notifications.notifyUser(manager, row.schoolId, row.requestedBy, {
      kind,
      title: TITLES[kind],
      entityType: 'appointment',
      entityId: appointmentId,
    });
  }
}
