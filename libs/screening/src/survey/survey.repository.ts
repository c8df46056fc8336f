import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { CampaignStatus } from '../campaigns/entities/screening-campaign.entity.js';
import type { InvitationStatus } from '../campaigns/entities/screening-invitation.entity.js';

/** An invitation as the survey needs it; the student is known by id only. */
export interface SurveyInvitation {
  invitationId: string;
  status: InvitationStatus;
  /** Set once used; the digest only when the student's own submission used it. */
  usedAt: Date | null;
  submissionDigest: Buffer | null;
  studentId: string;
  schoolId: string;
  schoolName: string;
  campaignId: string;
  campaignName: string;
  campaignStatus: CampaignStatus;
  opensAt: Date;
  closesAt: Date;
  consentTextZh: string;
  consentTextEn: string | null;
}

@Injectable()
export class SurveyRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** By the token's hash (unique index); the token itself is never stored. */
  async findByTokenHash(tokenHash: Buffer): Promise<SurveyInvitation | null> {
    const rows = await this.dataSource.query<SurveyInvitation[]>(
      `SELECT i.id AS "invitationId", i.status, i.used_at AS "usedAt", i.submission_digest AS "submissionDigest", i.student_id AS "studentId", i.school_id AS "schoolId", s.name AS "schoolName",
              c.id AS "campaignId", c.name AS "campaignName", c.status AS "campaignStatus", c.opens_at AS "opensAt",
              c.closes_at AS "closesAt", c.consent_text_zh AS "consentTextZh", c.consent_text_en AS "consentTextEn"
         FROM screening_invitations i
         JOIN screening_campaigns c ON c.id = i.campaign_id
         JOIN schools s ON s.id = i.school_id
        WHERE i.token_hash = $1`,
      [tokenHash],
    );
    return rows[0] ?? null;
  }
}
