import type { BandsByRules, CombinedCondition, InstrumentDefinition } from '../instruments/instrument-definition.js';
import { UPI_V1 } from '../instruments/definitions/index.js';
import { validateInstrumentDefinition } from '../instruments/validate-instrument-definition.js';
import { scoreResponse } from './score-response.js';
import { validateAnswers } from './validate-answers.js';

const definition = UPI_V1.definition;
const LIE_ITEMS = [5, 20, 35, 50];
const CLASS2_ITEMS = [8, 16, 26];

/** The same instrument with class 2 needing a 20-24 total AND a yes on item 8, 16 or 26. */
function withClass2Combination(combine: 'or' | 'and'): InstrumentDefinition {
  const copy = structuredClone(definition);
  const class2 = (copy.scoring as BandsByRules).rules.find((rule) => rule.band === 'class2');
  (class2?.when as CombinedCondition).combine = combine;
  return copy;
}

/** All "no", then "yes" on the given items, then on as many other plain scored items as `extraYes`. */
function answers(options: { yes?: number[]; extraYes?: number } = {}): Record<string, boolean> {
  const chosen = new Set(options.yes ?? []);
  const plain = Array.from({ length: 60 }, (_, i) => i + 1).filter(
    (n) => !LIE_ITEMS.includes(n) && !CLASS2_ITEMS.includes(n) && n !== 25 && !chosen.has(n),
  );
  plain.slice(0, options.extraYes ?? 0).forEach((n) => chosen.add(n));
  return Object.fromEntries(Array.from({ length: 60 }, (_, i) => [`item${i + 1}`, chosen.has(i + 1)]));
}

describe('UPI scoring', () => {
  it('counts 56 items: all "yes" totals 56 (class 1), the lie-check items 5, 20, 35, 50 add nothing', () => {
    const all = scoreResponse(definition, answers({ yes: Array.from({ length: 60 }, (_, i) => i + 1) }));
    expect(all.total).toBe(56);
    expect(all.details.totalRange).toEqual({ min: 0, max: 56 });
    expect(all.classification).toBe('class1');

    const lies = scoreResponse(definition, answers({ yes: LIE_ITEMS }));
    expect(lies.total).toBe(0);
    expect(lies.classification).toBe('class3');
    expect(lies.details.itemScores).not.toHaveProperty('item5');
  });

  it.each([
    [19, 'class3'],
    [20, 'class2'],
    [24, 'class2'],
    [25, 'class1'],
  ])('classifies a total of %i (none of items 8, 16, 25, 26) as %s', (total, expected) => {
    const result = scoreResponse(definition, answers({ extraYes: total }));
    expect(result.total).toBe(total);
    expect(result.classification).toBe(expected);
    expect(result.band?.code).toBe(expected);
  });

  it.each(CLASS2_ITEMS)('under "or" (this version), yes on item %i alone makes class 2', (item) => {
    expect(scoreResponse(definition, answers({ yes: [item] })).classification).toBe('class2');
  });

  describe('under "and" (a version configured so)', () => {
    const strict = withClass2Combination('and');

    it('is still a sound definition', () => {
      expect(validateInstrumentDefinition(strict)).toEqual([]);
    });

    it.each(CLASS2_ITEMS)('yes on item %i alone, with a low total, stays class 3', (item) => {
      expect(scoreResponse(strict, answers({ yes: [item] })).classification).toBe('class3');
    });

    it.each(CLASS2_ITEMS)('yes on item %i with a total of 20-24 makes class 2', (item) => {
      expect(scoreResponse(strict, answers({ yes: [item], extraYes: 19 })).classification).toBe('class2');
      expect(scoreResponse(strict, answers({ yes: [item], extraYes: 23 })).classification).toBe('class2');
    });

    it('a total of 20-24 without items 8, 16 or 26 stays class 3', () => {
      expect(scoreResponse(strict, answers({ extraYes: 22 })).classification).toBe('class3');
    });
  });

  it('makes yes on item 25 class 1 and a critical item, whatever the total', () => {
    const result = scoreResponse(definition, answers({ yes: [25] }));
    expect(result.total).toBe(1);
    expect(result.classification).toBe('class1');
    expect(result.criticalItemsHit).toEqual(['item25']);
    expect(scoreResponse(definition, answers({ extraYes: 30 })).criticalItemsHit).toEqual([]);
  });

  it('makes a student who asks for counseling class 1, whatever the total', () => {
    const result = scoreResponse(definition, answers(), { flags: { asksForCounseling: true } });
    expect(result.total).toBe(0);
    expect(result.classification).toBe('class1');
    expect(result.details.flags).toEqual({ asksForCounseling: true });
    expect(result.criticalItemsHit).toEqual([]);
    expect(scoreResponse(definition, answers(), { flags: { asksForCounseling: false } }).classification).toBe('class3');
    expect(scoreResponse(definition, answers()).details.flags).toEqual({ asksForCounseling: false });
  });

  it('rejects an unknown or non-boolean flag', () => {
    expect(validateAnswers(definition, answers(), { asksForHelp: true })).toEqual([{ field: 'flags.asksForHelp', message: 'is not a flag of this instrument' }]);
    expect(validateAnswers(definition, answers(), { asksForCounseling: 'yes' })).toEqual([{ field: 'flags.asksForCounseling', message: 'must be true or false' }]);
  });
});
