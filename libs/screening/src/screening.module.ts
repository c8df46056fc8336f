import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { configProvider } from '#core';
import { AlertsModule } from '#alerts';
import { IdentityModule } from '#identity';
import { RiskModule } from '#risk';
import { CampaignInstrumentRepository } from './campaigns/campaign-instrument.repository.js';
import { CampaignReferencesRepository } from './campaigns/campaign-references.repository.js';
import { CampaignTransitionsService } from './campaigns/campaign-transitions.service.js';
import { CampaignRepository } from './campaigns/campaign.repository.js';
import { CampaignsController } from './campaigns/campaigns.controller.js';
import { CampaignsService } from './campaigns/campaigns.service.js';
import { CampaignInvitationsController } from './campaigns/invitations/campaign-invitations.controller.js';
import { InvitationExportService } from './campaigns/invitations/invitation-export.service.js';
import { InvitationRepository } from './campaigns/invitations/invitation.repository.js';
import { CampaignProgressController } from './campaigns/progress/campaign-progress.controller.js';
import { CampaignProgressRepository } from './campaigns/progress/campaign-progress.repository.js';
import { CampaignProgressService } from './campaigns/progress/campaign-progress.service.js';
import { InstrumentRepository } from './instruments/instrument.repository.js';
import { InstrumentsController } from './instruments/instruments.controller.js';
import { InstrumentsService } from './instruments/instruments.service.js';
import { CampaignResponsesController } from './responses/campaign-responses.controller.js';
import { ResponseImportService } from './responses/import/response-import.service.js';
import { PaperEntryService } from './responses/paper/paper-entry.service.js';
import { ResponseReadRepository } from './responses/reads/response-read.repository.js';
import { ResponseReadsService } from './responses/reads/response-reads.service.js';
import { ResponsesController } from './responses/reads/responses.controller.js';
import { ResponseRecorder } from './responses/response-recorder.service.js';
import { CampaignReportController } from './reports/campaign-report.controller.js';
import { CampaignReportService } from './reports/campaign-report.service.js';
import { ResponseRepository } from './responses/response.repository.js';
import { screeningEntities } from './screening-entities.js';
import { SurveyConfig } from './survey/survey-config.js';
import { SurveyTokens } from './survey/survey-tokens.js';
import { SurveyController } from './survey/survey.controller.js';
import { SurveyRepository } from './survey/survey.repository.js';
import { SurveyService } from './survey/survey.service.js';
import { HelpResourcesRepository } from './survey-page/help-resources.repository.js';
import { DemoSurveyLinkService } from './survey-page/demo/demo-survey-link.service.js';
import { HelpResourcesController } from './survey-page/help-resources/help-resources.controller.js';
import { HelpResourcesService } from './survey-page/help-resources/help-resources.service.js';
import { SurveyPageController } from './survey-page/survey-page.controller.js';
import { SurveyPageService } from './survey-page/survey-page.service.js';
import { SlipsController } from './survey-page/slips/slips.controller.js';
import { SlipsRepository } from './survey-page/slips/slips.repository.js';
import { SlipsService } from './survey-page/slips/slips.service.js';

const INSTRUMENTS = [InstrumentRepository, InstrumentsService];
const CAMPAIGNS = [
  CampaignRepository,
  CampaignReferencesRepository,
  CampaignInstrumentRepository,
  CampaignsService,
  CampaignTransitionsService,
  InvitationRepository,
  InvitationExportService,
  CampaignProgressRepository,
  CampaignProgressService,
];
const SURVEY = [configProvider(SurveyConfig), SurveyTokens, SurveyRepository, SurveyService, HelpResourcesRepository, HelpResourcesService, SurveyPageService, SlipsRepository, SlipsService, DemoSurveyLinkService];
const RESPONSES = [ResponseRepository, ResponseRecorder, ResponseReadRepository, ResponseReadsService, PaperEntryService, ResponseImportService];

/**
 * Monitoring and early warning, screening side: instruments and their scoring, campaigns and
 * their invitations, the student survey, and responses (survey, paper, import) that raise alerts
 * and feed the risk register.
 */
@Module({
  imports: [TypeOrmModule.forFeature(screeningEntities), AlertsModule, RiskModule, IdentityModule],
  controllers: [
    InstrumentsController,
    CampaignsController,
    CampaignInvitationsController,
    CampaignProgressController,
    CampaignResponsesController,
    ResponsesController,
    SurveyController,
    SurveyPageController,
    SlipsController,
    HelpResourcesController,
    CampaignReportController,
  ],
  providers: [...INSTRUMENTS, ...CAMPAIGNS, ...SURVEY, ...RESPONSES, CampaignReportService],
  exports: [InstrumentRepository, ResponseRecorder, DemoSurveyLinkService],
})
export class ScreeningModule {}
