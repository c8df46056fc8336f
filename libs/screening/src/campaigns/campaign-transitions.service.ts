import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Clock } from '#core';
import type { Caller } from '#access';
import { AuditService } from '#audit';
import { campaignNotFound, campaignVersionConflict, campaignWindowPassed, illegalTransition } from './campaign-problems.js';
import { allowedTransitions, canTransition } from './campaign-status.js';
import { CampaignRepository } from './campaign.repository.js';
import { CampaignsService } from './campaigns.service.js';
import type { CampaignDetail } from './dtos/campaign.views.js';
import type { TransitionCampaignDto } from './dtos/transition-campaign.dto.js';
import { InvitationRepository } from './invitations/invitation.repository.js';

/**
 * Opens and closes campaigns. Opening issues every invitation in the same transaction as the
 * status change, so a campaign is never open without its invitations (nor invited twice).
 */
@Injectable()
export class CampaignTransitionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly campaigns: CampaignRepository,
    private readonly invitations: InvitationRepository,
    private readonly campaignReads: CampaignsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async transition(caller: Caller, campaignId: string, { to, version }: TransitionCampaignDto): Promise<CampaignDetail> {
    await this.dataSource.transaction(async (manager) => {
      const current = await this.campaigns.lockForChange(manager, caller.schoolId, campaignId, caller.userId);
      if (!current?.inTeam) throw campaignNotFound();
      if (!canTransition(current.status, to)) throw illegalTransition(current.status, to, allowedTransitions(current.status));
      if (current.version !== version) throw campaignVersionConflict();
      const now = this.clock.now();
      if (to === 'open' && current.closesAt.getTime() <= now.getTime()) throw campaignWindowPassed();

      const moved = await this.campaigns.setStatus(manager, { schoolId: caller.schoolId, campaignId, from: current.status, to, version, at: now });
      if (!moved) throw campaignVersionConflict();
      const issued = to === 'open' ? await this.invitations.issueForCampaign(manager, caller.schoolId, campaignId) : null;
      await this.audit.record(manager, caller, {
        action: `screening_campaign.${to === 'open' ? 'open' : 'close'}`,
        entityType: 'screening_campaign',
        entityId: campaignId,
        changedFields: ['status'],
        reason: issued === null ? undefined : `${issued} invitations issued`,
      });
    });
    return this.campaignReads.get(caller, campaignId);
  }
}
