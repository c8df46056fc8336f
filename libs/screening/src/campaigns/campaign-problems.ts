import { ConflictProblem, NotFoundProblem } from '#core';
import type { CampaignStatus } from './entities/screening-campaign.entity.js';

/** The problems the campaigns API answers with, in one place so codes and wording stay stable. */

/** Also the answer for a campaign of another school, or a team-only action by someone outside the team. */
export const campaignNotFound = () => new NotFoundProblem('campaign.not_found', 'No such screening campaign');

export const campaignVersionConflict = () =>
  new ConflictProblem('campaign.version_conflict', 'The campaign was changed meanwhile; reload it and apply your change again');

export const campaignNotEditable = (status: CampaignStatus) =>
  new ConflictProblem('campaign.not_editable', `The campaign is ${status}; only drafts can be edited`);

export const illegalTransition = (from: CampaignStatus, to: CampaignStatus, allowed: CampaignStatus[]) =>
  new ConflictProblem('campaign.illegal_transition', `The campaign is ${from} and cannot become ${to}`, { allowed });

export const campaignWindowPassed = () =>
  new ConflictProblem('campaign.window_passed', 'The campaign closes before now; move closesAt later before opening it');

export const campaignNotOpened = () =>
  new ConflictProblem('campaign.not_open', 'Results can be entered once the campaign has been opened');
