import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { NotificationsModule } from '#notifications';
import { RiskModule } from '#risk';
import { CaseAccessRepository } from './access/case-access.repository.js';
import { CaseRepository } from './case.repository.js';
import { CasesController } from './cases.controller.js';
import { CaseClosureService } from './closure/case-closure.service.js';
import { ClosureRequestRepository } from './closure/closure-request.repository.js';
import { CaseContactRepository } from './contacts/case-contact.repository.js';
import { CaseContactsController } from './contacts/case-contacts.controller.js';
import { CaseContactsService } from './contacts/case-contacts.service.js';
import { caseEntities } from './entities/index.js';
import { CaseLifecycleService } from './lifecycle/case-lifecycle.service.js';
import { CaseNoteRepository } from './notes/case-note.repository.js';
import { CaseNotesController } from './notes/case-notes.controller.js';
import { CaseNotesService } from './notes/case-notes.service.js';
import { CaseOpeningHttpService } from './opening/case-opening-http.service.js';
import { CaseOpeningService } from './opening/case-opening.service.js';
import { CaseListRepository } from './queries/case-list.repository.js';
import { CaseQueryService } from './queries/case-query.service.js';
import { CaseReferralRepository } from './referrals/case-referral.repository.js';
import { CaseReferralsController } from './referrals/case-referrals.controller.js';
import { CaseReferralsService } from './referrals/case-referrals.service.js';
import { ReferralAgenciesController } from './referrals/referral-agencies.controller.js';
import { ReferralAgenciesService } from './referrals/referral-agencies.service.js';
import { ReferralAgencyRepository } from './referrals/referral-agency.repository.js';
import { CaseReportController } from './reports/case-report.controller.js';
import { CaseReportService } from './reports/case-report.service.js';
import { CaseTaskRepository } from './tasks/case-task.repository.js';
import { CaseTasksController } from './tasks/case-tasks.controller.js';
import { CaseTasksService } from './tasks/case-tasks.service.js';
import { MyTasksController } from './tasks/my-tasks.controller.js';
import { MyTasksService } from './tasks/my-tasks.service.js';
import { CaseTeamService } from './team/case-team.service.js';
import { CaseEventRepository } from './timeline/case-event.repository.js';

/** Intervention cases: from opening to safe closure, with everything done for the student. */
@Module({
  imports: [TypeOrmModule.forFeature(caseEntities), RiskModule, NotificationsModule],
  controllers: [
    CasesController,
    CaseTasksController,
    MyTasksController,
    CaseContactsController,
    ReferralAgenciesController,
    CaseReferralsController,
    CaseNotesController,
    CaseReportController,
  ],
  providers: [
    CaseAccessRepository,
    CaseRepository,
    CaseEventRepository,
    CaseListRepository,
    ClosureRequestRepository,
    CaseOpeningService,
    CaseOpeningHttpService,
    CaseLifecycleService,
    CaseTeamService,
    CaseClosureService,
    CaseQueryService,
    CaseTaskRepository,
    CaseTasksService,
    MyTasksService,
    CaseContactRepository,
    CaseContactsService,
    ReferralAgencyRepository,
    ReferralAgenciesService,
    CaseReferralRepository,
    CaseReferralsService,
    CaseNoteRepository,
    CaseNotesService,
    CaseReportService,
  ],
  exports: [CaseOpeningService, CaseAccessRepository, CaseEventRepository, CaseContactRepository],
})
export class CasesModule {}
