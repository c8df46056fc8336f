import type { InstrumentDefinition, InstrumentItem } from '../instruments/instrument-definition.js';
import type { AnswerValue } from './answers.js';

export interface ScoreRange {
  min: number;
  max: number;
}

/** What an answer adds to the total: the option's value, or 1 for yes and 0 for no. */
export function itemScore(value: AnswerValue): number {
  return typeof value === 'boolean' ? Number(value) : value;
}

export function itemScoreRange(item: InstrumentItem): ScoreRange {
  if (item.kind === 'yes_no') return { min: 0, max: 1 };
  const values = item.options.map((o) => o.value);
  return { min: Math.min(...values), max: Math.max(...values) };
}

/** The lowest and highest possible total, or null for an instrument without one. */
export function totalRange(definition: InstrumentDefinition): ScoreRange | null {
  if (definition.scoring.total !== 'sum') return null;
  return definition.items
    .filter((item) => item.scored)
    .map(itemScoreRange)
    .reduce((sum, range) => ({ min: sum.min + range.min, max: sum.max + range.max }), { min: 0, max: 0 });
}
