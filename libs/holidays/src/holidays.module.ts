import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { IdentityModule } from '#identity';
import { NotificationsModule } from '#notifications';
import { CalendarController } from './calendar/calendar.controller.js';
import { CalendarPeriodRepository } from './calendar/calendar-period.repository.js';
import { CalendarPeriodsService } from './calendar/calendar-periods.service.js';
import { HolidayCalendar } from './calendar/holiday-calendar.js';
import { KeyWindowsService } from './calendar/key-windows.service.js';
import { WindowSettingsService } from './calendar/window-settings.service.js';
import { HolidayCategoriesController } from './categories/holiday-categories.controller.js';
import { HolidayCategoriesService } from './categories/holiday-categories.service.js';
import { HolidayCategoryRepository } from './categories/holiday-category.repository.js';
import { holidayEntities } from './entities/index.js';
import { HardshipAidController } from './hardship-aid/hardship-aid.controller.js';
import { HardshipAidRepository } from './hardship-aid/hardship-aid.repository.js';
import { HardshipAidService } from './hardship-aid/hardship-aid.service.js';
import { DutyRosterController } from './roster/duty-roster.controller.js';
import { DutyRosterService } from './roster/duty-roster.service.js';
import { DutyShiftRepository } from './roster/duty-shift.repository.js';
import { DutyReachabilityJob } from './reachability/duty-reachability.job.js';
import { ReachabilityCheckRepository } from './reachability/reachability-check.repository.js';
import { ReachabilityFailures } from './reachability/reachability-failures.js';
import { ReachabilityLinkController } from './reachability/reachability-link.controller.js';
import { ReachabilityLinkService } from './reachability/reachability-link.service.js';
import { OnDutyOfficers } from './routing/on-duty-officers.js';
import { SafetyPlanRepository } from './safety-plans/safety-plan.repository.js';
import { SafetyPlansController } from './safety-plans/safety-plans.controller.js';
import { SafetyPlansService } from './safety-plans/safety-plans.service.js';

/** Holiday windows: term calendars, key windows, the duty roster that routes crisis alerts and its reachability checks, students' holiday categories, temporary hardship aid and high-risk students' holiday safety plans. */
@Module({
  imports: [TypeOrmModule.forFeature(holidayEntities), IdentityModule, NotificationsModule],
  controllers: [CalendarController, DutyRosterController, ReachabilityLinkController, HolidayCategoriesController, HardshipAidController, SafetyPlansController],
  providers: [CalendarPeriodRepository, CalendarPeriodsService, WindowSettingsService, KeyWindowsService, HolidayCalendar, DutyShiftRepository, DutyRosterService, ReachabilityCheckRepository, DutyReachabilityJob, ReachabilityLinkService, ReachabilityFailures, OnDutyOfficers, HolidayCategoryRepository, HolidayCategoriesService, HardshipAidRepository, HardshipAidService, SafetyPlanRepository, SafetyPlansService],
  exports: [HolidayCalendar, OnDutyOfficers, DutyReachabilityJob],
})
export class HolidaysModule {}
