import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
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
import { DutyRosterController } from './roster/duty-roster.controller.js';
import { DutyRosterService } from './roster/duty-roster.service.js';
import { DutyShiftRepository } from './roster/duty-shift.repository.js';
import { OnDutyOfficers } from './routing/on-duty-officers.js';

/** Holiday windows: term calendars, key windows, the duty roster that routes crisis alerts, and students' holiday categories. */
@Module({
  imports: [TypeOrmModule.forFeature(holidayEntities)],
  controllers: [CalendarController, DutyRosterController, HolidayCategoriesController],
  providers: [CalendarPeriodRepository, CalendarPeriodsService, WindowSettingsService, KeyWindowsService, HolidayCalendar, DutyShiftRepository, DutyRosterService, OnDutyOfficers, HolidayCategoryRepository, HolidayCategoriesService],
  exports: [HolidayCalendar, OnDutyOfficers],
})
export class HolidaysModule {}
