import { askedItems, firstUnanswered, parseKeptState, progressOf, stepsOf, submissionOf, type PageInstrument } from './survey-logic.js';

const cssrs: PageInstrument = {
  code: 'cssrs',
  inputFlags: [{ key: 'asksForCounseling' }],
  items: [
    { key: 'item1', kind: 'yes_no' },
    { key: 'item2', kind: 'yes_no' },
    { key: 'item3', kind: 'yes_no', askedWhen: { type: 'answer', item: 'item2', equals: true } },
    { key: 'item6', kind: 'yes_no' },
  ],
};
const phq: PageInstrument = { code: 'phq9', inputFlags: [], items: [{ key: 'item1', kind: 'choice' }, { key: 'item9', kind: 'choice' }] };

describe('the survey page logic', () => {
  it('leaves out an item whose skip condition fails, and asks it once it holds', () => {
    expect(askedItems(cssrs, { item2: false }).map((i) => i.key)).toEqual(['item1', 'item2', 'item6']);
    expect(askedItems(cssrs, { item2: true }).map((i) => i.key)).toEqual(['item1', 'item2', 'item3', 'item6']);
    expect(askedItems(cssrs, {}).map((i) => i.key)).toEqual(['item1', 'item2', 'item6']);
  });

  it('counts progress over the items asked now', () => {
    const steps = stepsOf([phq, cssrs], { cssrs: { item2: true } });
    expect(steps).toHaveLength(6);
    expect(progressOf(steps, 2)).toEqual({ current: 3, total: 6 });
    expect(firstUnanswered(steps, { phq9: { item1: 0, item9: 1 } })).toBe(2);
  });

  it('sends only asked items and set flags', () => {
    const body = submissionOf([phq, cssrs], {
      consent: true,
      step: 0,
      answers: { phq9: { item1: 1, item9: 0 }, cssrs: { item1: false, item2: false, item3: true, item6: false } },
      flags: { cssrs: { asksForCounseling: true } },
    });
    expect(body).toEqual({
      consent: true,
      answers: { phq9: { item1: 1, item9: 0 }, cssrs: { item1: false, item2: false, item6: false } },
      flags: { cssrs: { asksForCounseling: true } },
    });
  });

  it('reads kept state back, ignoring anything malformed', () => {
    expect(parseKeptState('{"consent":true,"answers":{"phq9":{"item1":2}},"step":3}')).toEqual({ consent: true, answers: { phq9: { item1: 2 } }, flags: {}, step: 3 });
    expect(parseKeptState('not json')).toEqual({ consent: false, answers: {}, flags: {}, step: -1 });
    expect(parseKeptState(null).step).toBe(-1);
  });
});
