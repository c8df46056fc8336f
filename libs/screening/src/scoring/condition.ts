import type { AnswerCondition, InstrumentCondition } from '../instruments/instrument-definition.js';
import { answerOf, type Answers, type InputFlags } from './answers.js';

export interface ConditionContext {
  answers: Answers;
  /** null when the instrument has no total. */
  total: number | null;
  flags: InputFlags;
}

const inRange = (n: number, range: { min?: number; max?: number }) =>
  (range.min === undefined || n >= range.min) && (range.max === undefined || n <= range.max);

/** Does the condition hold for these answers? The one interpreter of the rules in the data. */
export function conditionHolds(condition: InstrumentCondition, context: ConditionContext): boolean {
  switch (condition.type) {
    case 'answer':
      return answerMatches(condition, context.answers);
    case 'total':
      return context.total !== null && inRange(context.total, condition);
    case 'flag':
      return Object.hasOwn(context.flags, condition.flag) && context.flags[condition.flag] === true;
    case 'combined': {
      const holds = (c: InstrumentCondition) => conditionHolds(c, context);
      return condition.combine === 'and' ? condition.conditions.every(holds) : condition.conditions.some(holds);
    }
  }
}

/** An item that was not asked (absent) matches nothing. */
export function answerMatches(condition: AnswerCondition, answers: Answers): boolean {
  const value = answerOf(answers, condition.item);
  if (value === undefined) return false;
  if (typeof value === 'boolean') return condition.equals === value;
  return inRange(value, condition);
}

/** The items a condition reads, for skip logic that depends on them. */
export function itemsReadBy(condition: InstrumentCondition): string[] {
  switch (condition.type) {
    case 'answer':
      return [condition.item];
    case 'combined':
      return condition.conditions.flatMap(itemsReadBy);
    default:
      return [];
  }
}
