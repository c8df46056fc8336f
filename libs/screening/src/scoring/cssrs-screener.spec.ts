import { CSSRS_SCREENER_V1 } from '../instruments/definitions/index.js';
import { scoreResponse } from './score-response.js';
import { validateAnswers } from './validate-answers.js';

const definition = CSSRS_SCREENER_V1.definition;
const NO_TO_ALL = { item1: false, item2: false, item6: false };

/** Valid answers: items 3-5 only after yes to 2, the 3-month question only after yes to 6. */
function answers(yes: string[], past3Months?: boolean): Record<string, boolean> {
  const has = (item: string) => yes.includes(item);
  return {
    ...NO_TO_ALL,
    item1: has('item1'),
    item2: has('item2'),
    ...(has('item2') ? { item3: has('item3'), item4: has('item4'), item5: has('item5') } : {}),
    item6: has('item6'),
    ...(has('item6') ? { item6PastThreeMonths: past3Months ?? false } : {}),
  };
}

const level = (a: Record<string, boolean>) => scoreResponse(definition, a).classification;

describe('C-SSRS screener triage', () => {
  it('has no total and answers "none" when every answer is no', () => {
    const result = scoreResponse(definition, NO_TO_ALL);
    expect(result.total).toBeNull();
    expect(result.classification).toBe('none');
    expect(result.band).toEqual({ code: 'none', labelZh: '未发现风险', labelEn: 'No risk identified' });
    expect(result.details.decidedBy).toEqual({ by: 'otherwise' });
  });

  it('is low for a yes to question 1 or 2 only', () => {
    expect(level(answers(['item1']))).toBe('low');
    expect(level(answers(['item2']))).toBe('low');
    expect(level(answers(['item1', 'item2']))).toBe('low');
  });

  it('is moderate for a yes to question 3', () => {
    expect(level(answers(['item2', 'item3']))).toBe('moderate');
  });

  it('is moderate for suicidal behaviour longer than 3 months ago', () => {
    expect(level(answers(['item6'], false))).toBe('moderate');
  });

  it.each(['item4', 'item5'])('is high for a yes to %s', (item) => {
    expect(level(answers(['item2', item]))).toBe('high');
  });

  it('is high for suicidal behaviour within the past 3 months', () => {
    expect(level(answers(['item6'], true))).toBe('high');
  });

  it('takes the highest level that applies', () => {
    expect(level(answers(['item1', 'item2', 'item3', 'item6'], true))).toBe('high');
    expect(level(answers(['item1', 'item2', 'item3']))).toBe('moderate');
  });

  it.each([
    ['item4', answers(['item2', 'item4'])],
    ['item5', answers(['item2', 'item5'])],
    ['item6PastThreeMonths', answers(['item6'], true)],
  ])('hits the critical item %s', (item, given) => {
    expect(scoreResponse(definition, given).criticalItemsHit).toEqual([item]);
  });

  it('hits no critical item for behaviour longer ago, or for ideation without intent', () => {
    expect(scoreResponse(definition, answers(['item6'], false)).criticalItemsHit).toEqual([]);
    expect(scoreResponse(definition, answers(['item1', 'item2', 'item3'])).criticalItemsHit).toEqual([]);
  });

  describe('skip logic', () => {
    it('needs questions 3-5 after a yes to question 2', () => {
      expect(validateAnswers(definition, { item1: false, item2: true, item6: false })).toEqual([
        { field: 'answers.item3', message: 'must be answered' },
        { field: 'answers.item4', message: 'must be answered' },
        { field: 'answers.item5', message: 'must be answered' },
      ]);
    });

    it('refuses answers to questions 3-5 after a no to question 2', () => {
      expect(validateAnswers(definition, { ...NO_TO_ALL, item4: true })).toEqual([
        { field: 'answers.item4', message: 'must be left out: the earlier answers skip this question' },
      ]);
    });

    it('asks when the behaviour was only after a yes to question 6', () => {
      expect(validateAnswers(definition, { ...NO_TO_ALL, item6: true })).toEqual([{ field: 'answers.item6PastThreeMonths', message: 'must be answered' }]);
      expect(validateAnswers(definition, { ...NO_TO_ALL, item6PastThreeMonths: true })).toEqual([
        { field: 'answers.item6PastThreeMonths', message: 'must be left out: the earlier answers skip this question' },
      ]);
    });

    it('blames only question 2 when its own answer is wrong, not the questions it decides', () => {
      expect(validateAnswers(definition, { item1: false, item2: 'yes', item4: true, item6: false })).toEqual([
        { field: 'answers.item2', message: 'must be true (yes) or false (no)' },
      ]);
    });
  });
});
