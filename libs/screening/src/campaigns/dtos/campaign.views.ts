import type { CampaignStatus } from '../entities/screening-campaign.entity.js';

export interface CampaignInstrumentSummary {
  id: string;
  code: string;
  version: number;
  nameZh: string;
  nameEn: string;
}

/** A row of the campaign list. */
export interface CampaignSummary {
  id: string;
  name: string;
  status: CampaignStatus;
  opensAt: Date;
  closesAt: Date;
  instrumentCodes: string[];
  createdBy: string;
  createdAt: Date;
  version: number;
}

export interface CampaignDetail extends Omit<CampaignSummary, 'instrumentCodes'> {
  consentTextZh: string;
  consentTextEn: string | null;
  gradeIds: string[];
  classIds: string[];
  instruments: CampaignInstrumentSummary[];
  /** The team, creator included: the staff who see the answers. */
  counselorIds: string[];
  invitationCount: number;
  allowedTransitions: CampaignStatus[];
  openedAt: Date | null;
  closedAt: Date | null;
  updatedAt: Date;
}
