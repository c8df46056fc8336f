import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { decodeCursorAs, type PageQuery, type Uuid } from '#core';
import type { ResponseSource } from '../entities/screening-response.entity.js';

/** The outcome band a response fell in, as its instrument names it. */
export interface ResponseBandView {
  code: string;
  labelZh: string;
  labelEn: string;
}

/** What every view of a response shows: no answers. */
export interface ResponseSummary {
  id: Uuid;
  campaignId: Uuid;
  campaignName: string;
  studentId: Uuid;
  instrumentId: Uuid;
  instrumentCode: string;
  instrumentVersion: number;
  instrumentNameZh: string;
  instrumentNameEn: string;
  source: ResponseSource;
  administeredAt: Date;
  submittedAt: Date;
  /** The sum of the scored items; null for instruments without a total (C-SSRS). */
  total: number | null;
  band: ResponseBandView | null;
  /** The band's code when rules chose it rather than a total range (UPI class, C-SSRS level). */
  classification: string | null;
  /** The keys of the critical items the answers hit. */
  criticalItemsHit: string[];
}

export interface ResponseRow extends ResponseSummary {
  studentName: string;
  className: string;
  enteredBy: Uuid | null;
  /** Encrypted. */
  answers: string;
  /** Whether the reader is on the campaign's team. */
  inTeam: boolean;
}

const SUMMARY_COLUMNS = `r.id, r.campaign_id AS "campaignId", c.name AS "campaignName", r.student_id AS "studentId",
  r.instrument_id AS "instrumentId", r.instrument_code AS "instrumentCode", r.instrument_version AS "instrumentVersion",
  i.name_zh AS "instrumentNameZh", i.name_en AS "instrumentNameEn", r.source, r.administered_at AS "administeredAt",
  r.submitted_at AS "submittedAt", r.total, r.classification, r.critical_items_hit AS "criticalItemsHit",
  (SELECT jsonb_build_object('code', b ->> 'code', 'labelZh', b ->> 'labelZh', 'labelEn', b ->> 'labelEn')
     FROM jsonb_array_elements(i.definition -> 'bands') AS b WHERE b ->> 'code' = r.band_code) AS band`;

const WITH_CAMPAIGN_AND_INSTRUMENT = `screening_responses r
  JOIN screening_campaigns c ON c.id = r.campaign_id
  JOIN screening_instruments i ON i.id = r.instrument_id`;

@Injectable()
export class ResponseReadRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The school's response, with whether `readerId` is on its campaign's team. */
  async findInSchool(schoolId: string, responseId: string, readerId: string, manager: EntityManager = this.dataSource.manager): Promise<ResponseRow | null> {
    const rows = await manager.query<ResponseRow[]>(
      `SELECT ${SUMMARY_COLUMNS}, s.name AS "studentName", cl.name AS "className", r.entered_by AS "enteredBy", r.answers,
              EXISTS (SELECT 1 FROM screening_campaign_counselors m WHERE m.campaign_id = r.campaign_id AND m.user_id = $3) AS "inTeam"
         FROM ${WITH_CAMPAIGN_AND_INSTRUMENT}
         JOIN students s ON s.id = r.student_id JOIN classes cl ON cl.id = s.class_id
        WHERE r.id = $1 AND r.school_id = $2`,
      [responseId, schoolId, readerId],
    );
    return rows[0] ?? null;
  }

  async studentInSchool(schoolId: string, studentId: string): Promise<boolean> {
    const rows = await this.dataSource.query('SELECT 1 FROM students WHERE id = $1 AND school_id = $2', [studentId, schoolId]);
    return rows.length > 0;
  }

  /** A student's responses, newest first; the (student_id, administered_at, id) index serves it. */
  listForStudent(schoolId: string, studentId: string, page: PageQuery): Promise<ResponseSummary[]> {
    const params: unknown[] = [studentId, schoolId];
    let after = '';
    if (page.cursor) {
      params.push(...decodeCursorAs(page.cursor, ['timestamptz', 'uuid']));
      after = 'AND (r.administered_at, r.id) < ($3::timestamptz, $4::uuid)';
    }
    params.push(page.limit + 1);
    return this.dataSource.query<ResponseSummary[]>(
      `SELECT ${SUMMARY_COLUMNS}
         FROM ${WITH_CAMPAIGN_AND_INSTRUMENT}
        WHERE r.student_id = $1 AND r.school_id = $2 ${after}
        ORDER BY r.administered_at DESC, r.id DESC
        LIMIT $${params.length}`,
      params,
    );
  }
}
