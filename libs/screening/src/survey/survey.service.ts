import { timingSafeEqual } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Clock, validationProblem } from '#core';
import type { RequestOrigin } from '#access';
import { CampaignInstrumentRepository } from '../campaigns/campaign-instrument.repository.js';
import { InvitationRepository, type SurveySubmission } from '../campaigns/invitations/invitation.repository.js';
import type { CheckedAnswers } from '../responses/checked-answers.js';
import { ResponseRecorder } from '../responses/response-recorder.service.js';
import { HelpResourcesRepository } from '../survey-page/help-resources.repository.js';
import type { SubmitSurveyDto } from './dtos/submit-survey.dto.js';
import { checkSurveyAnswers } from './survey-answers.js';
import { surveyAlreadySubmitted, surveyClosed, surveyNotFound } from './survey-problems.js';
import { SURVEY_TOKEN_PATTERN, submissionDigest } from './survey-token.js';
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
    const invitation = await this.invitationOf(token);
    if (invitation.status === 'used') throw surveyAlreadySubmitted();
    this.assertOpen(invitation);
    return surveyViewOf(invitation, await this.instruments.instrumentsOf(invitation.campaignId));
  }

  /**
   * Every instrument answered and valid, or 400 and nothing stored; then stored, scored and acted on
   * in one transaction. A student whose answer got lost (a dropped connection: committed or not,
   * nobody knows) sends the same answers again: that gets the first submission's answer, and
   * stores nothing twice; other answers for a used token get 409.
   */
  async submit(token: string, dto: SubmitSurveyDto, origin: RequestOrigin): Promise<SubmittedSurvey> {
    const invitation = await this.invitationOf(token);
    const digest = submissionDigest(token, dto.answers, dto.flags);
    if (invitation.status === 'used') this.assertSameSubmission(invitation, digest);
    else this.assertOpen(invitation);
    const { checked, errors } = checkSurveyAnswers(await this.instruments.instrumentsOf(invitation.campaignId), dto.answers, dto.flags);
    if (errors.length > 0) throw validationProblem(errors);
    const submittedAt = invitation.status === 'used' ? (invitation.usedAt as Date) : await this.record(invitation, checked, digest, origin);
    return {
      status: 'submitted',
      submittedAt,
      helpResources: await this.helpResources.resourcesOfSchool(invitation.schoolId),
      showHelpProminently: checked.some((answers) => answers.score.criticalItemsHit.length > 0),
    };
  }

  /** Stores the submission; when it was used meanwhile, the earlier submission's time if it said the same. */
  private async record(invitation: SurveyInvitation, checked: CheckedAnswers[], digest: Buffer, origin: RequestOrigin): Promise<Date> {
    const now = this.clock.now();
    return this.dataSource.transaction(async (manager) => {
      // The conditional claim decides between two submissions of one token: the other is a replay or 409.
      if (!(await this.invitations.claim(manager, invitation.invitationId, now, digest))) {
        const earlier = await this.invitations.findSubmission(manager, invitation.invitationId);
        if (!earlier) throw surveyAlreadySubmitted();
        this.assertSameSubmission(earlier, digest);
        return earlier.usedAt;
      }
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
      return now;
    });
  }

  private assertSameSubmission(used: Pick<SurveySubmission, 'submissionDigest'>, digest: Buffer): void {
    if (!used.submissionDigest || !timingSafeEqual(used.submissionDigest, digest)) throw surveyAlreadySubmitted();
  }

  private async invitationOf(token: string): Promise<SurveyInvitation> {
    const invitation = SURVEY_TOKEN_PATTERN.test(token) ? await this.survey.findByTokenHash(this.tokens.hashOf(token)) : null;
    if (!invitation) throw surveyNotFound();
    return invitation;
  }

  private assertOpen(invitation: SurveyInvitation): void {
    const now = this.clock.now().getTime();
    const open = invitation.campaignStatus === 'open' && invitation.opensAt.getTime() <= now && now < invitation.closesAt.getTime();
    if (!open) throw surveyClosed();
  }
}
