import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { decodeCursorAs, type PageQuery } from '#core';
import type { CampaignDetail, CampaignSummary } from './dtos/campaign.views.js';
import type { CampaignStatus } from './entities/screening-campaign.entity.js';

/** A campaign as stored, without what is derived for the answer (allowed transitions). */
export type CampaignRow = Omit<CampaignDetail, 'allowedTransitions'>;

export interface CampaignMembership {
  id: string;
  status: CampaignStatus;
  opensAt: Date;
  closesAt: Date;
  inTeam: boolean;
}

/** The editable values of a draft. */
export interface CampaignValues {
  name: string;
  opensAt: Date;
  closesAt: Date;
  consentTextZh: string;
  consentTextEn: string | null;
}

export interface CampaignSets {
  gradeIds: string[];
  classIds: string[];
  instrumentIds: string[];
  /** The team besides the creator. */
  counselorIds: string[];
}

const DETAIL_COLUMNS = `c.id, c.name, c.status, c.opens_at AS "opensAt", c.closes_at AS "closesAt",
  c.consent_text_zh AS "consentTextZh", c.consent_text_en AS "consentTextEn", c.created_by AS "createdBy",
  c.created_at AS "createdAt", c.updated_at AS "updatedAt", c.opened_at AS "openedAt", c.closed_at AS "closedAt", c.version,
  ARRAY(SELECT t.grade_id::text FROM screening_campaign_targets t WHERE t.campaign_id = c.id AND t.grade_id IS NOT NULL ORDER BY t.grade_id) AS "gradeIds",
  ARRAY(SELECT t.class_id::text FROM screening_campaign_targets t WHERE t.campaign_id = c.id AND t.class_id IS NOT NULL ORDER BY t.class_id) AS "classIds",
  ARRAY(SELECT m.user_id::text FROM screening_campaign_counselors m WHERE m.campaign_id = c.id ORDER BY m.added_at, m.user_id) AS "counselorIds",
  (SELECT COALESCE(jsonb_agg(jsonb_build_object('id', i.id, 'code', i.code, 'version', i.version, 'nameZh', i.name_zh, 'nameEn', i.name_en)
                    ORDER BY ci.position), '[]'::jsonb)
     FROM screening_campaign_instruments ci JOIN screening_instruments i ON i.id = ci.instrument_id
    WHERE ci.campaign_id = c.id) AS instruments,
  (SELECT count(*)::int FROM screening_invitations v WHERE v.campaign_id = c.id) AS "invitationCount"`;

/** Campaign rows, always within one school. */
@Injectable()
export class CampaignRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async findDetail(schoolId: string, campaignId: string, manager: EntityManager = this.dataSource.manager): Promise<CampaignRow | null> {
    const rows = await manager.query<CampaignRow[]>(`SELECT ${DETAIL_COLUMNS} FROM screening_campaigns c WHERE c.id = $1 AND c.school_id = $2`, [
      campaignId,
      schoolId,
    ]);
    return rows[0] ?? null;
  }

  /**
   * The campaign locked for a change, with whether `userId` is on its team; null when it is not
   * the school's. The lock makes "check the state, then write" safe against a concurrent change.
   */
  async lockForChange(manager: EntityManager, schoolId: string, campaignId: string, userId: string): Promise<(CampaignRow & { inTeam: boolean }) | null> {
    const rows = await manager.query<(CampaignRow & { inTeam: boolean })[]>(
      `SELECT ${DETAIL_COLUMNS},
              EXISTS (SELECT 1 FROM screening_campaign_counselors m WHERE m.campaign_id = c.id AND m.user_id = $3) AS "inTeam"
         FROM screening_campaigns c WHERE c.id = $1 AND c.school_id = $2 FOR UPDATE OF c`,
      [campaignId, schoolId, userId],
    );
    return rows[0] ?? null;
  }

  /** The campaign's state and whether `userId` is on its team; null when it is not the school's. */
  async findMembership(
    schoolId: string,
    campaignId: string,
    userId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<CampaignMembership | null> {
    const rows = await manager.query<CampaignMembership[]>(
      `SELECT c.id, c.status, c.opens_at AS "opensAt", c.closes_at AS "closesAt",
              EXISTS (SELECT 1 FROM screening_campaign_counselors m WHERE m.campaign_id = c.id AND m.user_id = $3) AS "inTeam"
         FROM screening_campaigns c WHERE c.id = $1 AND c.school_id = $2`,
      [campaignId, schoolId, userId],
    );
    return rows[0] ?? null;
  }

  /** Newest first; the (school_id, created_at, id) index serves it. */
  async list(schoolId: string, filter: { status?: CampaignStatus[] }, page: PageQuery): Promise<CampaignSummary[]> {
    const params: unknown[] = [schoolId];
    const where = ['c.school_id = $1'];
    if (filter.status?.length) {
      params.push(filter.status);
      where.push(`c.status = ANY($${params.length}::text[])`);
    }
    if (page.cursor) {
      const [createdAt, id] = decodeCursorAs(page.cursor, ['timestamptz', 'uuid']);
      params.push(createdAt, id);
      where.push(`(c.created_at, c.id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`);
    }
    params.push(page.limit + 1);
    return this.dataSource.query<CampaignSummary[]>(
      `SELECT c.id, c.name, c.status, c.opens_at AS "opensAt", c.closes_at AS "closesAt", c.created_by AS "createdBy",
              c.created_at AS "createdAt", c.version,
              ARRAY(SELECT i.code FROM screening_campaign_instruments ci JOIN screening_instruments i ON i.id = ci.instrument_id
                     WHERE ci.campaign_id = c.id ORDER BY ci.position) AS "instrumentCodes"
         FROM screening_campaigns c
        WHERE ${where.join(' AND ')}
        ORDER BY c.created_at DESC, c.id DESC
        LIMIT $${params.length}`,
      params,
    );
  }

  async insert(manager: EntityManager, campaign: CampaignValues & { id: string; schoolId: string; createdBy: string }): Promise<void> {
    await manager.query(
      `INSERT INTO screening_campaigns (id, school_id, name, opens_at, closes_at, consent_text_zh, consent_text_en, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [campaign.id, campaign.schoolId, campaign.name, campaign.opensAt, campaign.closesAt, campaign.consentTextZh, campaign.consentTextEn, campaign.createdBy],
    );
  }

  /** Writes a draft's values if it is still a draft at `version`, bumping the version; false otherwise. */
  async updateDraft(manager: EntityManager, key: { schoolId: string; campaignId: string; version: number }, values: CampaignValues): Promise<boolean> {
    // In a CTE: TypeORM answers a bare UPDATE with [rows, count] rather than rows.
    const rows = await manager.query<{ id: string }[]>(
      `WITH updated AS (
         UPDATE screening_campaigns
            SET name = $4, opens_at = $5, closes_at = $6, consent_text_zh = $7, consent_text_en = $8,
                version = version + 1, updated_at = now()
          WHERE id = $1 AND school_id = $2 AND version = $3 AND status = 'draft'
          RETURNING id)
       SELECT id FROM updated`,
      [key.campaignId, key.schoolId, key.version, values.name, values.opensAt, values.closesAt, values.consentTextZh, values.consentTextEn],
    );
    return rows.length > 0;
  }

  /** Moves the campaign from `from` to `to` if it is still there at `version`; false otherwise. */
  async setStatus(
    manager: EntityManager,
    change: { schoolId: string; campaignId: string; from: CampaignStatus; to: CampaignStatus; version: number; at: Date },
  ): Promise<boolean> {
    const rows = await manager.query<{ id: string }[]>(
      `WITH moved AS (
         UPDATE screening_campaigns
            SET status = $4, version = version + 1, updated_at = $6,
                opened_at = CASE WHEN $4 = 'open' THEN $6 ELSE opened_at END,
                closed_at = CASE WHEN $4 = 'closed' THEN $6 ELSE closed_at END
          WHERE id = $1 AND school_id = $2 AND status = $3 AND version = $5
          RETURNING id)
       SELECT id FROM moved`,
      [change.campaignId, change.schoolId, change.from, change.to, change.version, change.at],
    );
    return rows.length > 0;
  }

  /** Replaces whichever of the lists are given, each in one or two statements. */
  async replaceSets(manager: EntityManager, key: { schoolId: string; campaignId: string; createdBy: string }, sets: Partial<CampaignSets>): Promise<void> {
    const { schoolId, campaignId } = key;
    if (sets.gradeIds || sets.classIds) {
      await manager.query('DELETE FROM screening_campaign_targets WHERE campaign_id = $1', [campaignId]);
      await manager.query(
        `INSERT INTO screening_campaign_targets (school_id, campaign_id, grade_id, class_id)
         SELECT $1::uuid, $2::uuid, g, NULL::uuid FROM unnest($3::uuid[]) AS g
         UNION ALL
         SELECT $1::uuid, $2::uuid, NULL::uuid, c FROM unnest($4::uuid[]) AS c`,
        [schoolId, campaignId, sets.gradeIds ?? [], sets.classIds ?? []],
      );
    }
    if (sets.instrumentIds) {
      await manager.query('DELETE FROM screening_campaign_instruments WHERE campaign_id = $1', [campaignId]);
      await manager.query(
        `INSERT INTO screening_campaign_instruments (school_id, campaign_id, instrument_id, position)
         SELECT $1, $2, i.id, i.position FROM unnest($3::uuid[]) WITH ORDINALITY AS i(id, position)`,
        [schoolId, campaignId, sets.instrumentIds],
      );
    }
    if (sets.counselorIds) {
      await manager.query('DELETE FROM screening_campaign_counselors WHERE campaign_id = $1 AND user_id <> $2', [campaignId, key.createdBy]);
      await manager.query(
        `INSERT INTO screening_campaign_counselors (school_id, campaign_id, user_id)
         SELECT $1, $2, u FROM unnest($3::uuid[]) AS u
         ON CONFLICT (campaign_id, user_id) DO NOTHING`,
        [schoolId, campaignId, [key.createdBy, ...sets.counselorIds]],
      );
    }
  }
}
