import { authText } from '../auth/auth.text';
import { navText } from '../app/nav.text';
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
    screening: sections.screening[language],
    calendar: sections.calendar[language],
  };
}

export const dictionaries: Record<Language, Dictionary> = { zh: inLanguage('zh'), en: inLanguage('en') };
