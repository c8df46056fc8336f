import { Injectable } from '@nestjs/common';
import type { Caller } from '#access';
import { AuditService } from '#audit';
import { SurveyTokens } from '../../survey/survey-tokens.js';
import { campaignNotFound } from '../campaign-problems.js';
import { CampaignRepository } from '../campaign.repository.js';
import { InvitationRepository } from './invitation.repository.js';
import { invitationsCsv } from './invitations-csv.js';

/**
 * The invitation list for distribution, tokens recomputed from the invitation ids. Tokens let
 * anyone answer as the student, so only the campaign's team may export, and every export is audited.
 */
@Injectable()
export class InvitationExportService {
  constructor(
    private readonly campaigns: CampaignRepository,
    private readonly invitations: InvitationRepository,
    private readonly tokens: SurveyTokens,
    private readonly audit: AuditService,
  ) {}

  async exportCsv(caller: Caller, campaignId: string): Promise<string> {
    const campaign = await this.campaigns.findMembership(caller.schoolId, campaignId, caller.userId);
    if (!campaign?.inTeam) throw campaignNotFound();
    const rows = await this.invitations.listForExport(caller.schoolId, campaignId);
    await this.audit.recordAlone(caller, {
      action: 'screening_invitation.export',
      entityType: 'screening_campaign',
      entityId: campaignId,
      reason: `${rows.length} invitations`,
    });
    return invitationsCsv(
      rows.map((row) => ({
        studentNumber: row.studentNumber,
        name: row.name,
        className: `${row.gradeName} ${row.className}`,
        token: this.tokens.tokenOf(row.id),
      })),
    );
  }
}
