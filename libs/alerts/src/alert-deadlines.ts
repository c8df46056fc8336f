import type { AlertSeverity } from './entities/alert.entity.js';

/** Minutes to acknowledge, unless the school set its own (alert_deadlines). */
export const DEFAULT_ACK_MINUTES: Record<AlertSeverity, number> = { critical: 30, high: 24 * 60 };

/** SQL for "the school's minutes for this severity, else the default", given aliases of school id and severity. */
export function ackMinutesSql(schoolIdSql: string, severitySql: string): string {
  return `COALESCE(
    (SELECT d.ack_minutes FROM alert_deadlines d WHERE d.school_id = ${schoolIdSql} AND d.severity = ${severitySql}),
    CASE ${severitySql} WHEN 'critical' THEN ${DEFAULT_ACK_MINUTES.critical} ELSE ${DEFAULT_ACK_MINUTES.high} END)`;
}

/**
 * Roles told at each escalation level; level 1 falls back to administrators where no head of
 * counseling exists. Level 3 reaches one administrator, the one flagged as the school's first
 * person accountable (`users.first_accountable`); a school without one stops at level 2.
 */
export const RECIPIENT_ROLES_BY_LEVEL: Record<number, string[]> = {
  0: ['counselor', 'counseling_lead'],
  1: ['counseling_lead'],
  2: ['admin'],
  3: ['admin'],
};
