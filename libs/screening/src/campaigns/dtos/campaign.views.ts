import type { Uuid } from '#core';
import type { CampaignStatus } from '../entities/screening-campaign.entity.js';

/** One questionnaire of a campaign, in the order the survey shows them. */
export interface CampaignInstrumentSummary {
  id: Uuid;
  code: string;
  version: number;
  nameZh: string;
  nameEn: string;
}

/** A row of the campaign list. */
export interface CampaignSummary {
  id: Uuid;
  name: string;
  status: CampaignStatus;
  opensAt: Date;
  closesAt: Date;
  /** The codes of its questionnaires, in survey order. */
  instrumentCodes: string[];
  createdBy: Uuid;
  createdAt: Date;
  version: number;
}

export interface CampaignDetail extends Omit<CampaignSummary, 'instrumentCodes'> {
  consentTextZh: string;
  consentTextEn: string | null;
  gradeIds: Uuid[];
  classIds: Uuid[];
  instruments: CampaignInstrumentSummary[];
  /** The team, creator included: the staff who see the answers. */
  counselorIds: Uuid[];
  invitationCount: number;
  /** The statuses the campaign may move to next. */
  allowedTransitions: CampaignStatus[];
  openedAt: Date | null;
  closedAt: Date | null;
  updatedAt: Date;
}
