import { Permission, ROLES, roleHasPermission } from '#access';

export const DUTY_SHIFTS = ['day', 'night'] as const;
export type DutyShiftKind = (typeof DUTY_SHIFTS)[number];

/**
 * The shifts' wall-clock hours in the school's zone: day 08:00-20:00, night 20:00-08:00 the next
 * morning. Given SQL for the date, shift and zone: a date plus hours is a wall-clock timestamp,
 * which `AT TIME ZONE` places correctly even across a DST change.
 */
export function shiftStartSql(dateSql: string, shiftSql: string, zoneSql: string): string {
  return `((${dateSql} + CASE ${shiftSql} WHEN 'day' THEN interval '8 hours' ELSE interval '20 hours' END) AT TIME ZONE ${zoneSql})`;
}

export function shiftEndSql(dateSql: string, shiftSql: string, zoneSql: string): string {
  return `((${dateSql} + CASE ${shiftSql} WHEN 'day' THEN interval '20 hours' ELSE interval '32 hours' END) AT TIME ZONE ${zoneSql})`;
}

/**
 * Who may stand duty: any active staff member whose role can acknowledge alerts (duty officers,
 * counselors, the head of counseling, administrators), so that whoever is on duty can act on a
 * crisis alert. Class teachers are not eligible: they never see alerts.
 */
export const DUTY_ELIGIBLE_ROLES: string[] = ROLES.filter((role) => roleHasPermission(role, Permission.AlertAcknowledge));
