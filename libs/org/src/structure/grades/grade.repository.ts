import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { applyKeyset, ConflictProblem, isUniqueViolation, type PageQuery } from '#core';
import { Grade } from '../../entities/index.js';
import type { GradeView } from './grades.dto.js';

const GRADE_COLUMNS = `id, name, sort_order AS "sortOrder", version, created_at AS "createdAt", updated_at AS "updatedAt"`;

export type GradeChanges = Partial<Pick<Grade, 'name' | 'sortOrder'>>;

const duplicateName = () => new ConflictProblem('grade.duplicate_name', 'Another grade of this school has this name');

/** Grades of one school; every query is bounded by `school_id`. */
@Injectable()
export class GradeRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** In reading order (sortOrder, name); the name is unique per school, the id only breaks ties of the cursor. */
  listForSchool(schoolId: string, page: PageQuery): Promise<GradeView[]> {
    const qb = this.dataSource
      .createQueryBuilder()
      .select('g.id', 'id')
      .addSelect('g.name', 'name')
      .addSelect('g.sort_order', 'sortOrder')
      .addSelect('g.version', 'version')
      .addSelect('g.created_at', 'createdAt')
      .addSelect('g.updated_at', 'updatedAt')
      .from('grades', 'g')
      .where('g.school_id = :schoolId', { schoolId });
    return applyKeyset(qb, { columns: ['g.sort_order', 'g.name', 'g.id'], casts: ['int', 'text', 'uuid'] }, page).getRawMany<GradeView>();
  }

  async findInSchool(schoolId: string, gradeId: string, manager: EntityManager = this.dataSource.manager): Promise<GradeView | null> {
    const rows = await manager.query<GradeView[]>(`SELECT ${GRADE_COLUMNS} FROM grades WHERE id = $1 AND school_id = $2`, [gradeId, schoolId]);
    return rows[0] ?? null;
  }

  async existsInSchool(manager: EntityManager, schoolId: string, gradeId: string): Promise<boolean> {
    const rows = await manager.query('SELECT 1 FROM grades WHERE id = $1 AND school_id = $2', [gradeId, schoolId]);
    return rows.length > 0;
  }

  async insert(manager: EntityManager, schoolId: string, values: { name: string; sortOrder: number }): Promise<GradeView> {
    try {
      const rows = await manager.query<GradeView[]>(
        `INSERT INTO grades (school_id, name, sort_order) VALUES ($1, $2, $3) RETURNING ${GRADE_COLUMNS}`,
        [schoolId, values.name, values.sortOrder],
      );
      return rows[0];
    } catch (error) {
      if (isUniqueViolation(error, 'grades_school_name_key')) throw duplicateName();
      throw error;
    }
  }

  /** Applies the changes only if the row is still at `version`: false when someone changed it first. */
  async updateAtVersion(
    manager: EntityManager,
    schoolId: string,
    gradeId: string,
    version: number,
    changes: GradeChanges,
    at: Date,
  ): Promise<boolean> {
    try {
      const result = await manager
        .createQueryBuilder()
        .update(Grade)
        .set({ ...changes, updatedAt: at, version: () => 'version + 1' })
        .where('id = :gradeId AND school_id = :schoolId AND version = :version', { gradeId, schoolId, version })
        .execute();
      return result.affected === 1;
    } catch (error) {
      if (isUniqueViolation(error, 'grades_school_name_key')) throw duplicateName();
      throw error;
    }
  }
}
