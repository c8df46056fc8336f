import type { CampaignStatus } from './entities/screening-campaign.entity.js';

/** draft -> open -> closed: a campaign is never reopened, so its invitations are issued once. */
const NEXT: Record<CampaignStatus, readonly CampaignStatus[]> = {
  draft: ['open'],
  open: ['closed'],
  closed: [],
};

export function allowedTransitions(from: CampaignStatus): CampaignStatus[] {
  return [...NEXT[from]];
}

export function canTransition(from: CampaignStatus, to: CampaignStatus): boolean {
  return NEXT[from].includes(to);
}
