import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { decodeCursorAs, type PageQuery } from '#core';
import type { Caller } from '#access';
import { SqlParameters } from '#org';
import { CASE_COLUMNS, type CaseRow } from '../access/case-access.repository.js';
import type { CaseRiskLevel, CaseState } from '../entities/case.entity.js';

export interface CaseListFilter {
  state?: CaseState[];
  riskLevel?: CaseRiskLevel[];
  ownerId?: string;
  studentId?: string;
}

export interface CaseListRow extends CaseRow {
  /** Open tasks past their due time. */
  overdueTasks: number;
}

/** The cases whose team the caller is on, newest first, with their overdue task counts. */
@Injectable()
export class CaseListRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async listForTeamMember(caller: Caller, filter: CaseListFilter, page: PageQuery, now: Date): Promise<CaseListRow[]> {
    const params = new SqlParameters();
    const where = [
      `c.school_id = ${params.bind(caller.schoolId)}`,
      `EXISTS (SELECT 1 FROM case_team_members m WHERE m.case_id = c.id AND m.user_id = ${params.bind(caller.userId)} AND m.removed_at IS NULL)`,
    ];
    if (filter.state?.length) where.push(`c.state = ANY(${params.bind(filter.state)}::text[])`);
    if (filter.riskLevel?.length) where.push(`c.risk_level = ANY(${params.bind(filter.riskLevel)}::text[])`);
    if (filter.ownerId) where.push(`c.owner_id = ${params.bind(filter.ownerId)}`);
    if (filter.studentId) where.push(`c.student_id = ${params.bind(filter.studentId)}`);
    if (page.cursor) {
      const [openedAt, id] = decodeCursorAs(page.cursor, ['timestamptz', 'uuid']);
      where.push(`(c.opened_at, c.id) < (${params.bind(openedAt)}::timestamptz, ${params.bind(id)}::uuid)`);
    }
    const nowParam = params.bind(now);
    return this.dataSource.query<CaseListRow[]>(
      `SELECT ${CASE_COLUMNS},
              (SELECT count(*)::int FROM case_tasks t WHERE t.case_id = c.id AND t.status = 'open' AND t.due_at < ${nowParam}) AS "overdueTasks"
         FROM cases c JOIN students s ON s.id = c.student_id JOIN classes cl ON cl.id = s.class_id
        WHERE ${where.join(' AND ')}
        ORDER BY c.opened_at DESC, c.id DESC
        LIMIT ${params.bind(page.limit + 1)}`,
      params.values,
    );
  }
}
