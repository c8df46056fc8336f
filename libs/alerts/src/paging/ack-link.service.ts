import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { Clock } from '#core';
import { AuditService } from '#audit';
import { FieldCipher } from '#crypto';
import { WebhookEvents } from '#messaging';
import { AlertRepository } from '../alert.repository.js';
import { hashPageToken } from './alert-pager.js';

/** What the first response needs, as the page shows it to the person paged. */
export interface FirstResponse {
  alertId: string;
  severity: string;
  raisedAt: Date;
  ackDueAt: Date;
  studentName: string;
  className: string;
  classTeacher: { name: string; phone: string | null } | null;
  guardian: { name: string; relation: string; phone: string } | null;
  /** The case owner when the student has an open case, else the head of counseling. */
  counselor: { name: string; phone: string | null } | null;
  recipientName: string;
}

export type AckLinkState =
  | { state: 'open'; response: FirstResponse }
  | { state: 'acknowledged'; response: FirstResponse; by: string; at: Date; byYou: boolean }
  | { state: 'used'; response: FirstResponse; at: Date }
  | { state: 'expired' }
  | { state: 'unknown' };

interface PageRow extends FirstResponse {
  pageId: string;
  schoolId: string;
  studentId: string;
  recipientId: string;
  expiresAt: Date;
  usedAt: Date | null;
  status: 'open' | 'acknowledged';
  acknowledgedBy: string | null;
  acknowledgedByName: string | null;
  acknowledgedAt: Date | null;
}

const NOTE = '通过确认链接接手 / Taken on from the page link';

/**
 * The one-time acknowledgement link of a page: no sign-in, the token is the credential. Opening it
 * (GET, which link previews also do) shows what the first response needs and records the read;
 * only the button (POST) uses the link up and acknowledges the alert as the person paged.
 */
@Injectable()
export class AckLinkService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly alerts: AlertRepository,
    private readonly audit: AuditService,
    private readonly cipher: FieldCipher,
    private readonly clock: Clock,
    private readonly webhooks: WebhookEvents,
  ) {}

  open(token: string): Promise<AckLinkState> {
    return this.dataSource.transaction(async (manager) => {
      const row = await this.find(manager, token, false);
      const state = this.stateOf(row);
      if (row && state.state !== 'expired') {
        await this.audit.record(manager, { schoolId: row.schoolId, userId: row.recipientId }, {
          action: 'alert.page_read', entityType: 'alert', entityId: row.alertId, studentId: row.studentId, reason: 'page link',
        });
      }
      return state;
    });
  }

  acknowledge(token: string): Promise<AckLinkState> {
    return this.dataSource.transaction(async (manager) => {
      const row = await this.find(manager, token, true);
      const state = this.stateOf(row);
      if (!row || state.state !== 'open') return state;
      const now = this.clock.now();
      await manager.query('UPDATE alert_pages SET used_at = $2 WHERE id = $1', [row.pageId, now]);
      const note = this.cipher.encrypt(NOTE, { table: 'alerts', column: 'acknowledgement_note', rowId: row.alertId });
      const acknowledged = await this.alerts.acknowledge(manager, { schoolId: row.schoolId, alertId: row.alertId, userId: row.recipientId, at: now, note });
      if (!acknowledged) return state; // The row lock makes this unreachable; never report a success that did not happen.
      await this.audit.record(manager, { schoolId: row.schoolId, userId: row.recipientId }, {
        action: 'alert.acknowledge', entityType: 'alert', entityId: row.alertId, studentId: row.studentId, changedFields: ['status', 'acknowledgementNote'], reason: 'page link',
      });
      await this.webhooks.publish(manager, {
        schoolId: row.schoolId, type: 'alert.acknowledged', occurredAt: now, entityType: 'alert', entityId: row.alertId,
        data: { alertId: row.alertId, acknowledgedBy: row.recipientId, link: this.webhooks.apiLink(`alerts/${row.alertId}`) },
      });
      return { state: 'acknowledged', response: row, by: row.recipientName, at: now, byYou: true };
    });
  }

  private stateOf(row: PageRow | undefined): AckLinkState {
    if (!row) return { state: 'unknown' };
    if (row.status === 'acknowledged' && row.acknowledgedAt) {
      return { state: 'acknowledged', response: row, by: row.acknowledgedByName ?? '', at: row.acknowledgedAt, byYou: row.acknowledgedBy === row.recipientId };
    }
    if (row.usedAt) return { state: 'used', response: row, at: row.usedAt };
    if (row.expiresAt.getTime() <= this.clock.now().getTime()) return { state: 'expired' };
    return { state: 'open', response: row };
  }

  /** The page with the alert's first-response facts; the alert row locked when about to acknowledge it. */
  private async find(manager: EntityManager, token: string, lock: boolean): Promise<PageRow | undefined> {
    if (!/^[A-Za-z0-9_-]{32}$/.test(token)) return undefined;
    const [row] = await manager.query<PageRow[]>(
      `SELECT p.id AS "pageId", p.school_id AS "schoolId", p.recipient_id AS "recipientId", p.expires_at AS "expiresAt", p.used_at AS "usedAt",
              a.id AS "alertId", a.student_id AS "studentId", a.severity, a.raised_at AS "raisedAt", a.ack_due_at AS "ackDueAt", a.status,
              a.acknowledged_by AS "acknowledgedBy", a.acknowledged_at AS "acknowledgedAt", ab.display_name AS "acknowledgedByName",
              st.name AS "studentName", c.name AS "className", r.display_name AS "recipientName",
              (SELECT json_build_object('name', t.display_name, 'phone', t.phone) FROM class_teacher_assignments cta JOIN users t ON t.id = cta.user_id
                WHERE cta.class_id = st.class_id AND cta.ended_at IS NULL AND t.active ORDER BY cta.started_at DESC LIMIT 1) AS "classTeacher",
              (SELECT json_build_object('name', g.name, 'relation', g.relation, 'phone', g.phone) FROM guardians g
                WHERE g.student_id = st.id ORDER BY g.is_primary DESC, g.created_at LIMIT 1) AS guardian,
              COALESCE(
                (SELECT json_build_object('name', o.display_name, 'phone', o.phone) FROM cases k JOIN users o ON o.id = k.owner_id
                  WHERE k.student_id = st.id AND k.state <> 'closed' AND o.active ORDER BY k.opened_at DESC LIMIT 1),
                (SELECT json_build_object('name', l.display_name, 'phone', l.phone) FROM users l
                  WHERE l.school_id = p.school_id AND l.role = 'counseling_lead' AND l.active ORDER BY l.created_at LIMIT 1)) AS counselor
         FROM alert_pages p
         JOIN users r ON r.id = p.recipient_id AND r.active
         JOIN alerts a ON a.id = p.alert_id
         JOIN students st ON st.id = a.student_id
         JOIN classes c ON c.id = st.class_id
         LEFT JOIN users ab ON ab.id = a.acknowledged_by
        WHERE p.token_hash = $1
        ${lock ? 'FOR UPDATE OF p, a' : ''}`,
      [hashPageToken(token)],
    );
    return row;
  }
}
