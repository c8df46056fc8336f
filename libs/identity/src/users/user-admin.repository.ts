import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { applyKeyset, ConflictProblem, isUniqueViolation, type PageQuery } from '#core';
import type { Role } from '#access';
import { User } from '../entities/index.js';

/** The columns staff administration reads; the password hash and sign-in counters stay out. */
export interface StaffAccountRow {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  active: boolean;
  phone: string | null;
  firstAccountable: boolean;
  lockedUntil: Date | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

export type StaffAccountChanges = Partial<Pick<User, 'displayName' | 'role' | 'active' | 'phone' | 'firstAccountable'>>;

const ONE_FIRST_ACCOUNTABLE_KEY = 'users_first_accountable_key';

const ACCOUNT_COLUMNS: [string, string][] = [
  ['id', 'id'],
  ['username', 'username'],
  ['display_name', 'displayName'],
  ['role', 'role'],
  ['active', 'active'],
  ['phone', 'phone'],
  ['first_accountable', 'firstAccountable'],
  ['locked_until', 'lockedUntil'],
  ['version', 'version'],
  ['created_at', 'createdAt'],
  ['updated_at', 'updatedAt'],
];
const ACCOUNT_SELECT = ACCOUNT_COLUMNS.map(([column, alias]) => `u.${column} AS "${alias}"`).join(', ');

/** Staff accounts of one school, as administrators manage them. Sign-in has its own repository. */
@Injectable()
export class UserAdminRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Oldest first, on the (school_id, created_at, id) index; role and active filter that range. */
  listInSchool(schoolId: string, filter: { roles?: Role[]; active?: boolean }, page: PageQuery): Promise<StaffAccountRow[]> {
    const qb = this.dataSource.createQueryBuilder().from('users', 'u').where('u.school_id = :schoolId', { schoolId });
    ACCOUNT_COLUMNS.forEach(([column, alias], i) => (i === 0 ? qb.select(`u.${column}`, alias) : qb.addSelect(`u.${column}`, alias)));
    if (filter.roles) qb.andWhere('u.role = ANY(:roles::text[])', { roles: filter.roles });
    if (filter.active !== undefined) qb.andWhere('u.active = :active', { active: filter.active });
    return applyKeyset(qb, { columns: ['u.created_at', 'u.id'], casts: ['timestamptz', 'uuid'] }, page).getRawMany<StaffAccountRow>();
  }

  async findInSchool(schoolId: string, userId: string, manager: EntityManager = this.dataSource.manager): Promise<StaffAccountRow | null> {
    const rows = await manager.query<StaffAccountRow[]>(`SELECT ${ACCOUNT_SELECT} FROM users u WHERE u.id = $1 AND u.school_id = $2`, [
      userId,
      schoolId,
    ]);
    return rows[0] ?? null;
  }

  async insert(
    manager: EntityManager,
    schoolId: string,
    values: { username: string; displayName: string; role: Role; phone: string | null; passwordHash: string },
  ): Promise<StaffAccountRow> {
    try {
      const rows = await manager.query<StaffAccountRow[]>(
        `INSERT INTO users AS u (school_id, username, display_name, role, phone, password_hash)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${ACCOUNT_SELECT}`,
        [schoolId, values.username, values.displayName, values.role, values.phone, values.passwordHash],
      );
      return rows[0];
    } catch (error) {
      // The index is on citext: unique ignoring case, across all schools (sign-in names no school).
      if (isUniqueViolation(error, 'users_username_key')) {
        throw new ConflictProblem('user.duplicate_username', 'This user name is taken');
      }
      throw error;
    }
  }

  /** Applies the changes only if the row is still at `version`: false when someone changed it first. */
  async updateAtVersion(
    manager: EntityManager,
    schoolId: string,
    userId: string,
    version: number,
    changes: StaffAccountChanges,
    at: Date,
  ): Promise<boolean> {
    try {
      const result = await manager
        .createQueryBuilder()
        .update(User)
        .set({ ...changes, updatedAt: at, version: () => 'version + 1' })
        .where('id = :userId AND school_id = :schoolId AND version = :version', { userId, schoolId, version })
        .execute();
      return result.affected === 1;
    } catch (error) {
      // Namings take turns (lockFirstAccountable): a second holder can only come from a writer that
      // does not, a concurrent change like a stale version. The caller answers 409 and rolls back.
      if (isUniqueViolation(error, ONE_FIRST_ACCOUNTABLE_KEY)) return false;
      throw error;
    }
  }

  /**
   * Makes the naming of the school's first person accountable take turns until the transaction
   * ends: the second of two concurrent namings then finds, and replaces, the first one's choice.
   */
  async lockFirstAccountable(manager: EntityManager, schoolId: string): Promise<void> {
    await manager.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`first_accountable:${schoolId}`]);
  }

  /**
   * Takes the flag from whoever of the school holds it, other than `keptId`, with a new version;
   * answers their ids. Called before naming another: the unique index allows no moment with two.
   */
  async clearOtherFirstAccountable(manager: EntityManager, schoolId: string, keptId: string, at: Date): Promise<string[]> {
    // In a CTE: TypeORM answers a bare UPDATE with [rows, count] rather than rows.
    const rows = await manager.query<{ id: string }[]>(
      `WITH cleared AS (
         UPDATE users SET first_accountable = false, updated_at = $3, version = version + 1
          WHERE school_id = $1 AND id <> $2 AND first_accountable
         RETURNING id)
       SELECT id FROM cleared`,
      [schoolId, keptId, at],
    );
    return rows.map((row) => row.id);
  }

  /**
   * Ends the user's current class-teacher assignments (organisation data about this account,
   * like TeacherAssignmentRepository's join to users); answers the ids it ended, oldest first.
   */
  async endCurrentClassAssignments(manager: EntityManager, schoolId: string, userId: string, at: Date): Promise<string[]> {
    const rows = await manager.query<{ id: string }[]>(
      `WITH ended AS (
         UPDATE class_teacher_assignments SET ended_at = $3
          WHERE user_id = $1 AND school_id = $2 AND ended_at IS NULL
         RETURNING id, started_at)
       SELECT id FROM ended ORDER BY started_at, id`,
      [userId, schoolId, at],
    );
    return rows.map((row) => row.id);
  }

  /** Forgets failed sign-ins and lifts a lock; false when the user is not of the school. */
  async clearSignInLockout(manager: EntityManager, schoolId: string, userId: string): Promise<boolean> {
    const [, affected] = await manager.query<[unknown[], number]>(
      `UPDATE users SET failed_login_count = 0, failed_login_window_started_at = NULL, locked_until = NULL
        WHERE id = $1 AND school_id = $2`,
      [userId, schoolId],
    );
    return affected === 1;
  }
}
