import { Injectable } from '@nestjs/common';
import type { Caller } from '#access';
import { AuditService } from '#audit';
import { campaignNotFound } from '../../campaigns/campaign-problems.js';
import { SurveyConfig } from '../../survey/survey-config.js';
import { SurveyTokens } from '../../survey/survey-tokens.js';
import type { PageLanguage } from '../survey-page-text.js';
import { slipsPageHtml } from './slips.html.js';
import { SlipsRepository } from './slips.repository.js';

/**
 * Printable survey slips of one class. They carry tokens that let anyone answer as the student,
 * so only the campaign's team and the class's current teachers may print them, and every print
 * is audited (without the tokens).
 */
@Injectable()
export class SlipsService {
  private readonly publicOrigin: string | null;

  constructor(
    private readonly repository: SlipsRepository,
    private readonly tokens: SurveyTokens,
    private readonly audit: AuditService,
    config: SurveyConfig,
  ) {
    this.publicOrigin = config.publicOrigin();
  }

  /** `requestOrigin` is used only when no PUBLIC_BASE_URL is configured. */
  async page(caller: Caller, campaignId: string, classId: string, requestOrigin: string, lang: PageLanguage): Promise<string> {
    const access = await this.repository.findAccess(caller.schoolId, campaignId, classId, caller.userId);
    // A missing campaign, a missing class and one the caller may not print look the same.
    if (!access?.allowed) throw campaignNotFound();
    const rows = await this.repository.listForClass(caller.schoolId, campaignId, classId);
    const pending = rows.filter((row) => row.status === 'pending').length;
    await this.audit.recordAlone(caller, {
      action: 'screening_invitation.print',
      entityType: 'screening_campaign',
      entityId: campaignId,
      reason: `class ${classId}: ${pending} pending of ${rows.length} invitations`,
    });
    const origin = this.publicOrigin ?? requestOrigin;
    return slipsPageHtml(
      {
        schoolName: access.schoolName,
        campaignName: access.campaignName,
        className: `${access.gradeName} ${access.className}`,
        slips: rows.map((row) => ({
          name: row.name,
          studentNumber: row.studentNumber,
          link: row.status === 'pending' ? `${origin}/s/${this.tokens.tokenOf(row.invitationId)}` : null,
        })),
      },
      lang,
    );
  }
}
