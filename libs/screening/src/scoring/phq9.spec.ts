import { PHQ9_V1 } from '../instruments/definitions/index.js';
import { scoreResponse } from './score-response.js';

const definition = PHQ9_V1.definition;

/** Answers adding up to `total`, filled from item 1 on; item 9 is set apart. */
function answersWithTotal(total: number, item9 = 0): Record<string, number> {
  let rest = total - item9;
  const answers: Record<string, number> = { item9 };
  for (let n = 1; n <= 8; n++) {
    answers[`item${n}`] = Math.min(3, rest);
    rest -= answers[`item${n}`];
  }
  if (rest !== 0) throw new Error(`no PHQ-9 answers total ${total} with item 9 = ${item9}`);
  return answers;
}

describe('PHQ-9 scoring (Kroenke 2001)', () => {
  it.each([
    [0, 'minimal'],
    [4, 'minimal'],
    [5, 'mild'],
    [9, 'mild'],
    [10, 'moderate'],
    [14, 'moderate'],
    [15, 'moderately_severe'],
    [19, 'moderately_severe'],
    [20, 'severe'],
    [27, 'severe'],
  ])('puts a total of %i in the %s band', (total, band) => {
    const result = scoreResponse(definition, answersWithTotal(total, total === 27 ? 3 : 0));
    expect(result.total).toBe(total);
    expect(result.band?.code).toBe(band);
    expect(result.details.decidedBy).toEqual({ by: 'total' });
    expect(result.classification).toBeUndefined();
  });

  it('labels bands in Chinese and English', () => {
    expect(scoreResponse(definition, answersWithTotal(15)).band).toEqual({
      code: 'moderately_severe',
      labelZh: '中重度抑郁',
      labelEn: 'Moderately severe depression',
    });
  });

  it.each([1, 2, 3])('hits the critical item when item 9 is %i, even with a minimal total', (item9) => {
    const result = scoreResponse(definition, answersWithTotal(item9, item9));
    expect(result.criticalItemsHit).toEqual(['item9']);
    expect(result.band?.code).toBe('minimal');
  });

  it('does not hit the critical item when item 9 is 0, even with the highest other answers', () => {
    const result = scoreResponse(definition, answersWithTotal(24, 0));
    expect(result.criticalItemsHit).toEqual([]);
    expect(result.band?.code).toBe('severe');
  });

  it('keeps what each item added, and the possible range, to explain the score later', () => {
    const result = scoreResponse(definition, answersWithTotal(5, 2));
    expect(result.details.totalRange).toEqual({ min: 0, max: 27 });
    expect(result.details.itemScores).toEqual({ item1: 3, item2: 0, item3: 0, item4: 0, item5: 0, item6: 0, item7: 0, item8: 0, item9: 2 });
  });
});
