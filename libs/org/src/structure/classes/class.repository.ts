import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { applyKeyset, ConflictProblem, isUniqueViolation, type PageQuery } from '#core';
import { SchoolClass } from '../../entities/index.js';
import type { ClassScope } from '../class-scope.js';

export interface ClassRow {
  id: string;
  gradeId: string;
  gradeName: string;
  /** Part of the list order (and so of the cursor); not shown. */
  gradeSortOrder: number;
  name: string;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

export type ClassChanges = Partial<Pick<SchoolClass, 'name' | 'gradeId'>>;

/** The order people read classes in: by grade, then class name (unique within a grade). */
export const CLASS_LIST_ORDER = { columns: ['g.sort_order', 'g.name', 'c.name', 'c.id'], casts: ['int', 'text', 'text', 'uuid'] };

const duplicateName = () => new ConflictProblem('class.duplicate_name', 'Another class of this grade has this name');

/** Classes, always read through the caller's class scope. */
@Injectable()
export class ClassRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** A school has at most a few hundred classes, so sorting by the joined grade stays cheap. */
  listInScope(scope: ClassScope, filter: { gradeIds?: string[] }, page: PageQuery): Promise<ClassRow[]> {
    const qb = this.rowsInScope(this.dataSource.manager, scope);
    if (filter.gradeIds) qb.andWhere('c.grade_id = ANY(:gradeIds::uuid[])', { gradeIds: filter.gradeIds });
    return applyKeyset(qb, CLASS_LIST_ORDER, page).getRawMany<ClassRow>();
  }

  async findInScope(scope: ClassScope, classId: string, manager: EntityManager = this.dataSource.manager): Promise<ClassRow | null> {
    const row = await this.rowsInScope(manager, scope).andWhere('c.id = :classId', { classId }).getRawOne<ClassRow>();
    return row ?? null;
  }

  /**
   * Locks the class so that changes to its teacher assignments happen one at a time (two "replace
   * the current teacher" requests cannot both win); NO KEY leaves rows that reference it alone.
   */
  async lockInSchool(manager: EntityManager, schoolId: string, classId: string): Promise<boolean> {
    const rows = await manager.query('SELECT 1 FROM classes WHERE id = $1 AND school_id = $2 FOR NO KEY UPDATE', [classId, schoolId]);
    return rows.length > 0;
  }

  async insert(
    manager: EntityManager,
    schoolId: string,
    values: { gradeId: string; name: string },
  ): Promise<Pick<ClassRow, 'id' | 'version' | 'createdAt' | 'updatedAt'>> {
    try {
      const rows = await manager.query<Pick<ClassRow, 'id' | 'version' | 'createdAt' | 'updatedAt'>[]>(
        `INSERT INTO classes (school_id, grade_id, name) VALUES ($1, $2, $3)
         RETURNING id, version, created_at AS "createdAt", updated_at AS "updatedAt"`,
        [schoolId, values.gradeId, values.name],
      );
      return rows[0];
    } catch (error) {
      if (isUniqueViolation(error, 'classes_grade_name_key')) throw duplicateName();
      throw error;
    }
  }

  /** Applies the changes only if the row is still at `version`: false when someone changed it first. */
  async updateAtVersion(
    manager: EntityManager,
    schoolId: string,
    classId: string,
    version: number,
    changes: ClassChanges,
    at: Date,
  ): Promise<boolean> {
    try {
      const result = await manager
        .createQueryBuilder()
        .update(SchoolClass)
        .set({ ...changes, updatedAt: at, version: () => 'version + 1' })
        .where('id = :classId AND school_id = :schoolId AND version = :version', { classId, schoolId, version })
        .execute();
      return result.affected === 1;
    } catch (error) {
      if (isUniqueViolation(error, 'classes_grade_name_key')) throw duplicateName();
      throw error;
    }
  }

  private rowsInScope(manager: EntityManager, scope: ClassScope): SelectQueryBuilder<ObjectLiteral> {
    const qb = manager
      .createQueryBuilder()
      .select('c.id', 'id')
      .addSelect('c.grade_id', 'gradeId')
      .addSelect('g.name', 'gradeName')
      .addSelect('g.sort_order', 'gradeSortOrder')
      .addSelect('c.name', 'name')
      .addSelect('c.version', 'version')
      .addSelect('c.created_at', 'createdAt')
      .addSelect('c.updated_at', 'updatedAt')
      .from('classes', 'c')
      .innerJoin('grades', 'g', 'g.id = c.grade_id AND g.school_id = c.school_id')
      .where('c.school_id = :schoolId', { schoolId: scope.schoolId });
    if (scope.teacherId) {
      qb.andWhere(
        `EXISTS (SELECT 1 FROM class_teacher_assignments a
                  WHERE a.class_id = c.id AND a.school_id = c.school_id AND a.user_id = :teacherId AND a.ended_at IS NULL)`,
        { teacherId: scope.teacherId },
      );
    }
    return qb;
  }
}
