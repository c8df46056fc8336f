import type { FieldError } from '#core';
import type { CampaignInstrument } from '../campaigns/campaign-instrument.repository.js';
import { checkAnswers, type CheckedAnswers, renameFields } from '../responses/checked-answers.js';

/**
 * Checks a survey submission: answers for every instrument of the campaign and for nothing
 * else, each valid for its instrument. Either every instrument checked and scored, or every
 * error, named like `answers.phq9.item9` (nothing is stored unless all are valid).
 */
export function checkSurveyAnswers(
  instruments: CampaignInstrument[],
  answers: Record<string, unknown>,
  flags: Record<string, unknown> = {},
): { checked: CheckedAnswers[]; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const checked: CheckedAnswers[] = [];
  for (const instrument of instruments) {
    const { code } = instrument;
    if (!Object.hasOwn(answers, code)) {
      errors.push({ field: `answers.${code}`, message: 'must be answered: the survey asks this questionnaire' });
      continue;
    }
    const check = checkAnswers(instrument, answers[code], Object.hasOwn(flags, code) ? flags[code] : undefined);
    if (check.errors) errors.push(...renameFields(check.errors, { answers: `answers.${code}`, flags: `flags.${code}` }));
    else checked.push(check.checked);
  }
  const codes = new Set(instruments.map((i) => i.code));
  for (const [group, given] of [['answers', answers], ['flags', flags]] as const) {
    for (const key of Object.keys(given).filter((key) => !codes.has(key))) {
      errors.push({ field: `${group}.${key}`, message: 'is not a questionnaire of this survey' });
    }
  }
  return errors.length > 0 ? { checked: [], errors } : { checked, errors };
}
