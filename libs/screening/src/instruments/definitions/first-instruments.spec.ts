import { validateInstrumentDefinition } from '../validate-instrument-definition.js';
import { CSSRS_SCREENER_V1, FIRST_INSTRUMENTS, GAD7_V1, PHQ9_V1, UPI_V1 } from './index.js';

describe('the instruments the migration seeds', () => {
  it.each(FIRST_INSTRUMENTS.map((seed) => [seed.code, seed] as const))('%s is a sound definition', (_code, seed) => {
    expect(validateInstrumentDefinition(seed.definition)).toEqual([]);
    expect(seed.nameZh).not.toBe('');
    expect(seed.nameEn).not.toBe('');
  });

  it('are one version each of distinct instruments', () => {
    expect(FIRST_INSTRUMENTS.map((s) => `${s.code}@${s.version}`)).toEqual(['phq9@1', 'gad7@1', 'upi@1', 'cssrs_screener@1']);
  });

  it('have the published number of items, all scored 0-3 for the PHQ-9 and GAD-7', () => {
    for (const [seed, count] of [[PHQ9_V1, 9], [GAD7_V1, 7]] as const) {
      expect(seed.definition.items).toHaveLength(count);
      for (const item of seed.definition.items) {
        expect(item.kind === 'choice' && item.options.map((o) => o.value)).toEqual([0, 1, 2, 3]);
      }
    }
  });

  it('give the UPI 60 yes/no items of which 56 are scored, the lie-check items 5, 20, 35 and 50 not', () => {
    const items = UPI_V1.definition.items;
    expect(items).toHaveLength(60);
    expect(items.every((item) => item.kind === 'yes_no')).toBe(true);
    expect(items.filter((item) => !item.scored).map((item) => item.key)).toEqual(['item5', 'item20', 'item35', 'item50']);
    expect(items[24].textZh).toBe('想轻生');
    expect([items[7].textZh, items[15].textZh, items[25].textZh]).toEqual(['自己的过去和家庭是不幸的', '常常失眠', '对任何事都没兴趣']);
  });

  it('give the C-SSRS screener six questions and the 3-month follow-up of question 6', () => {
    expect(CSSRS_SCREENER_V1.definition.items.map((item) => item.key)).toEqual([
      'item1',
      'item2',
      'item3',
      'item4',
      'item5',
      'item6',
      'item6PastThreeMonths',
    ]);
  });
});
