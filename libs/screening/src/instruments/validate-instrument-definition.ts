import type { FieldError } from '#core';
import type { InstrumentDefinition } from './instrument-definition.js';
import { isRecord, Issues } from './validation/issues.js';
import { checkInputFlags, checkItems } from './validation/validate-items.js';
import { checkBandCoverage, checkBands, checkCriticalItems, checkScoring } from './validation/validate-outcomes.js';

/**
 * Everything wrong with a would-be instrument definition (empty when it is sound): shapes,
 * unique keys, conditions that name real items, flags and bands, skip logic that reads only
 * earlier items, and bands that cover every possible total exactly once. Pure.
 */
export function validateInstrumentDefinition(value: unknown): FieldError[] {
  if (!isRecord(value)) return [{ field: 'definition', message: 'must be an object' }];
  const issues = new Issues();
  issues.onlyKeys(value, ['format', 'source', 'instructionsZh', 'instructionsEn', 'items', 'inputFlags', 'scoring', 'bands', 'criticalItems'], '');
  if (value.format !== 1) issues.add('format', 'must be 1');
  for (const key of ['source', 'instructionsZh', 'instructionsEn']) issues.text(value, key, '');

  const items = checkItems(value, issues);
  const flags = checkInputFlags(value, issues);
  const bandCodes = checkBands(value, issues);
  checkScoring(value, items, flags, bandCodes, issues);
  checkCriticalItems(value, items, issues);
  // Coverage is only meaningful once everything it reads is known to be well formed.
  if (issues.list.length === 0) checkBandCoverage(value as unknown as InstrumentDefinition, issues);
  return issues.list;
}

export class InvalidInstrumentDefinitionError extends Error {
  constructor(readonly errors: FieldError[]) {
    super(`Invalid instrument definition: ${errors.map((e) => `${e.field} ${e.message}`).join('; ')}`);
    this.name = 'InvalidInstrumentDefinitionError';
  }
}

/** The definition, typed, or an error listing every problem. */
export function parseInstrumentDefinition(value: unknown): InstrumentDefinition {
  const errors = validateInstrumentDefinition(value);
  if (errors.length > 0) throw new InvalidInstrumentDefinitionError(errors);
  return value as InstrumentDefinition;
}
