import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { applyKeyset, type PageQuery, type Uuid } from '#core';
import { ackMinutesSql } from './alert-deadlines.js';
import type { AlertSeverity, AlertSource, AlertStatus } from './entities/alert.entity.js';

export interface AlertRow {
  id: Uuid;
  studentId: Uuid;
  studentName: string;
  className: string;
  severity: AlertSeverity;
  sourceType: AlertSource;
  sourceId: Uuid | null;
  reasonCode: string;
  status: AlertStatus;
  raisedAt: Date;
  ackDueAt: Date;
  escalationLevel: number;
  acknowledgedAt: Date | null;
  acknowledgedBy: Uuid | null;
  acknowledgementNote: string | null;
  version: number;
}

/** One step up of an unacknowledged alert: who was told, and when. */
export interface AlertEscalationStep {
  /** 1 the head of counseling, 2 the administrators, 3 the school's first person accountable (第一责任人). */
  level: number;
  escalatedAt: Date;
  notifiedUserIds: Uuid[];
}

export interface NewAlert {
  schoolId: string;
  studentId: string;
  severity: AlertSeverity;
  sourceType: AlertSource;
  sourceId: string | null;
  reasonCode: string;
}

const ALERT_COLUMNS = `a.id, a.student_id AS "studentId", s.name AS "studentName", c.name AS "className", a.severity,
  a.source_type AS "sourceType", a.source_id AS "sourceId", a.reason_code AS "reasonCode", a.status, a.raised_at AS "raisedAt",
  a.ack_due_at AS "ackDueAt", a.escalation_level AS "escalationLevel", a.acknowledged_at AS "acknowledgedAt",
  a.acknowledged_by AS "acknowledgedBy", a.acknowledgement_note AS "acknowledgementNote", a.version`;

/** Alerts routed to a duty officer are the ones they were notified of (`alert.routed_to_duty`). */
const ROUTED_TO_SQL = (userSql: string) => `EXISTS (
  SELECT 1 FROM notifications n WHERE n.entity_type = 'alert' AND n.entity_id = a.id AND n.recipient_id = ${userSql} AND n.kind = 'alert.routed_to_duty')`;

@Injectable()
export class AlertRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Inserts unless this source already raised one; returns the new id, or null for a duplicate. */
  async insert(manager: EntityManager, alert: NewAlert, now: Date): Promise<string | null> {
    const rows = await manager.query<{ id: string }[]>(
      `INSERT INTO alerts (school_id, student_id, severity, source_type, source_id, reason_code, raised_at, ack_due_at, next_escalation_at)
       SELECT $1, $2, $3, $4, $5, $6, $7, t.due, t.due
         FROM (SELECT $7::timestamptz + ${ackMinutesSql('$1::uuid', '$3::text')} * interval '1 minute' AS due) t
       ON CONFLICT (source_type, source_id) WHERE source_id IS NOT NULL DO NOTHING
       RETURNING id`,
      [alert.schoolId, alert.studentId, alert.severity, alert.sourceType, alert.sourceId, alert.reasonCode, now],
    );
    return rows[0]?.id ?? null;
  }

  /** `routedTo`: only if the alert was routed to that user (a duty officer's scope). */
  async findInSchool(schoolId: string, alertId: string, routedTo?: string): Promise<AlertRow | null> {
    const rows = await this.dataSource.query<AlertRow[]>(
      `SELECT ${ALERT_COLUMNS} FROM alerts a JOIN students s ON s.id = a.student_id JOIN classes c ON c.id = s.class_id
        WHERE a.id = $1 AND a.school_id = $2 AND ($3::uuid IS NULL OR ${ROUTED_TO_SQL('$3::uuid')})`,
      [alertId, schoolId, routedTo ?? null],
    );
    return rows[0] ?? null;
  }

  async escalationsOf(alertId: string): Promise<AlertEscalationStep[]> {
    return this.dataSource.query(
      `SELECT level, escalated_at AS "escalatedAt", notified_user_ids AS "notifiedUserIds" FROM alert_escalations WHERE alert_id = $1 ORDER BY level`,
      [alertId],
    );
  }

  /** Oldest first, so the longest-waiting alert is on top. */
  listForSchool(
    schoolId: string,
    filter: { status?: AlertStatus[]; severity?: AlertSeverity[]; routedTo?: string; campaignId?: string },
    page: PageQuery,
  ): Promise<AlertRow[]> {
    const qb = this.dataSource
      .createQueryBuilder()
      .select(ALERT_COLUMNS)
      .from('alerts', 'a')
      .innerJoin('students', 's', 's.id = a.student_id')
      .innerJoin('classes', 'c', 'c.id = s.class_id')
      .where('a.school_id = :schoolId', { schoolId });
    if (filter.status?.length) qb.andWhere('a.status IN (:...status)', { status: filter.status });
    if (filter.severity?.length) qb.andWhere('a.severity IN (:...severity)', { severity: filter.severity });
    if (filter.routedTo) qb.andWhere(ROUTED_TO_SQL(':routedTo'), { routedTo: filter.routedTo });
    if (filter.campaignId) {
      qb.andWhere(
        `a.source_type = 'screening_response' AND a.source_id IN (SELECT r.id FROM screening_responses r WHERE r.campaign_id = :campaignId AND r.school_id = :schoolId)`,
        { campaignId: filter.campaignId },
      );
    }
    return applyKeyset(qb, { columns: ['a.raised_at', 'a.id'], casts: ['timestamptz', 'uuid'] }, page).getRawMany<AlertRow>();
  }

  /** Acknowledges an open alert; false when it was not open (already acknowledged, or not this school's). */
  async acknowledge(
    manager: EntityManager,
    ack: { schoolId: string; alertId: string; userId: string; at: Date; note: string },
  ): Promise<boolean> {
    // In a CTE: TypeORM answers a bare UPDATE with [rows, count] rather than rows.
    const rows = await manager.query<{ id: string }[]>(
      `WITH acknowledged AS (
         UPDATE alerts SET status = 'acknowledged', acknowledged_at = $3, acknowledged_by = $4, acknowledgement_note = $5,
                next_escalation_at = NULL, updated_at = $3, version = version + 1
          WHERE id = $1 AND school_id = $2 AND status = 'open'
          RETURNING id)
       SELECT id FROM acknowledged`,
      [ack.alertId, ack.schoolId, ack.at, ack.userId, ack.note],
    );
    return rows.length > 0;
  }
}
