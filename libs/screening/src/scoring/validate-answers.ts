import type { FieldError } from '#core';
import type { InstrumentDefinition, InstrumentItem } from '../instruments/instrument-definition.js';
import type { AnswerValue } from './answers.js';
import { conditionHolds, itemsReadBy } from './condition.js';

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Checks one student's answers against the instrument: every asked item answered, nothing else,
 * each value of the right type and among the item's options. Errors name the item
 * (`answers.item9`) and follow the items' order; an empty list means the answers can be scored.
 */
export function validateAnswers(definition: InstrumentDefinition, answers: unknown, flags?: unknown): FieldError[] {
  if (!isRecord(answers)) return [{ field: 'answers', message: 'must be an object with one answer per item' }];
  return [...itemErrors(definition, answers), ...unknownItemErrors(definition, answers), ...flagErrors(definition, flags)];
}

function itemErrors(definition: InstrumentDefinition, answers: Record<string, unknown>): FieldError[] {
  const errors: FieldError[] = [];
  const accepted: Record<string, AnswerValue> = {};
  // Items whose own answer is wrong, or whose skip logic cannot be decided because of one:
  // items that depend on them get no "required"/"left out" error, only the cause does.
  const undecided = new Set<string>();

  for (const item of definition.items) {
    const field = `answers.${item.key}`;
    const asked = isAsked(item, accepted, undecided);
    if (!Object.hasOwn(answers, item.key)) {
      if (asked === true) errors.push({ field, message: 'must be answered' });
      if (asked !== false) undecided.add(item.key);
      continue;
    }
    if (asked === false) {
      errors.push({ field, message: 'must be left out: the earlier answers skip this question' });
      undecided.add(item.key);
      continue;
    }
    const problem = valueProblem(item, answers[item.key]);
    if (problem) errors.push({ field, message: problem });
    if (problem || asked === 'unknown') undecided.add(item.key);
    else accepted[item.key] = answers[item.key] as AnswerValue;
  }
  return errors;
}

function isAsked(item: InstrumentItem, accepted: Record<string, AnswerValue>, undecided: Set<string>): boolean | 'unknown' {
  if (!item.askedWhen) return true;
  if (itemsReadBy(item.askedWhen).some((key) => undecided.has(key))) return 'unknown';
  return conditionHolds(item.askedWhen, { answers: accepted, total: null, flags: {} });
}

function valueProblem(item: InstrumentItem, value: unknown): string | null {
  if (item.kind === 'yes_no') return typeof value === 'boolean' ? null : 'must be true (yes) or false (no)';
  if (typeof value !== 'number') return 'must be a number';
  if (!Number.isInteger(value)) return 'must be a whole number';
  const values = item.options.map((o) => o.value).sort((a, b) => a - b);
  if (values.includes(value)) return null;
  const contiguous = values.every((v, i) => i === 0 || v === values[i - 1] + 1);
  return contiguous ? `must be between ${values[0]} and ${values[values.length - 1]}` : `must be one of ${values.join(', ')}`;
}

function unknownItemErrors(definition: InstrumentDefinition, answers: Record<string, unknown>): FieldError[] {
  const known = new Set(definition.items.map((item) => item.key));
  return Object.keys(answers)
    .filter((key) => !known.has(key))
    .map((key) => ({ field: `answers.${key}`, message: 'is not an item of this instrument' }));
}

function flagErrors(definition: InstrumentDefinition, flags: unknown): FieldError[] {
  if (flags === undefined) return [];
  if (!isRecord(flags)) return [{ field: 'flags', message: 'must be an object of true/false flags' }];
  const known = new Set(definition.inputFlags.map((flag) => flag.key));
  return Object.entries(flags).flatMap(([key, value]) => {
    if (!known.has(key)) return [{ field: `flags.${key}`, message: 'is not a flag of this instrument' }];
    return typeof value === 'boolean' ? [] : [{ field: `flags.${key}`, message: 'must be true or false' }];
  });
}
