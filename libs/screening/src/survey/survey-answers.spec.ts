import type { CampaignInstrument } from '../campaigns/campaign-instrument.repository.js';
import { GAD7_V1, PHQ9_V1, UPI_V1 } from '../instruments/definitions/index.js';
import { checkSurveyAnswers } from './survey-answers.js';

const instrumentOf = (seed: typeof PHQ9_V1, id: string): CampaignInstrument => ({ id, ...seed });
const INSTRUMENTS = [instrumentOf(PHQ9_V1, 'i-phq9'), instrumentOf(GAD7_V1, 'i-gad7')];
const zeros = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`item${i + 1}`, 0]));
const fieldsOf = (answers: Record<string, unknown>, flags?: Record<string, unknown>) =>
  checkSurveyAnswers(INSTRUMENTS, answers, flags).errors.map((e) => e.field);

describe('checkSurveyAnswers', () => {
  it('scores every instrument when all answers are valid', () => {
    const { checked, errors } = checkSurveyAnswers(INSTRUMENTS, { phq9: { ...zeros(9), item9: 1 }, gad7: zeros(7) });
    expect(errors).toEqual([]);
    expect(checked.map((c) => [c.instrument.code, c.score.total, c.score.band?.code, c.score.criticalItemsHit])).toEqual([
      ['phq9', 1, 'minimal', ['item9']],
      ['gad7', 0, 'minimal', []],
    ]);
  });

  it('names the instrument and item of every error, and checks nothing is left out or added', () => {
    expect(fieldsOf({ phq9: { ...zeros(8), item10: 1 }, upi: {} })).toEqual(['answers.phq9.item9', 'answers.phq9.item10', 'answers.gad7', 'answers.upi']);
    expect(fieldsOf({ phq9: 'all zero', gad7: zeros(7) })).toEqual(['answers.phq9']);
  });

  it('checks flags per instrument', () => {
    const upi = [instrumentOf(UPI_V1, 'i-upi')];
    const answers = { upi: Object.fromEntries(UPI_V1.definition.items.map((item) => [item.key, false])) };
    expect(checkSurveyAnswers(upi, answers, { upi: { asksForCounseling: true } }).checked[0].score.band?.code).toBe('class1');
    expect(checkSurveyAnswers(upi, answers, { upi: { asksForCounselling: true }, phq9: {} }).errors.map((e) => e.field)).toEqual([
      'flags.upi.asksForCounselling',
      'flags.phq9',
    ]);
  });
});
