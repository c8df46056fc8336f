import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Clock, validationProblem } from '#core';
import type { Caller } from '#access';
import { CampaignInstrumentRepository } from '../../campaigns/campaign-instrument.repository.js';
import { campaignNotFound, campaignNotOpened } from '../../campaigns/campaign-problems.js';
import { CampaignRepository } from '../../campaigns/campaign.repository.js';
import { InvitationRepository } from '../../campaigns/invitations/invitation.repository.js';
import { checkAnswers } from '../checked-answers.js';
import type { EnterPaperResponseDto } from '../dtos/enter-paper-response.dto.js';
import { administeredAtErrors } from '../entry-rules.js';
import { studentNotInvited } from '../response-problems.js';
import { ResponseRecorder } from '../response-recorder.service.js';
import { ResponseReadRepository } from '../reads/response-read.repository.js';
import { ResponseReadsService } from '../reads/response-reads.service.js';
import type { ResponseDetailView } from '../reads/response.views.js';

/**
 * A paper form typed in by the campaign's team: checked, scored and acted on exactly like the
 * student's own survey (ResponseRecorder). It uses the invitation up, so the student's token no
 * longer opens the survey.
 */
@Injectable()
export class PaperEntryService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly campaigns: CampaignRepository,
    private readonly instruments: CampaignInstrumentRepository,
    private readonly invitations: InvitationRepository,
    private readonly recorder: ResponseRecorder,
    private readonly reads: ResponseReadRepository,
    private readonly views: ResponseReadsService,
    private readonly clock: Clock,
  ) {}

  async enter(caller: Caller, campaignId: string, dto: EnterPaperResponseDto): Promise<ResponseDetailView> {
    return this.dataSource.transaction(async (manager) => {
      const campaign = await this.campaigns.findMembership(caller.schoolId, campaignId, caller.userId, manager);
      if (!campaign?.inTeam) throw campaignNotFound();
      if (campaign.status === 'draft') throw campaignNotOpened();
      const instrument = (await this.instruments.instrumentsOf(campaignId, manager)).find((i) => i.code === dto.instrumentCode);
      const administeredAt = new Date(dto.administeredAt);
      const check = instrument ? checkAnswers(instrument, dto.answers, dto.flags) : null;
      const errors = [
        ...(instrument ? [] : [{ field: 'instrumentCode', message: 'is not an instrument of this campaign' }]),
        ...(check?.errors ?? []),
        ...administeredAtErrors('administeredAt', administeredAt, campaign, this.clock.now()),
      ];
      if (errors.length > 0 || !check?.checked) throw validationProblem(errors);

      const [invitation] = await this.invitations.findForStudents(manager, campaignId, { ids: [dto.studentId] });
      if (!invitation) throw studentNotInvited();
      const [responseId] = await this.recorder.record(manager, caller, {
        schoolId: caller.schoolId,
        campaignId,
        source: 'paper',
        enteredBy: caller.userId,
        responses: [{ ...check.checked, invitationId: invitation.invitationId, studentId: invitation.studentId, administeredAt }],
      });
      const stored = await this.reads.findInSchool(caller.schoolId, responseId, caller.userId, manager);
      if (!stored) throw new Error('The response just stored is not readable');
      return this.views.detailOf(stored);
    });
  }
}
