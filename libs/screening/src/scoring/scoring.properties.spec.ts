import fc from 'fast-check';
import { FIRST_INSTRUMENTS } from '../instruments/definitions/index.js';
import type { InstrumentDefinition, InstrumentItem } from '../instruments/instrument-definition.js';
import type { AnswerValue, Answers } from './answers.js';
import { conditionHolds } from './condition.js';
import { totalRange } from './item-scores.js';
import { scoreResponse } from './score-response.js';
import { validateAnswers } from './validate-answers.js';

const valueOf = (item: InstrumentItem): fc.Arbitrary<AnswerValue> =>
  item.kind === 'yes_no' ? fc.boolean() : fc.constantFrom(...item.options.map((o) => o.value));

/** A value for every item, then only the items the skip logic asks (read in order, like a form). */
function validAnswers(definition: InstrumentDefinition): fc.Arbitrary<Answers> {
  return fc.tuple(...definition.items.map(valueOf)).map((values) => {
    const answers: Record<string, AnswerValue> = {};
    definition.items.forEach((item, i) => {
      if (!item.askedWhen || conditionHolds(item.askedWhen, { answers, total: null, flags: {} })) answers[item.key] = values[i];
    });
    return answers;
  });
}

const flagsFor = (definition: InstrumentDefinition) =>
  fc.record(Object.fromEntries(definition.inputFlags.map((flag) => [flag.key, fc.boolean()])));

describe.each(FIRST_INSTRUMENTS.map((seed) => [seed.code, seed.definition] as const))('scoring %s, for any valid answers', (_code, definition) => {
  it('accepts them, keeps the total within the possible range, and always finds a band', () => {
    const range = totalRange(definition);
    fc.assert(
      fc.property(validAnswers(definition), flagsFor(definition), (answers, flags) => {
        expect(validateAnswers(definition, answers, flags)).toEqual([]);
        const result = scoreResponse(definition, answers, { flags });
        if (range) {
          expect(result.total).toBeGreaterThanOrEqual(range.min);
          expect(result.total).toBeLessThanOrEqual(range.max);
        } else {
          expect(result.total).toBeNull();
        }
        expect(definition.bands.map((b) => b.code)).toContain(result.band?.code);
      }),
    );
  });

  it('never adds a critical hit when a non-critical item changes', () => {
    const critical = new Set(definition.criticalItems.map((c) => c.item));
    const changeable = definition.items.filter((item) => !critical.has(item.key));
    fc.assert(
      fc.property(validAnswers(definition), fc.nat(), fc.nat(), (answers, pick, choice) => {
        const item = changeable[pick % changeable.length];
        if (!Object.hasOwn(answers, item.key)) return;
        const values = item.kind === 'yes_no' ? [true, false] : item.options.map((o) => o.value);
        const changed = { ...answers, [item.key]: values[choice % values.length] };
        // Only changes that leave a valid set of answers (skip logic may ask other questions then).
        if (validateAnswers(definition, changed).length > 0) return;
        const before = new Set(scoreResponse(definition, answers).criticalItemsHit);
        for (const hit of scoreResponse(definition, changed).criticalItemsHit) expect(before.has(hit)).toBe(true);
      }),
    );
  });

  it('answers anything thrown at it with field errors, never an exception', () => {
    const junk = fc.dictionary(
      fc.oneof(fc.constantFrom(...definition.items.map((i) => i.key)), fc.string()),
      fc.oneof(fc.integer({ min: -5, max: 5 }), fc.boolean(), fc.string(), fc.constant(null), fc.double()),
    );
    fc.assert(
      fc.property(junk, fc.anything(), (answers, flags) => {
        for (const error of validateAnswers(definition, answers, flags)) expect(error.field).toMatch(/^(answers|flags)(\.|$)/);
      }),
    );
  });
});
