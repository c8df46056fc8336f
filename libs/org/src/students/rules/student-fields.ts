/** Field rules shared by the JSON API and the CSV import, so both accept the same students. */

/** 学号: letters, digits and `._-`, as school registries issue them. */
export const STUDENT_NUMBER_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,49}$/;
export const STUDENT_NUMBER_RULE = 'must be 1-50 letters, digits, dots, dashes or underscores, starting with a letter or digit';

export const PERSON_NAME_MAX_LENGTH = 100;

const EARLIEST_BIRTH_YEAR = 1900;

/**
 * Why a `YYYY-MM-DD` date cannot be a date of birth, or null when it can: it must exist in the
 * calendar (no 2010-02-30) and lie between 1900 and today (a day of slack for time zones).
 */
export function dateOfBirthProblem(isoDate: string, now = new Date()): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!match) return 'must be a date written YYYY-MM-DD';
  const [year, month, day] = match.slice(1).map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    return 'is not a date in the calendar';
  }
  const tomorrow = new Date(now.getTime() + 24 * 60 * 60 * 1000).toISOString().slice(0, 10);
  if (year < EARLIEST_BIRTH_YEAR || isoDate > tomorrow) return `must lie between ${EARLIEST_BIRTH_YEAR} and today`;
  return null;
}
