import type { Language } from '../i18n/dictionary';

/** Whole minutes from now to `due`: negative once it is past. Pure, for the countdowns. */
export function minutesUntil(due: string | Date, now: Date): number {
  const ms = new Date(due).getTime() - now.getTime();
  return ms >= 0 ? Math.floor(ms / 60_000) : -Math.ceil(-ms / 60_000);
}

/** "1 h 05 min" / "1小时05分": the length of a countdown, at least a minute. */
export function durationText(minutes: number, language: Language): string {
  const m = Math.max(Math.abs(minutes), 0);
  const hours = Math.floor(m / 60);
  const rest = m % 60;
  if (language === 'zh') return hours > 0 ? `${hours}小时${String(rest).padStart(2, '0')}分` : `${rest}分钟`;
  return hours > 0 ? `${hours} h ${String(rest).padStart(2, '0')} min` : `${rest} min`;
}

const locale = (language: Language) => (language === 'zh' ? 'zh-CN' : 'en-GB');

export function dateTimeText(value: string | Date, language: Language): string {
  return new Intl.DateTimeFormat(locale(language), { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(value));
}

export function dateText(value: string | Date, language: Language): string {
  return new Intl.DateTimeFormat(locale(language), { dateStyle: 'medium' }).format(new Date(value));
}

export function timeText(value: string | Date, language: Language): string {
  return new Intl.DateTimeFormat(locale(language), { timeStyle: 'short' }).format(new Date(value));
}
