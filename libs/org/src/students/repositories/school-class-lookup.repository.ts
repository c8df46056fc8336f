import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

export interface ClassByName {
  gradeName: string;
  className: string;
  classId: string;
}

/** The class look-ups students need: does a class belong to the school, which class has these names. */
@Injectable()
export class SchoolClassLookupRepository {
  async existsInSchool(manager: EntityManager, schoolId: string, classId: string): Promise<boolean> {
    const rows = await manager.query<unknown[]>('SELECT 1 FROM classes WHERE id = $1 AND school_id = $2', [classId, schoolId]);
    return rows.length > 0;
  }

  /** The school's classes named by (grade name, class name) pairs, in one query however many pairs. */
  async findByNames(manager: EntityManager, schoolId: string, pairs: { gradeName: string; className: string }[]): Promise<ClassByName[]> {
    if (pairs.length === 0) return [];
    return manager.query<ClassByName[]>(
      `SELECT g.name AS "gradeName", c.name AS "className", c.id AS "classId"
         FROM unnest($2::text[], $3::text[]) AS wanted(grade_name, class_name)
         JOIN grades g ON g.school_id = $1 AND g.name = wanted.grade_name
         JOIN classes c ON c.school_id = $1 AND c.grade_id = g.id AND c.name = wanted.class_name`,
      [schoolId, pairs.map((pair) => pair.gradeName), pairs.map((pair) => pair.className)],
    );
  }
}
