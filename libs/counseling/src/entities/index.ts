import { Appointment } from './appointment.entity.js';
import { CounselorAvailabilityException } from './availability-exception.entity.js';
import { CounselorAvailabilityRule } from './availability-rule.entity.js';
import { CounselorCalendarFeed } from './calendar-feed.entity.js';
import { CounselingSettings } from './counseling-settings.entity.js';
import { SessionNote } from './session-note.entity.js';

export { Appointment, CounselingSettings, CounselorAvailabilityException, CounselorAvailabilityRule, CounselorCalendarFeed, SessionNote };
export * from './appointment.entity.js';
export * from './availability-exception.entity.js';

export const counselingEntities = [
  CounselingSettings,
  CounselorAvailabilityRule,
  CounselorAvailabilityException,
  Appointment,
  SessionNote,
  CounselorCalendarFeed,
];
