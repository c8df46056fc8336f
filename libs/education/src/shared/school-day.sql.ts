/**
 * The instant a calendar day starts in the school's time zone (`schools.timezone`), as SQL:
 * `date::timestamp AT TIME ZONE zone` reads the midnight as the zone's wall clock.
 */
export function schoolDayStart(dateSql: string, schoolIdSql: string): string {
  return `((${dateSql})::date::timestamp AT TIME ZONE (SELECT s.timezone FROM schools s WHERE s.id = ${schoolIdSql}))`;
}
