import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { applyKeyset, type PageQuery } from '#core';
import type { BreakGlassGrantView } from './break-glass.dto.js';

const COLUMNS = `g.id, g.user_id AS "userId", g.student_id AS "studentId", g.reason, g.expires_at AS "expiresAt", g.created_at AS "createdAt"`;

/** Reasons come and go encrypted: the service seals and opens them. */
@Injectable()
export class BreakGlassRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async studentExistsInSchool(manager: EntityManager, schoolId: string, studentId: string): Promise<boolean> {
    const rows = await manager.query('SELECT 1 FROM students WHERE id = $1 AND school_id = $2', [studentId, schoolId]);
    return rows.length > 0;
  }

  async insert(
    manager: EntityManager,
    grant: { id: string; schoolId: string; userId: string; studentId: string; reason: string; expiresAt: Date },
  ): Promise<BreakGlassGrantView> {
    const [row] = await manager.query<BreakGlassGrantView[]>(
      `INSERT INTO break_glass_grants AS g (id, school_id, user_id, student_id, reason, expires_at) VALUES ($1, $2, $3, $4, $5, $6)
       RETURNING ${COLUMNS}`,
      [grant.id, grant.schoolId, grant.userId, grant.studentId, grant.reason, grant.expiresAt],
    );
    return row;
  }

  /** The caller's unexpired grant for the student, if any (the newest). */
  async findActive(schoolId: string, userId: string, studentId: string, now: Date): Promise<string | null> {
    const rows = await this.dataSource.query<{ id: string }[]>(
      `SELECT id FROM break_glass_grants
        WHERE user_id = $1 AND student_id = $2 AND school_id = $3 AND expires_at > $4
        ORDER BY expires_at DESC LIMIT 1`,
      [userId, studentId, schoolId, now],
    );
    return rows[0]?.id ?? null;
  }

  listForSchool(schoolId: string, page: PageQuery): Promise<BreakGlassGrantView[]> {
    const qb = this.dataSource.createQueryBuilder().select(COLUMNS).from('break_glass_grants', 'g').where('g.school_id = :schoolId', { schoolId });
    return applyKeyset(qb, { columns: ['g.created_at', 'g.id'], direction: 'DESC', casts: ['timestamptz', 'uuid'] }, page).getRawMany();
  }
}
