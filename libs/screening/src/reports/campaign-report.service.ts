import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { NotFoundProblem, type Uuid } from '#core';
import type { Caller } from '#access';
import type { CampaignStatus } from '../campaigns/entities/screening-campaign.entity.js';

/** Completion of one grade: invitations answered of those issued. */
export interface CampaignReportGradeRow {
  gradeId: Uuid;
  gradeName: string;
  invited: number;
  submitted: number;
  /** submitted / invited, rounded to three decimals. */
  completion: number;
}

/** How many responses of one grade and instrument fell in one band. */
export interface CampaignReportBandRow {
  gradeId: Uuid;
  instrumentCode: string;
  /** The band's code, or `unbanded` for responses no band was given to. */
  bandCode: string;
  responses: number;
  /** Of those, how many hit a critical item. */
  withCriticalItem: number;
}

export interface CampaignReport {
  campaignId: Uuid;
  name: string;
  status: CampaignStatus;
  grades: CampaignReportGradeRow[];
  bands: CampaignReportBandRow[];
}

/** Completion and band distribution per grade: counts only, never a student. Two grouped queries. */
@Injectable()
export class CampaignReportService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async forCampaign(caller: Caller, campaignId: string): Promise<CampaignReport> {
    const [campaign] = await this.dataSource.query<{ name: string; status: CampaignStatus }[]>(
      'SELECT name, status FROM screening_campaigns WHERE id = $1 AND school_id = $2',
      [campaignId, caller.schoolId],
    );
    if (!campaign) throw new NotFoundProblem('campaign.not_found', 'No such campaign');
    const grades = await this.dataSource.query<CampaignReportGradeRow[]>(
      `SELECT g.id AS "gradeId", g.name AS "gradeName", count(*)::int AS invited,
              count(*) FILTER (WHERE i.status = 'used')::int AS submitted,
              round(count(*) FILTER (WHERE i.status = 'used')::numeric / count(*), 3)::float AS completion
         FROM screening_invitations i
         JOIN students s ON s.id = i.student_id JOIN classes c ON c.id = s.class_id JOIN grades g ON g.id = c.grade_id
        WHERE i.campaign_id = $1 AND i.school_id = $2
        GROUP BY g.id, g.name, g.sort_order
        ORDER BY g.sort_order, g.name`,
      [campaignId, caller.schoolId],
    );
    const bands = await this.dataSource.query<CampaignReportBandRow[]>(
      `SELECT c.grade_id AS "gradeId", r.instrument_code AS "instrumentCode", COALESCE(r.band_code, 'unbanded') AS "bandCode",
              count(*)::int AS responses, count(*) FILTER (WHERE cardinality(r.critical_items_hit) > 0)::int AS "withCriticalItem"
         FROM screening_responses r JOIN students s ON s.id = r.student_id JOIN classes c ON c.id = s.class_id
        WHERE r.campaign_id = $1 AND r.school_id = $2
        GROUP BY c.grade_id, r.instrument_code, r.band_code
        ORDER BY c.grade_id, r.instrument_code, r.band_code`,
      [campaignId, caller.schoolId],
    );
    return { campaignId, name: campaign.name, status: campaign.status, grades, bands };
  }
}
