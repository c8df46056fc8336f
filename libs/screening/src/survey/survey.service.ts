import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Clock, validationProblem } from '#core';
import type { RequestOrigin } from '#access';
import { CampaignInstrumentRepository } from '../campaigns/campaign-instrument.repository.js';
import { InvitationRepository } from '../campaigns/invitations/invitation.repository.js';
import { ResponseRecorder } from '../responses/response-recorder.service.js';
import { HelpResourcesRepository } from '../survey-page/help-resources.repository.js';
import type { SubmitSurveyDto } from './dtos/submit-survey.dto.js';
import { checkSurveyAnswers } from './survey-answers.js';
import { surveyAlreadySubmitted, surveyClosed, surveyNotFound } from './survey-problems.js';
import { SURVEY_TOKEN_PATTERN } from './survey-token.js';
import { SurveyTokens } from './survey-tokens.js';
import { type SurveyInvitation, SurveyRepository } from './survey.repository.js';
import { type SubmittedSurvey, type SurveyView, surveyViewOf } from './survey.views.js';

/**
 * The student's side: no account, just the token of their invitation. It opens the survey while
 * the campaign is open and inside its window, and answers it once.
 */
@Injectable()
export class SurveyService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly survey: SurveyRepository,
    private readonly instruments: CampaignInstrumentRepository,
    private readonly invitations: InvitationRepository,
    private readonly recorder: ResponseRecorder,
    private readonly tokens: SurveyTokens,
    private readonly helpResources: HelpResourcesRepository,
    private readonly clock: Clock,
  ) {}

  async open(token: string): Promise<SurveyView> {
    const invitation = await this.answerableInvitation(token);
    return surveyViewOf(invitation, await this.instruments.instrumentsOf(invitation.campaignId));
  }

  /** Every instrument answered and valid, or 400 and nothing stored; then stored, scored and acted on in one transaction. */
  async submit(token: string, dto: SubmitSurveyDto, origin: RequestOrigin): Promise<SubmittedSurvey> {
    const invitation = await this.answerableInvitation(token);
    const { checked, errors } = checkSurveyAnswers(await this.instruments.instrumentsOf(invitation.campaignId), dto.answers, dto.flags);
    if (errors.length > 0) throw validationProblem(errors);
    const now = this.clock.now();
    await this.dataSource.transaction(async (manager) => {
      // The conditional claim decides between two submissions of one token: the loser gets 409.
      if (!(await this.invitations.claim(manager, invitation.invitationId, now))) throw surveyAlreadySubmitted();
      await this.recorder.record(
        manager,
        { schoolId: invitation.schoolId, ...origin },
        {
          schoolId: invitation.schoolId,
          campaignId: invitation.campaignId,
          source: 'survey',
          enteredBy: null,
          responses: checked.map((answers) => ({ ...answers, invitationId: invitation.invitationId, studentId: invitation.studentId, administeredAt: now })),
        },
      );
    });
    return {
      status: 'submitted',
      submittedAt: now,
      helpResources: await this.helpResources.resourcesOfSchool(invitation.schoolId),
      showHelpProminently: checked.some((answers) => answers.score.criticalItemsHit.length > 0),
    };
  }

  private async answerableInvitation(token: string): Promise<SurveyInvitation> {
    const invitation = SURVEY_TOKEN_PATTERN.test(token) ? await this.survey.findByTokenHash(this.tokens.hashOf(token)) : null;
    if (!invitation) throw surveyNotFound();
    if (invitation.status === 'used') throw surveyAlreadySubmitted();
    const now = this.clock.now().getTime();
    const open = invitation.campaignStatus === 'open' && invitation.opensAt.getTime() <= now && now < invitation.closesAt.getTime();
    if (!open) throw surveyClosed();
    return invitation;
  }
}
