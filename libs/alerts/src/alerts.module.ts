import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { HolidaysModule } from '#holidays';
import { NotificationsModule } from '#notifications';
import { RiskModule } from '#risk';
import { AlertRepository } from './alert.repository.js';
import { AlertsController } from './alerts.controller.js';
import { AlertsService } from './alerts.service.js';
import { AlertDeadlinesController } from './deadlines/alert-deadlines.controller.js';
import { AlertDeadlinesService } from './deadlines/alert-deadlines.service.js';
import { alertEntities } from './entities/index.js';
import { AlertEscalationJob } from './escalation/alert-escalation.job.js';
import { AlertReport } from './reports/alert-report.js';
import { AckLinkController } from './paging/ack-link.controller.js';
import { AckLinkService } from './paging/ack-link.service.js';
import { AlertPager } from './paging/alert-pager.js';
import { PageFailures } from './paging/page-failures.js';
import { AlertReportController } from './reports/alert-report.controller.js';

/** Alerts that must reach a person: raising, paging, acknowledging (in the API or from a page's link), escalating on a timer. */
@Module({
  imports: [TypeOrmModule.forFeature(alertEntities), NotificationsModule, RiskModule, HolidaysModule],
  controllers: [AlertsController, AlertDeadlinesController, AlertReportController, AckLinkController],
  providers: [AlertRepository, AlertsService, AlertEscalationJob, AlertReport, AlertDeadlinesService, AlertPager, AckLinkService, PageFailures],
  exports: [AlertsService, AlertEscalationJob],
})
export class AlertsModule {}
