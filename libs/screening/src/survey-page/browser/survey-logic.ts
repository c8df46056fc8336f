/**
 * The survey page's rules, free of the DOM so that they can be unit tested: which items are asked
 * (skip logic as the server applies it), the steps and progress, what is kept in the browser and
 * what is sent. The types mirror `SurveyView` (survey.views.ts); this file imports nothing so
 * that the browser loads it as it is.
 */

export type Condition =
  | { type: 'answer'; item: string; equals?: boolean; min?: number; max?: number }
  | { type: 'total'; min?: number; max?: number }
  | { type: 'flag'; flag: string }
  | { type: 'combined'; combine?: 'or' | 'and'; conditions: Condition[] };

export interface PageItem {
  key: string;
  kind: 'choice' | 'yes_no';
  askedWhen?: Condition;
}

export interface PageInstrument {
  code: string;
  items: PageItem[];
  inputFlags: { key: string }[];
}

export type AnswerValue = number | boolean;
export type InstrumentAnswers = Record<string, AnswerValue>;
export type SurveyAnswers = Record<string, InstrumentAnswers>;
export type SurveyFlags = Record<string, Record<string, boolean>>;

/** A step after consent: one item of one instrument. */
export interface ItemStep {
  code: string;
  key: string;
}

/** Everything kept in the browser until the survey is submitted. */
export interface KeptState {
  consent: boolean;
  answers: SurveyAnswers;
  flags: SurveyFlags;
  /** -1 consent, 0..n-1 an item, n the review. */
  step: number;
}

export const EMPTY_STATE: KeptState = { consent: false, answers: {}, flags: {}, step: -1 };

const inRange = (value: number, range: { min?: number; max?: number }) =>
  (range.min === undefined || value >= range.min) && (range.max === undefined || value <= range.max);

/** Skip conditions read earlier answers only (no total, no flags), exactly as the server checks them. */
export function conditionHolds(condition: Condition, answers: InstrumentAnswers): boolean {
  switch (condition.type) {
    case 'answer': {
      if (!Object.hasOwn(answers, condition.item)) return false;
      const value = answers[condition.item];
      return typeof value === 'boolean' ? condition.equals === value : inRange(value, condition);
    }
    case 'total':
    case 'flag':
      return false;
    case 'combined': {
      const holds = (c: Condition) => conditionHolds(c, answers);
      return condition.combine === 'and' ? condition.conditions.every(holds) : condition.conditions.some(holds);
    }
  }
}

/** The items asked given the answers so far, in order; an item whose condition fails is left out. */
export function askedItems(instrument: PageInstrument, answers: InstrumentAnswers = {}): PageItem[] {
  const asked: PageItem[] = [];
  const seen: InstrumentAnswers = {};
  for (const item of instrument.items) {
    if (item.askedWhen && !conditionHolds(item.askedWhen, seen)) continue;
    asked.push(item);
    if (Object.hasOwn(answers, item.key)) seen[item.key] = answers[item.key];
  }
  return asked;
}

export function stepsOf(instruments: PageInstrument[], answers: SurveyAnswers): ItemStep[] {
  return instruments.flatMap((instrument) => askedItems(instrument, answers[instrument.code]).map((item) => ({ code: instrument.code, key: item.key })));
}

/** "3 / 9": the step's number among the items asked now. */
export function progressOf(steps: ItemStep[], step: number): { current: number; total: number } {
  return { current: Math.min(Math.max(step + 1, 1), steps.length), total: steps.length };
}

export const isAnswered = (answers: SurveyAnswers, step: ItemStep) => Object.hasOwn(answers[step.code] ?? {}, step.key);

/** The first step not answered yet, or the review when all are. */
export function firstUnanswered(steps: ItemStep[], answers: SurveyAnswers): number {
  const index = steps.findIndex((step) => !isAnswered(answers, step));
  return index === -1 ? steps.length : index;
}

/** The body of `POST /api/v1/survey/{token}`: asked items only, flags only when set. */
export function submissionOf(instruments: PageInstrument[], state: KeptState) {
  const answers: SurveyAnswers = {};
  const flags: SurveyFlags = {};
  for (const instrument of instruments) {
    const given = state.answers[instrument.code] ?? {};
    answers[instrument.code] = {};
    for (const item of askedItems(instrument, given)) {
      if (Object.hasOwn(given, item.key)) answers[instrument.code][item.key] = given[item.key];
    }
    const set = instrument.inputFlags.filter((flag) => state.flags[instrument.code]?.[flag.key] === true);
    if (set.length > 0) flags[instrument.code] = Object.fromEntries(set.map((flag) => [flag.key, true]));
  }
  return Object.keys(flags).length > 0 ? { consent: true, answers, flags } : { consent: true, answers };
}

/** Reads kept state back, dropping anything malformed (an old version of the page, a hand edit). */
export function parseKeptState(text: string | null): KeptState {
  if (!text) return { ...EMPTY_STATE };
  try {
    const value = JSON.parse(text) as Partial<KeptState>;
    const record = (v: unknown): v is Record<string, never> => typeof v === 'object' && v !== null && !Array.isArray(v);
    return {
      consent: value.consent === true,
      answers: record(value.answers) ? value.answers : {},
      flags: record(value.flags) ? value.flags : {},
      step: typeof value.step === 'number' && Number.isInteger(value.step) ? value.step : -1,
    };
  } catch {
    return { ...EMPTY_STATE };
  }
}

/** The key answers are kept under; one per link. */
export const storageKeyOf = (token: string) => `campus-care.survey.${token}`;
