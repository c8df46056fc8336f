import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { School } from '../../entities/index.js';
import type { SchoolView } from './school.dto.js';

const SCHOOL_COLUMNS = `id, name, code, timezone, version, created_at AS "createdAt", updated_at AS "updatedAt"`;

export type SchoolChanges = Partial<Pick<School, 'name' | 'timezone'>>;

/** The school row itself: callers only ever pass their own school's id. */
@Injectable()
export class SchoolRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async findById(schoolId: string, manager: EntityManager = this.dataSource.manager): Promise<SchoolView | null> {
    const rows = await manager.query<SchoolView[]>(`SELECT ${SCHOOL_COLUMNS} FROM schools WHERE id = $1`, [schoolId]);
    return rows[0] ?? null;
  }

  /** Applies the changes only if the row is still at `version`: false when someone changed it first. */
  async updateAtVersion(manager: EntityManager, schoolId: string, version: number, changes: SchoolChanges, at: Date): Promise<boolean> {
    const result = await manager
      .createQueryBuilder()
      .update(School)
      .set({ ...changes, updatedAt: at, version: () => 'version + 1' })
      .where('id = :schoolId AND version = :version', { schoolId, version })
      .execute();
    return result.affected === 1;
  }
}
