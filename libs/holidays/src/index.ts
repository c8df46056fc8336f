export * from './calendar/holiday-calendar.js';
export * from './calendar/upcoming-holiday.js';
export * from './entities/index.js';
export * from './holidays.module.js';
export { DutyReachabilityJob, type ReachabilityRun } from './reachability/duty-reachability.job.js';
export * from './routing/on-duty-officers.js';
export * from './windows/key-windows.js';
export { DUTY_SHIFTS } from './roster/duty-shift-hours.js';
export { addDays, midnightOf } from './windows/zone-dates.js';
