import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { BadRequestProblem, ConflictProblem, decodeCursorAs, type PageQuery, updateAtVersion } from '#core';
import type { HolidayView } from './calendar.dtos.js';

/** Terms and holidays are the same shape (holidays add a kind): one repository, two tables. */
export type PeriodTable = 'school_terms' | 'school_holidays';
export type PeriodChanges = Partial<Pick<HolidayView, 'name' | 'kind' | 'startsOn' | 'endsOn'>>;

const COLUMNS: Record<PeriodTable, string> = {
  school_terms: `id, name, starts_on::text AS "startsOn", ends_on::text AS "endsOn", created_at AS "createdAt", updated_at AS "updatedAt", version`,
  school_holidays: `id, kind, name, starts_on::text AS "startsOn", ends_on::text AS "endsOn", created_at AS "createdAt", updated_at AS "updatedAt", version`,
};
const CHANGE_COLUMNS: Record<keyof PeriodChanges, string> = { name: 'name', kind: 'kind', startsOn: 'starts_on', endsOn: 'ends_on' };

const overlapProblem = (table: PeriodTable) =>
  table === 'school_holidays'
    ? new ConflictProblem('holiday.overlap', "The dates overlap another of the school's holidays")
    : new ConflictProblem('term.overlap', "The dates overlap another of the school's terms");

/** SQLSTATE 23P01: the exclusion constraint refused overlapping dates. */
function rethrowOverlap(error: unknown, table: PeriodTable): never {
  if ((error as { driverError?: { code?: unknown } }).driverError?.code === '23P01') throw overlapProblem(table);
  throw error;
}

@Injectable()
export class CalendarPeriodRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async insert(
    manager: EntityManager,
    table: PeriodTable,
    period: { schoolId: string; name: string; kind?: string; startsOn: string; endsOn: string; at: Date },
  ): Promise<string> {
    const withKind = table === 'school_holidays';
    try {
      const rows = await manager.query<{ id: string }[]>(
        `INSERT INTO ${table} (school_id, name, starts_on, ends_on, created_at, updated_at${withKind ? ', kind' : ''})
         VALUES ($1, $2, $3, $4, $5, $5${withKind ? ', $6' : ''}) RETURNING id`,
        [period.schoolId, period.name, period.startsOn, period.endsOn, period.at, ...(withKind ? [period.kind] : [])],
      );
      return rows[0].id;
    } catch (error) {
      rethrowOverlap(error, table);
    }
  }

  async findInSchool<T>(table: PeriodTable, schoolId: string, id: string, manager: EntityManager = this.dataSource.manager): Promise<T | null> {
    const rows = await manager.query<T[]>(`SELECT ${COLUMNS[table]} FROM ${table} WHERE id = $1 AND school_id = $2`, [id, schoolId]);
    return rows[0] ?? null;
  }

  /** In date order (`<table>_school_idx`). */
  async listOfSchool<T>(table: PeriodTable, schoolId: string, page: PageQuery): Promise<T[]> {
    const params: unknown[] = [schoolId, page.limit + 1];
    let after = '';
    if (page.cursor) {
      const [startsOn, id] = decodeCursorAs(page.cursor, ['date', 'uuid']);
      if (!/^\d{4}-\d{2}-\d{2}$/.test(String(startsOn))) throw new BadRequestProblem('pagination.invalid_cursor', 'The cursor is not one this list issued');
      params.push(startsOn, id);
      after = 'AND (starts_on, id) > ($3::date, $4::uuid)';
    }
    return this.dataSource.query<T[]>(`SELECT ${COLUMNS[table]} FROM ${table} WHERE school_id = $1 ${after} ORDER BY starts_on, id LIMIT $2`, params);
  }

  /** Applies the changes only at `version`; false when someone changed the row first. */
  async updateAtVersion(manager: EntityManager, table: PeriodTable, schoolId: string, id: string, version: number, changes: PeriodChanges, at: Date): Promise<boolean> {
    try {
      return await updateAtVersion(manager, { table: table, id: id, scope: { column: 'school_id', value: schoolId }, version }, changes, CHANGE_COLUMNS, at);
    } catch (error) {
      rethrowOverlap(error, table);
    }
  }
}
