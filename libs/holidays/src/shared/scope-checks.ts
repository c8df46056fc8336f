import type { EntityManager } from 'typeorm';
import type { Caller } from '#access';
import { SqlParameters, visibleStudentsCondition } from '#org';

/** Whether the holiday is one of the school's: another school's answers like a missing one. */
export async function holidayOfSchool(manager: EntityManager, schoolId: string, holidayId: string): Promise<boolean> {
  const rows = await manager.query<unknown[]>('SELECT 1 FROM school_holidays WHERE id = $1 AND school_id = $2', [holidayId, schoolId]);
  return rows.length > 0;
}

/** Whether the student is within the caller's reach (the organisation's scope rule, in SQL). */
export async function studentInReach(manager: EntityManager, caller: Caller, studentId: string): Promise<boolean> {
  const params = new SqlParameters();
  const rows = await manager.query<unknown[]>(
    `SELECT 1 FROM students s WHERE s.id = ${params.bind(studentId)} AND ${visibleStudentsCondition(caller, 's', params.bind)}`,
    params.values,
  );
  return rows.length > 0;
}
