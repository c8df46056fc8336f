import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { ResponseSource } from './entities/screening-response.entity.js';
import type { BandRisk } from './response-alerts.js';

/** A response ready to insert: answers already encrypted, bound to `id`. */
export interface NewResponseRow {
  id: string;
  invitationId: string;
  studentId: string;
  instrumentId: string;
  instrumentCode: string;
  instrumentVersion: number;
  answers: string;
  total: number | null;
  bandCode: string | null;
  classification: string | null;
  criticalItemsHit: string[];
  administeredAt: string;
}

/** The writes of ResponseRecorder: set-based, however many responses a batch holds. */
@Injectable()
export class ResponseRepository {
  /**
   * Inserts the responses in one statement; an instrument a student already answered in the
   * campaign is skipped by the unique key. Answers how many were inserted.
   */
  async insertMany(
    manager: EntityManager,
    batch: { schoolId: string; campaignId: string; source: ResponseSource; enteredBy: string | null; submittedAt: Date },
    rows: NewResponseRow[],
  ): Promise<number> {
    const [{ inserted }] = await manager.query<{ inserted: number }[]>(
      `WITH inserted AS (
         INSERT INTO screening_responses (id, school_id, campaign_id, invitation_id, student_id, instrument_id, instrument_code,
                instrument_version, answers, total, band_code, classification, critical_items_hit, source, administered_at,
                submitted_at, entered_by)
         SELECT r.id, $1, $2, r."invitationId", r."studentId", r."instrumentId", r."instrumentCode", r."instrumentVersion", r.answers,
                r.total, r."bandCode", r.classification, ARRAY(SELECT jsonb_array_elements_text(r."criticalItemsHit")), $3,
                r."administeredAt", $4, $5
           FROM jsonb_to_recordset($6::jsonb) AS r(id uuid, "invitationId" uuid, "studentId" uuid, "instrumentId" uuid,
                "instrumentCode" text, "instrumentVersion" int, answers text, total int, "bandCode" text, classification text,
                "criticalItemsHit" jsonb, "administeredAt" timestamptz)
         ON CONFLICT (invitation_id, instrument_id) DO NOTHING
         RETURNING 1)
       SELECT count(*)::int AS inserted FROM inserted`,
      [batch.schoolId, batch.campaignId, batch.source, batch.submittedAt, batch.enteredBy, JSON.stringify(rows)],
    );
    return inserted;
  }

  /** Which (invitation, instrument) pairs already have a response, as `invitationId:instrumentId`. */
  async answeredPairs(manager: EntityManager, invitationIds: string[]): Promise<Set<string>> {
    const rows = await manager.query<{ key: string }[]>(
      `SELECT invitation_id || ':' || instrument_id AS key FROM screening_responses WHERE invitation_id = ANY($1::uuid[])`,
      [invitationIds],
    );
    return new Set(rows.map((r) => r.key));
  }

  /** The band -> risk mapping of these instruments. */
  bandRisksOf(manager: EntityManager, instrumentCodes: string[]): Promise<BandRisk[]> {
    return manager.query<BandRisk[]>(
      `SELECT instrument_code AS "instrumentCode", band_code AS "bandCode", risk_level AS "riskLevel", raises_alert AS "raisesAlert"
         FROM screening_band_risk WHERE instrument_code = ANY($1::text[])`,
      [instrumentCodes],
    );
  }
}
