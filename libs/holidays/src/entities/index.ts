import { DutyReachabilityCheck } from './duty-reachability-check.entity.js';
import { DutyShift } from './duty-shift.entity.js';
import { HardshipAidApplication, HardshipAidTransition } from './hardship-aid.entity.js';
import { HolidayCategory } from './holiday-category.entity.js';
import { HolidaySafetyPlan } from './holiday-safety-plan.entity.js';
import { SchoolHoliday } from './school-holiday.entity.js';
import { SchoolTerm } from './school-term.entity.js';
import { SchoolWindowSettings } from './school-window-settings.entity.js';

export * from './duty-reachability-check.entity.js';
export * from './duty-shift.entity.js';
export * from './hardship-aid.entity.js';
export * from './holiday-category.entity.js';
export * from './holiday-safety-plan.entity.js';
export * from './school-holiday.entity.js';
export * from './school-term.entity.js';
export * from './school-window-settings.entity.js';

export const holidayEntities = [SchoolTerm, SchoolHoliday, SchoolWindowSettings, DutyShift, DutyReachabilityCheck, HolidayCategory, HardshipAidApplication, HardshipAidTransition, HolidaySafetyPlan];
