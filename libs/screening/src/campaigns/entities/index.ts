import { ScreeningCampaignCounselor } from './screening-campaign-counselor.entity.js';
import { ScreeningCampaignInstrument } from './screening-campaign-instrument.entity.js';
import { ScreeningCampaignTarget } from './screening-campaign-target.entity.js';
import { ScreeningCampaign } from './screening-campaign.entity.js';
import { ScreeningInvitation } from './screening-invitation.entity.js';

export * from './screening-campaign.entity.js';
export * from './screening-invitation.entity.js';
export { ScreeningCampaignCounselor, ScreeningCampaignInstrument, ScreeningCampaignTarget };

export const campaignEntities = [
  ScreeningCampaign,
  ScreeningCampaignTarget,
  ScreeningCampaignInstrument,
  ScreeningCampaignCounselor,
  ScreeningInvitation,
];
