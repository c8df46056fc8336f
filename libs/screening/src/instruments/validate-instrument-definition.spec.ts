import { CSSRS_SCREENER_V1, PHQ9_V1, UPI_V1 } from './definitions/index.js';
import type { InstrumentDefinition } from './instrument-definition.js';
import { InvalidInstrumentDefinitionError, parseInstrumentDefinition, validateInstrumentDefinition } from './validate-instrument-definition.js';

type Mutable = Record<string, unknown> & InstrumentDefinition;

/** A deep copy of a seeded definition, changed by `change`, and what the validator says of it. */
function problemsAfter(base: InstrumentDefinition, change: (d: Mutable) => void): string[] {
  const copy = structuredClone(base) as Mutable;
  change(copy);
  return validateInstrumentDefinition(copy).map((e) => `${e.field}: ${e.message}`);
}

describe('validateInstrumentDefinition', () => {
  it('refuses what is not an object', () => {
    expect(validateInstrumentDefinition(null)).toEqual([{ field: 'definition', message: 'must be an object' }]);
    expect(validateInstrumentDefinition([])).toEqual([{ field: 'definition', message: 'must be an object' }]);
  });

  it('finds a gap between bands', () => {
    expect(problemsAfter(PHQ9_V1.definition, (d) => (d.bands[1].min = 6))).toEqual([
      'bands[1].min: must be 5: bands cover 0-27 with no gap or overlap',
    ]);
  });

  it('finds overlapping bands and bands that stop short of the highest total', () => {
    expect(problemsAfter(PHQ9_V1.definition, (d) => (d.bands[2].min = 9))).toEqual(['bands[2].min: must be 10: bands cover 0-27 with no gap or overlap']);
    expect(problemsAfter(PHQ9_V1.definition, (d) => (d.bands[4].max = 26))).toEqual(['bands[4].max: must be 27, the highest total']);
  });

  it('needs min and max on bands chosen by total, and none on bands chosen by rules', () => {
    expect(problemsAfter(PHQ9_V1.definition, (d) => delete d.bands[0].max)).toContain('bands[0]: must have min and max: the total chooses the band');
    expect(problemsAfter(UPI_V1.definition, (d) => (d.bands[0].min = 25))).toEqual(['bands[0]: has no min/max: rules choose the bands']);
  });

  it('finds duplicate item keys and misspelt fields', () => {
    expect(problemsAfter(PHQ9_V1.definition, (d) => (d.items[1].key = 'item1'))).toContain('items[1].key: must be unique');
    expect(problemsAfter(PHQ9_V1.definition, (d) => Object.assign(d.criticalItems[0], { equal: true }))).toEqual([
      'criticalItems[0].equal: is not a field of this object',
    ]);
  });

  it('finds a condition on an item that does not exist, or of the wrong kind', () => {
    expect(problemsAfter(PHQ9_V1.definition, (d) => (d.criticalItems[0].item = 'item10'))).toEqual([
      'criticalItems[0].item: must name an item of this instrument',
    ]);
    expect(problemsAfter(PHQ9_V1.definition, (d) => (d.criticalItems[0] = { type: 'answer', item: 'item9', equals: true }))).toEqual([
      'criticalItems[0].equals: a choice item is matched with min/max, not equals',
      'criticalItems[0]: must have min, max or both',
    ]);
    expect(problemsAfter(UPI_V1.definition, (d) => (d.criticalItems[0] = { type: 'answer', item: 'item25', min: 1 }))).toEqual([
      'criticalItems[0].equals: must be true or false for a yes/no item',
      'criticalItems[0]: a yes/no item is matched with equals, not min/max',
    ]);
  });

  it('lets skip logic read only earlier items', () => {
    expect(problemsAfter(CSSRS_SCREENER_V1.definition, (d) => (d.items[2].askedWhen = { type: 'answer', item: 'item6', equals: true }))).toEqual([
      'items[2].askedWhen.item: must name an earlier item of this instrument',
    ]);
  });

  it('keeps totals out of instruments without one, and scored items out of skip logic', () => {
    expect(problemsAfter(CSSRS_SCREENER_V1.definition, (d) => (d.items[0].scored = true))).toEqual(['items[0].scored: must be false: this instrument has no total']);
    expect(
      problemsAfter(CSSRS_SCREENER_V1.definition, (d) => {
        if (d.scoring.bandBy === 'rules') d.scoring.rules[0].when = { type: 'total', min: 1 };
      }),
    ).toEqual(['scoring.rules[0].when.type: cannot read a total here']);
    expect(problemsAfter(PHQ9_V1.definition, (d) => (d.items[8].askedWhen = { type: 'answer', item: 'item1', min: 1 }))).toEqual([
      'items[8].askedWhen: a scored item of an instrument with a total is always asked',
    ]);
  });

  it('checks that rules name real bands and flags', () => {
    expect(
      problemsAfter(UPI_V1.definition, (d) => {
        if (d.scoring.bandBy !== 'rules') return;
        d.scoring.rules[0].band = 'class0';
        d.scoring.otherwise = 'class4';
        d.scoring.rules[1].when = { type: 'flag', flag: 'asksForHelp' };
      }),
    ).toEqual([
      'scoring.rules[0].band: must be the code of a band',
      'scoring.rules[1].when.flag: must name an input flag of this instrument',
      'scoring.otherwise: must be the code of a band',
    ]);
  });

  it('checks how conditions combine', () => {
    expect(
      problemsAfter(UPI_V1.definition, (d) => {
        if (d.scoring.bandBy === 'rules') d.scoring.rules[1].when = { type: 'combined', combine: 'xor' as 'or', conditions: [] };
      }),
    ).toEqual(['scoring.rules[1].when.combine: must be or, or and', 'scoring.rules[1].when.conditions: must not be empty']);
  });

  it('refuses two critical conditions on one item and options with the same value', () => {
    expect(problemsAfter(PHQ9_V1.definition, (d) => d.criticalItems.push({ type: 'answer', item: 'item9', min: 2 }))).toEqual([
      'criticalItems[1].item: is already a critical item',
    ]);
    expect(problemsAfter(PHQ9_V1.definition, (d) => d.items[0].kind === 'choice' && (d.items[0].options = [...d.items[0].options, d.items[0].options[0]]))).toEqual([
      'items[0].options[4].value: must be unique within the item',
    ]);
  });

  it('parses a sound definition and throws with every problem of an unsound one', () => {
    expect(parseInstrumentDefinition(PHQ9_V1.definition)).toBe(PHQ9_V1.definition);
    expect(() => parseInstrumentDefinition({ format: 2 })).toThrow(InvalidInstrumentDefinitionError);
  });
});
