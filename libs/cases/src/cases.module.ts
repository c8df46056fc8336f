import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { NotificationsModule } from '#notifications';
import { RiskModule } from '#risk';
import { CaseAccessRepository } from './access/case-access.repository.js';
import { CaseRepository } from './case.repository.js';
import { CasesController } from './cases.controller.js';
import { CaseClosureService } from './closure/case-closure.service.js';
import { ClosureRequestRepository } from './closure/closure-request.repository.js';
import { caseEntities } from './entities/index.js';
import { CaseLifecycleService } from './lifecycle/case-lifecycle.service.js';
import { CaseOpeningHttpService } from './opening/case-opening-http.service.js';
import { CaseOpeningService } from './opening/case-opening.service.js';
import { CaseListRepository } from './queries/case-list.repository.js';
import { CaseQueryService } from './queries/case-query.service.js';
import { CaseTeamService } from './team/case-team.service.js';
import { CaseEventRepository } from './timeline/case-event.repository.js';

/** Intervention cases: from opening to safe closure, with everything done for the student. */
@Module({
  imports: [TypeOrmModule.forFeature(caseEntities), RiskModule, NotificationsModule],
  controllers: [CasesController],
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
  ],
  exports: [CaseOpeningService, CaseAccessRepository, CaseEventRepository],
})
export class CasesModule {}
