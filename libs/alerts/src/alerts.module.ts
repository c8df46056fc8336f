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
import { AlertReportController } from './reports/alert-report.controller.js';

/** Alerts that must reach a person: raising, acknowledging, escalating on a timer. */
@Module({
  imports: [TypeOrmModule.forFeature(alertEntities), NotificationsModule, RiskModule, HolidaysModule],
  controllers: [AlertsController, AlertDeadlinesController, AlertReportController],
  providers: [AlertRepository, AlertsService, AlertEscalationJob, AlertReport, AlertDeadlinesService],
  exports: [AlertsService, AlertEscalationJob],
})
export class AlertsModule {}
