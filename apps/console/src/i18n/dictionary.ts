import { authText } from '../auth/auth.text';
import { navText } from '../app/nav.text';
import { casesText } from '../cases/cases.text';
import { remindersText } from '../reminders/reminders.text';
import { flagsText } from '../flags/flags.text';
import { studentsText } from '../students/students.text';
import { teacherText } from '../teacher/teacher.text';
import { calendarText } from '../calendar/calendar.text';
import { screeningText } from '../screening/screening.text';
import { todayText } from '../today/today.text';
import { orgText } from '../org/org.text';
import { settingsText } from '../settings/settings.text';
import { readinessText } from '../readiness/readiness.text';
import { reportsText } from '../reports/reports.text';
import { oversightText } from '../oversight/oversight.text';
import { dutyText } from '../duty/duty.text';
import { commonText } from './common.text';

export type Language = 'zh' | 'en';

/** Every text of the console, one section per part of it. */
const sections = {
  common: commonText,
  auth: authText,
  nav: navText,
  today: todayText,
  cases: casesText,
  reminders: remindersText,
  students: studentsText,
  flags: flagsText,
  teacher: teacherText,
  screening: screeningText,
  calendar: calendarText,
  org: orgText,
  settings: settingsText,
  readiness: readinessText,
  reports: reportsText,
  oversight: oversightText,
  duty: dutyText,
};

export type Dictionary = { [K in keyof typeof sections]: (typeof sections)[K]['zh'] };

function inLanguage(language: Language): Dictionary {
  return {
    common: sections.common[language],
    auth: sections.auth[language],
    nav: sections.nav[language],
    today: sections.today[language],
    cases: sections.cases[language],
    reminders: sections.reminders[language],
    students: sections.students[language],
    flags: sections.flags[language],
    teacher: sections.teacher[language],
    screening: sections.screening[language],
    calendar: sections.calendar[language],
    org: sections.org[language],
    settings: sections.settings[language],
    readiness: sections.readiness[language],
    reports: sections.reports[language],
    oversight: sections.oversight[language],
    duty: sections.duty[language],
  };
}

export const dictionaries: Record<Language, Dictionary> = { zh: inLanguage('zh'), en: inLanguage('en') };
