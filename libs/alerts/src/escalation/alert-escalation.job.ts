import { Injectable, Logger } from '@nestjs/common';
import { Cron, CronExpression } from '@nestjs/schedule';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Clock } from '#core';
import { AuditService } from '#audit';
import { WebhookEvents } from '#messaging';
import { ON_DUTY_OFFICERS_SQL } from '#holidays';
import { ackMinutesSql } from '../alert-deadlines.js';
import { type AlertSeverity, MAX_ESCALATION_LEVEL } from '../entities/alert.entity.js';
import { AlertPager } from '../paging/alert-pager.js';

interface EscalatedAlert {
  alertId: string;
  schoolId: string;
  studentId: string;
  severity: AlertSeverity;
  raisedAt: Date;
  level: number;
  notifiedUserIds: string[];
  /** Not moved up: the top level needs a first person accountable, and the school has none now. */
  stopped: boolean;
}

const BATCH_SIZE = 200;

/**
 * Moves every open alert past its deadline up one level: the head of counseling (or, where the
 * school has none, the administrators), then the administrators, then the school's first person
 * accountable (第一责任人) where it has named one (else the escalation ends with the
 * administrators); inside a holiday, each step also reaches the officers on duty at that moment.
 * One set-based statement per batch; `FOR UPDATE SKIP LOCKED` plus the unique (alert, level)
 * step make concurrent runs on several instances escalate each alert once, and a run after
 * downtime catches up.
 */
@Injectable()
export class AlertEscalationJob {
  private readonly logger = new Logger(AlertEscalationJob.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly pager: AlertPager,
    private readonly clock: Clock,
    private readonly webhooks: WebhookEvents,
  ) {}

  @Cron(CronExpression.EVERY_MINUTE, { name: 'alert-escalation', disabled: process.env.JOBS_ENABLED === 'false' })
  async tick(): Promise<void> {
    const escalated = await this.run();
    if (escalated > 0) this.logger.warn({ msg: 'Escalated unacknowledged alerts', count: escalated });
  }

  /** Escalates what is due at the clock's now; returns how many alerts moved up. */
  async run(): Promise<number> {
    let total = 0;
    for (;;) {
      const now = this.clock.now();
      const batch = await this.dataSource.transaction(async (manager) => {
        const escalated = await manager.query<EscalatedAlert[]>(ESCALATE_DUE_ALERTS, [now, BATCH_SIZE]);
        const bySchool = new Map<string, EscalatedAlert[]>();
        for (const e of escalated) bySchool.set(e.schoolId, [...(bySchool.get(e.schoolId) ?? []), e]);
        for (const [schoolId, alerts] of bySchool) {
          await this.audit.recordMany(
            manager,
            { schoolId },
            alerts.map((a) => ({
              action: a.stopped ? 'alert.escalation_stop' : 'alert.escalate',
              severity: 'high' as const,
              entityType: 'alert',
              entityId: a.alertId,
              studentId: a.studentId,
              reason: a.stopped
                ? `not acknowledged in time; stays at level ${a.level}: the school has no first person accountable`
                : `not acknowledged in time; escalated to level ${a.level}, ${a.notifiedUserIds.length} notified`,
            })),
          );
        }
        const movedUp = escalated.filter((e) => !e.stopped);
        // The next level is paged the same way the first was, in the same transaction.
        await this.pager.page(
          manager,
          movedUp.map((a) => ({ schoolId: a.schoolId, alertId: a.alertId, severity: a.severity, level: a.level, recipientIds: a.notifiedUserIds, raisedAt: a.raisedAt })),
        );
        await this.webhooks.publish(
          manager,
          movedUp.map((a) => ({
            schoolId: a.schoolId, type: 'alert.escalated' as const, occurredAt: now, entityType: 'alert', entityId: a.alertId,
            data: { alertId: a.alertId, severity: a.severity, level: a.level, link: this.webhooks.apiLink(`alerts/${a.alertId}`) },
          })),
        );
        return { due: escalated.length, movedUp: movedUp.length };
      });
      total += batch.movedUp;
      if (batch.due < BATCH_SIZE) return total;
    }
  }
}

/**
 * The school's first person accountable, for the last level. The flag is only ever on an active
 * administrator (users_first_accountable_check) and on one per school (users_first_accountable_key).
 */
const HAS_FIRST_ACCOUNTABLE = (schoolIdSql: string) =>
  `EXISTS (SELECT 1 FROM users f WHERE f.school_id = ${schoolIdSql} AND f.first_accountable)`;

const TOP = MAX_ESCALATION_LEVEL;

const ESCALATE_DUE_ALERTS = `
  WITH due AS (
    SELECT a.id, a.school_id, a.severity, a.escalation_level + 1 AS level
      FROM alerts a
     WHERE a.status = 'open' AND a.next_escalation_at <= $1
     ORDER BY a.next_escalation_at
     LIMIT $2
     FOR UPDATE SKIP LOCKED
  ), steps AS (
    -- The top level exists only while the school has a first person accountable: an alert whose
    -- school has none any more (cleared since the alert reached the level below) stops there.
    SELECT due.*, (due.level < ${TOP} OR ${HAS_FIRST_ACCOUNTABLE('due.school_id')}) AS goes_up FROM due
  ), stopped AS (
    UPDATE alerts a
       SET next_escalation_at = NULL, updated_at = $1, version = a.version + 1
      FROM steps s
     WHERE a.id = s.id AND NOT s.goes_up
    RETURNING a.id, a.school_id, a.student_id, a.severity, a.raised_at, a.escalation_level AS level
  ), bumped AS (
    UPDATE alerts a
       SET escalation_level = s.level,
           next_escalation_at = CASE
             WHEN s.level < ${TOP - 1} OR (s.level = ${TOP - 1} AND ${HAS_FIRST_ACCOUNTABLE('s.school_id')})
               THEN $1 + ${ackMinutesSql('s.school_id', 's.severity')} * interval '1 minute' END,
           updated_at = $1,
           version = a.version + 1
      FROM steps s
     WHERE a.id = s.id AND s.goes_up
    RETURNING a.id, a.school_id, a.student_id, a.severity, a.raised_at, a.escalation_level AS level
  ), escalated_to AS (
    -- One notice per person and step: someone both in the step's role and on duty (an
    -- administrator on a shift) gets the escalation's.
    SELECT DISTINCT ON (r.alert_id, r.user_id) r.alert_id, r.user_id, r.kind
      FROM (
        SELECT b.id AS alert_id, u.id AS user_id, 'alert.escalated' AS kind, 1 AS rank
          FROM bumped b
          JOIN users u ON u.school_id = b.school_id AND u.active AND CASE b.level
            WHEN 1 THEN u.role = CASE
              WHEN EXISTS (SELECT 1 FROM users l WHERE l.school_id = b.school_id AND l.active AND l.role = 'counseling_lead')
                THEN 'counseling_lead'
              ELSE 'admin' END
            WHEN 2 THEN u.role = 'admin'
            ELSE u.first_accountable END
        UNION ALL
        -- Inside a holiday, the officers on duty now as well, as a routed alert so that they may read it.
        SELECT b.id, o.officer_id, 'alert.routed_to_duty', 2
          FROM bumped b CROSS JOIN LATERAL (${ON_DUTY_OFFICERS_SQL('b.school_id', '$1::timestamptz')}) o
      ) r
     ORDER BY r.alert_id, r.user_id, r.rank
  ), recipients AS (
    SELECT b.id AS alert_id, COALESCE(array_agg(e.user_id ORDER BY e.user_id) FILTER (WHERE e.user_id IS NOT NULL), '{}') AS ids
      FROM bumped b LEFT JOIN escalated_to e ON e.alert_id = b.id
     GROUP BY b.id
  ), logged AS (
    INSERT INTO alert_escalations (school_id, alert_id, level, escalated_at, notified_user_ids)
    SELECT b.school_id, b.id, b.level, $1, r.ids FROM bumped b JOIN recipients r ON r.alert_id = b.id
    RETURNING alert_id, school_id, level, notified_user_ids
  ), notified AS (
    INSERT INTO notifications (school_id, recipient_id, kind, title, entity_type, entity_id)
    SELECT b.school_id, e.user_id, e.kind, 'An alert was not acknowledged in time and is now yours to act on', 'alert', e.alert_id
      FROM escalated_to e JOIN bumped b ON b.id = e.alert_id
  )
  SELECT l.alert_id AS "alertId", l.school_id AS "schoolId", b.student_id AS "studentId", b.severity, b.raised_at AS "raisedAt", l.level,
         l.notified_user_ids AS "notifiedUserIds", false AS stopped
    FROM logged l JOIN bumped b ON b.id = l.alert_id
  UNION ALL
  SELECT s.id, s.school_id, s.student_id, s.severity, s.raised_at, s.level, '{}'::uuid[], true FROM stopped s`;
