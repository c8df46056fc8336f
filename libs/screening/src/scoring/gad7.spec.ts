import { GAD7_V1 } from '../instruments/definitions/index.js';
import { scoreResponse } from './score-response.js';

const definition = GAD7_V1.definition;

function answersWithTotal(total: number): Record<string, number> {
  let rest = total;
  const answers: Record<string, number> = {};
  for (let n = 1; n <= 7; n++) {
    answers[`item${n}`] = Math.min(3, rest);
    rest -= answers[`item${n}`];
  }
  return answers;
}

describe('GAD-7 scoring (Spitzer 2006)', () => {
  it.each([
    [0, 'minimal'],
    [4, 'minimal'],
    [5, 'mild'],
    [9, 'mild'],
    [10, 'moderate'],
    [14, 'moderate'],
    [15, 'severe'],
    [21, 'severe'],
  ])('puts a total of %i in the %s band', (total, band) => {
    const result = scoreResponse(definition, answersWithTotal(total));
    expect(result.total).toBe(total);
    expect(result.band?.code).toBe(band);
  });

  it('has no critical item: even the highest answers raise none (pair it with the PHQ-9)', () => {
    expect(scoreResponse(definition, answersWithTotal(21)).criticalItemsHit).toEqual([]);
    expect(definition.criticalItems).toEqual([]);
  });
});
