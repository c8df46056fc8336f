import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ActivitiesController } from './activities/activities.controller.js';
import { ActivityLinksRepository } from './activities/activity-links.repository.js';
import { ActivityPlanningService } from './activities/activity-planning.service.js';
import { ActivityQueriesService } from './activities/activity-queries.service.js';
import { ActivityRepository } from './activities/activity.repository.js';
import { CatchUpRepository } from './catch-ups/catch-up.repository.js';
import { CatchUpsController } from './catch-ups/catch-ups.controller.js';
import { CatchUpsService } from './catch-ups/catch-ups.service.js';
import { CoverageController } from './coverage/coverage.controller.js';
import { CoverageRepository } from './coverage/coverage.repository.js';
import { CoverageService } from './coverage/coverage.service.js';
import { DeliveriesController } from './deliveries/deliveries.controller.js';
import { DeliveryConfirmationService } from './deliveries/delivery-confirmation.service.js';
import { DeliveryQueriesService } from './deliveries/delivery-queries.service.js';
import { DeliveryRepository } from './deliveries/delivery.repository.js';
import { educationEntities } from './entities/index.js';
import { EducationReportRepository } from './reports/education-report.repository.js';
import { EducationReportsController } from './reports/education-reports.controller.js';
import { EducationReportsService } from './reports/education-reports.service.js';
import { TopicRepository } from './topics/topic.repository.js';
import { TopicsController } from './topics/topics.controller.js';
import { TopicsService } from './topics/topics.service.js';

/**
 * Health education: topics, activities planned for classes, each class's confirmation that it
 * took place (with catch-ups for who missed it), coverage per class and topic, and reports.
 */
@Module({
  imports: [TypeOrmModule.forFeature(educationEntities)],
  controllers: [TopicsController, ActivitiesController, DeliveriesController, CatchUpsController, CoverageController, EducationReportsController],
  providers: [
    TopicRepository,
    TopicsService,
    ActivityRepository,
    ActivityLinksRepository,
    ActivityQueriesService,
    ActivityPlanningService,
    DeliveryRepository,
    DeliveryQueriesService,
    DeliveryConfirmationService,
    CatchUpRepository,
    CatchUpsService,
    CoverageRepository,
    CoverageService,
    EducationReportRepository,
    EducationReportsService,
  ],
  exports: [CoverageService],
})
export class EducationModule {}
