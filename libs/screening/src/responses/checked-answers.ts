import type { FieldError } from '#core';
import type { CampaignInstrument } from '../campaigns/campaign-instrument.repository.js';
import type { Answers, InputFlags } from '../scoring/answers.js';
import { scoreResponse, type ScoreResult } from '../scoring/score-response.js';
import { validateAnswers } from '../scoring/validate-answers.js';

/** One instrument's answers, valid and scored: what ResponseRecorder stores. */
export interface CheckedAnswers {
  instrument: CampaignInstrument;
  answers: Answers;
  flags: InputFlags;
  score: ScoreResult;
}

export type AnswerCheck = { checked: CheckedAnswers; errors?: undefined } | { checked?: undefined; errors: FieldError[] };

/**
 * Validates one instrument's answers and flags against its definition and scores them. Errors
 * name `answers.<item>` and `flags.<flag>` as validateAnswers does; callers rename them to where
 * the values came from (a survey's `answers.phq9.item9`, an import's `row 3: item9`).
 */
export function checkAnswers(instrument: CampaignInstrument, answers: unknown, flags: unknown): AnswerCheck {
  const errors = validateAnswers(instrument.definition, answers, flags);
  if (errors.length > 0) return { errors };
  const given = { answers: answers as Answers, flags: (flags ?? {}) as InputFlags };
  return { checked: { instrument, ...given, score: scoreResponse(instrument.definition, given.answers, { flags: given.flags }) } };
}

/** Moves `answers[.x]` and `flags[.x]` fields under other names, e.g. `answers.item9` to `answers.phq9.item9`. */
export function renameFields(errors: FieldError[], names: { answers: string; flags: string }): FieldError[] {
  return errors.map(({ field, message }) => {
    const [head, ...rest] = field.split('.');
    const renamed = head === 'answers' ? names.answers : head === 'flags' ? names.flags : head;
    return { field: [renamed, ...rest].join('.'), message };
  });
}
