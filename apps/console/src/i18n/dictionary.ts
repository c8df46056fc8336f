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
  };
}

export const dictionaries: Record<Language, Dictionary> = { zh: inLanguage('zh'), en: inLanguage('en') };
