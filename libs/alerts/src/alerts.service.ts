import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { Clock, ConflictProblem, NotFoundProblem, type Page, toPage, type Uuid } from '#core';
import type { Caller } from '#access';
import { type AuditActor, AuditService } from '#audit';
import { FieldCipher } from '#crypto';
import { OnDutyOfficers } from '#holidays';
import { WebhookEvents } from '#messaging';
import { NotificationRepository } from '#notifications';
import { RiskRegisterService } from '#risk';
import { RECIPIENT_ROLES_BY_LEVEL } from './alert-deadlines.js';
import { type AlertEscalationStep, AlertRepository, type AlertRow, type NewAlert } from './alert.repository.js';
import type { AlertListQuery } from './dtos/alert-list.query.js';
import type { AlertSeverity, AlertSource, AlertStatus } from './entities/alert.entity.js';
import { AlertPager } from './paging/alert-pager.js';

const NOTE_BINDING = (alertId: string) => ({ table: 'alerts', column: 'acknowledgement_note', rowId: alertId });

/** Roles that see what the first responder wrote; administrators see who acknowledged and when. */
const NOTE_READERS = new Set(['counselor', 'counseling_lead', 'duty_officer']);

export interface AlertSummary {
  id: Uuid;
  studentId: Uuid;
  studentName: string;
  className: string;
  severity: AlertSeverity;
  sourceType: AlertSource;
  /** What raised it (a response, a flag, an appointment); null for a manual alert. */
  sourceId: Uuid | null;
  /** Why, as a code (`critical_item:phq9`, `band:phq9:severe`, `urgent_flag:bullying_victim` ...): never clinical text. */
  reasonCode: string;
  status: AlertStatus;
  raisedAt: Date;
  ackDueAt: Date;
  /** Open past its acknowledgement deadline. */
  overdue: boolean;
  /** 0 the counselors were told, 1 the head of counseling, 2 the administrators, 3 the school's first person accountable (第一责任人). */
  escalationLevel: number;
  acknowledgedAt: Date | null;
  acknowledgedBy: Uuid | null;
}

export interface AlertDetail extends AlertSummary {
  /** What the first responder wrote; null when not acknowledged, or for a role that does not read notes. */
  acknowledgementNote: string | null;
  escalations: AlertEscalationStep[];
}

/**
 * Alerts: raised inside the transaction of what raised them (a response, a flag, a no-show),
 * acknowledged by a person with a note, escalated by AlertEscalationJob when nobody does.
 */
@Injectable()
export class AlertsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly alerts: AlertRepository,
    private readonly notifications: NotificationRepository,
    private readonly audit: AuditService,
    private readonly cipher: FieldCipher,
    private readonly risk: RiskRegisterService,
    private readonly clock: Clock,
    private readonly onDuty: OnDutyOfficers,
    private readonly pager: AlertPager,
    private readonly webhooks: WebhookEvents,
  ) {}

  /**
   * Raises an alert in the caller's transaction, tells the school's counselors (and, during a
   * holiday, the officer on duty) and updates the student's risk level. A source
   * raises at most one alert: a second call returns null and changes nothing.
   */
  async raise(manager: EntityManager, actor: AuditActor, alert: NewAlert): Promise<string | null> {
    const now = this.clock.now();
    const id = await this.alerts.insert(manager, alert, now);
    if (!id) return null;
    const title = alert.severity === 'critical' ? 'Critical alert: a student needs attention now' : 'High alert: a student needs attention';
    const told = await this.notifications.notifyRoles(manager, alert.schoolId, RECIPIENT_ROLES_BY_LEVEL[0], { kind: 'alert.raised', title, entityType: 'alert', entityId: id });
    const officers = await this.onDuty.inHolidayAt(manager, alert.schoolId, now);
    // At most one officer per shift covers an instant, so this loop is one or two inserts.
    for (const officerId of officers) {
      await this.notifications.notifyUser(manager, alert.schoolId, officerId, { kind: 'alert.routed_to_duty', title, entityType: 'alert', entityId: id });
    }
    // Outside the system too: a critical alert pages the counselors and the officer on duty.
    await this.pager.page(manager, [{ schoolId: alert.schoolId, alertId: id, severity: alert.severity, level: 0, recipientIds: [...told, ...officers], raisedAt: now }]);
    await this.webhooks.publish(manager, {
      schoolId: alert.schoolId, type: 'alert.raised', occurredAt: now, entityType: 'alert', entityId: id,
      data: { alertId: id, severity: alert.severity, level: 0, link: this.webhooks.apiLink(`alerts/${id}`) },
    });
    await this.audit.record(manager, actor, {
      action: 'alert.raise',
      severity: alert.severity === 'critical' ? 'high' : 'normal',
      entityType: 'alert',
      entityId: id,
      studentId: alert.studentId,
      reason: alert.reasonCode,
    });
    await this.risk.recompute(manager, alert.schoolId, [alert.studentId]);
    return id;
  }

  async list(caller: Caller, query: AlertListQuery): Promise<Page<AlertSummary>> {
    const rows = await this.alerts.listForSchool(caller.schoolId, { status: query.status, severity: query.severity, campaignId: query.campaignId, routedTo: routedScopeOf(caller) }, query);
    return toPage(rows, query, (r) => [r.raisedAt.toISOString(), r.id], (r) => this.summaryOf(r));
  }

  /** The alert with its escalation steps; an audited read, since it concerns one student. */
  async get(caller: Caller, alertId: string): Promise<AlertDetail> {
    const row = await this.alerts.findInSchool(caller.schoolId, alertId, routedScopeOf(caller));
    await this.audit.recordAlone(caller, {
      action: 'alert.read',
      outcome: row ? 'success' : 'not_found',
      entityType: 'alert',
      entityId: alertId,
      studentId: row?.studentId,
    });
    if (!row) throw notFound();
    const note =
      row.acknowledgementNote && NOTE_READERS.has(caller.role) ? this.cipher.decrypt(row.acknowledgementNote, NOTE_BINDING(row.id)) : null;
    return { ...this.summaryOf(row), acknowledgementNote: note, escalations: await this.alerts.escalationsOf(row.id) };
  }

  async acknowledge(caller: Caller, alertId: string, note: string): Promise<AlertDetail> {
    const scope = routedScopeOf(caller);
    if (scope && !(await this.alerts.findInSchool(caller.schoolId, alertId, scope))) throw notFound();
    await this.dataSource.transaction(async (manager) => {
      const at = this.clock.now();
      const acknowledged = await this.alerts.acknowledge(manager, {
        schoolId: caller.schoolId,
        alertId,
        userId: caller.userId,
        at,
        note: this.cipher.encrypt(note, NOTE_BINDING(alertId)),
      });
      if (!acknowledged) {
        const existing = await this.alerts.findInSchool(caller.schoolId, alertId);
        if (!existing) throw notFound();
        throw new ConflictProblem('alert.already_acknowledged', 'This alert was already acknowledged');
      }
      await this.audit.record(manager, caller, {
        action: 'alert.acknowledge',
        entityType: 'alert',
        entityId: alertId,
        changedFields: ['status', 'acknowledgementNote'],
      });
      await this.webhooks.publish(manager, {
        schoolId: caller.schoolId, type: 'alert.acknowledged', occurredAt: at, entityType: 'alert', entityId: alertId,
        data: { alertId, acknowledgedBy: caller.userId, link: this.webhooks.apiLink(`alerts/${alertId}`) },
      });
    });
    return this.get(caller, alertId);
  }

  private summaryOf(row: AlertRow): AlertSummary {
    return {
      id: row.id,
      studentId: row.studentId,
      studentName: row.studentName,
      className: row.className,
      severity: row.severity,
      sourceType: row.sourceType,
      sourceId: row.sourceId,
      reasonCode: row.reasonCode,
      status: row.status,
      raisedAt: row.raisedAt,
      ackDueAt: row.ackDueAt,
      overdue: row.status === 'open' && row.ackDueAt.getTime() < this.clock.now().getTime(),
      escalationLevel: row.escalationLevel,
      acknowledgedAt: row.acknowledgedAt,
      acknowledgedBy: row.acknowledgedBy,
    };
  }
}

const notFound = () => new NotFoundProblem('alert.not_found', 'No such alert');

/** Duty officers reach only the alerts routed to them on duty; other roles the whole school's. */
const routedScopeOf = (caller: Caller): string | undefined => (caller.role === 'duty_officer' ? caller.userId : undefined);
