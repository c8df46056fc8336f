/** SQL shared by the reachability checks and the roster's gaps. */

/** The checks begin this long before a holiday's first rostered shift. */
export const CHECK_LEAD = `interval '7 days'`;
/** An officer must have confirmed this long before their first shift of the holiday. */
export const CONFIRM_BEFORE = `interval '24 hours'`;

/** The shifts of officer `officerSql` in holiday `h` (a `duty_shifts d` filter). */
export const OFFICER_HOLIDAY_SHIFTS = (officerSql: string) =>
  `d.school_id = h.school_id AND d.officer_id = ${officerSql} AND d.duty_date BETWEEN h.starts_on AND h.ends_on`;

/** Which channels this server sends on: a verified address on a channel that is off reaches nobody. */
export interface ChannelsOn {
  email: boolean;
  sms: boolean;
}

/** SQL: whether the officer whose contact details are `sc` has a verified address on a channel that is on (the arguments: SQL booleans). */
export const REACHABLE_SQL = (emailOnSql: string, smsOnSql: string) =>
  `((${emailOnSql} AND sc.email_verified_at IS NOT NULL) OR (${smsOnSql} AND sc.mobile_verified_at IS NOT NULL)) IS TRUE`;

/**
 * SQL: whether the instant `atSql` falls in the quiet hours of the officer whose contact details
 * are `sc`, on the wall clock of school `s` (a span may wrap midnight, as in the messaging module).
 */
export const IN_QUIET_HOURS_SQL = (atSql: string) => `(sc.quiet_from IS NOT NULL AND CASE
    WHEN sc.quiet_from > sc.quiet_until THEN (${atSql} AT TIME ZONE s.timezone)::time >= sc.quiet_from OR (${atSql} AT TIME ZONE s.timezone)::time < sc.quiet_until
    ELSE (${atSql} AT TIME ZONE s.timezone)::time >= sc.quiet_from AND (${atSql} AT TIME ZONE s.timezone)::time < sc.quiet_until END)`;
