import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { type ClassScope, SqlParameters } from '#org';
import { coverageCells } from './coverage-cells.sql.js';
import type { CellStatus } from './coverage.dtos.js';

/** One cell of the matrix with its class and topic; class fields are null when the scope has no class. */
export interface CoverageCellRow {
  classId: string | null;
  className: string | null;
  gradeId: string | null;
  gradeName: string | null;
  topicId: string;
  code: string;
  nameZh: string;
  nameEn: string;
  required: boolean;
  status: CellStatus;
}

@Injectable()
export class CoverageRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The whole topic x class matrix of the scope in one query, classes in reading order, topics in theirs. */
  cells(scope: ClassScope, period: { from: string; until: string }): Promise<CoverageCellRow[]> {
    const params = new SqlParameters();
    return this.dataSource.query<CoverageCellRow[]>(
      `WITH ${coverageCells(scope, period, params)}
       SELECT class_id AS "classId", class_name AS "className", grade_id AS "gradeId", grade_name AS "gradeName",
              topic_id AS "topicId", code, name_zh AS "nameZh", name_en AS "nameEn", required, status
         FROM cells
        ORDER BY grade_order NULLS FIRST, grade_name, class_name, class_id, topic_order, code, topic_id`,
      params.values,
    );
  }
}
