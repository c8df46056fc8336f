import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Caller } from '#access';
import { AlertsService } from '#alerts';
import { CaseEventRepository } from '#cases';
import { FieldCipher } from '#crypto';
import { NotificationRepository } from '#notifications';
import { AppointmentRepository, type AppointmentRow } from './appointment.repository.js';
import { CaseLinkRepository } from './case-link.repository.js';

/** How soon a missed session must be followed up. */
const FOLLOW_UP_HOURS = 24;
const FOLLOW_UP_TITLE = '跟进未出席的心理咨询 Follow up a missed counseling session';
const ALERTING_LEVELS: Record<string, 'high' | 'critical'> = { high: 'high', critical: 'critical' };

export interface NoShowFollowUpResult {
  alertId: string | null;
  taskId: string | null;
}

/**
 * What a missed session sets off, in the transaction that records it: an alert when the student
 * is at high or critical risk (one per appointment: the alerts' unique source), and a follow-up
 * for the counselor: a task on the student's open case, else a notification.
 */
@Injectable()
export class NoShowFollowUp {
  constructor(
    private readonly appointments: AppointmentRepository,
    private readonly caseLinks: CaseLinkRepository,
    private readonly alerts: AlertsService,
    private readonly events: CaseEventRepository,
    private readonly notifications: NotificationRepository,
    private readonly cipher: FieldCipher,
  ) {}

  async handle(manager: EntityManager, caller: Caller, session: AppointmentRow & { counselorId: string }, at: Date): Promise<NoShowFollowUpResult> {
    const level = await this.appointments.riskLevelOf(manager, session.studentId);
    const severity = ALERTING_LEVELS[level];
    const alertId = severity
      ? await this.alerts.raise(manager, caller, {
          schoolId: session.schoolId,
          studentId: session.studentId,
          severity,
          sourceType: 'appointment_no_show',
          sourceId: session.id,
          reasonCode: `no_show_at_${level}_risk`,
        })
      : null;

    const openCase = await this.caseLinks.openCaseOf(manager, session.schoolId, session.studentId, session.counselorId);
    if (!openCase) {
      await this.tellCounselor(manager, session);
      return { alertId, taskId: null };
    }
    // A task the counselor could not see (not on the team) would go unnoticed: it goes to the case owner.
    const assigneeId = openCase.counselorOnTeam ? session.counselorId : openCase.ownerId;
    const taskId = randomUUID();
    const dueAt = new Date(at.getTime() + FOLLOW_UP_HOURS * 3_600_000);
    await this.caseLinks.insertTask(manager, {
      id: taskId,
      schoolId: session.schoolId,
      caseId: openCase.id,
      title: this.cipher.encrypt(FOLLOW_UP_TITLE, { table: 'case_tasks', column: 'title', rowId: taskId }),
      assigneeId,
      dueAt,
      createdBy: caller.userId,
      at,
    });
    await this.events.append(manager, {
      schoolId: session.schoolId,
      caseId: openCase.id,
      kind: 'task_created',
      actorId: caller.userId,
      at,
      data: { taskId, assigneeId, dueAt: dueAt.toISOString(), source: { type: 'appointment', id: session.id } },
    });
    if (assigneeId !== session.counselorId) await this.tellCounselor(manager, session);
    return { alertId, taskId };
  }

  private async tellCounselor(manager: EntityManager, session: AppointmentRow & { counselorId: string }): Promise<void> {
    await this.notifications.notifyUser(manager, session.schoolId, session.counselorId, {
      kind: 'appointment.no_show',
      title: `A student missed a counseling session: follow up within ${FOLLOW_UP_HOURS} hours`,
      entityType: 'appointment',
      entityId: session.id,
    });
  }
}
