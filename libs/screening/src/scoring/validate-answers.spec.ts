import { PHQ9_V1, UPI_V1 } from '../instruments/definitions/index.js';
import { InvalidAnswersError, scoreResponse } from './score-response.js';
import { validateAnswers } from './validate-answers.js';

const phq9 = PHQ9_V1.definition;
const upi = UPI_V1.definition;
const zeros = (): Record<string, unknown> => Object.fromEntries(Array.from({ length: 9 }, (_, i) => [`item${i + 1}`, 0]));
const upiNo = (): Record<string, unknown> => Object.fromEntries(Array.from({ length: 60 }, (_, i) => [`item${i + 1}`, false]));

describe('validateAnswers', () => {
  it('accepts a complete set of answers', () => {
    expect(validateAnswers(phq9, zeros())).toEqual([]);
    expect(validateAnswers(upi, upiNo())).toEqual([]);
  });

  it('names a missing item', () => {
    const answers = zeros();
    delete answers.item9;
    expect(validateAnswers(phq9, answers)).toEqual([{ field: 'answers.item9', message: 'must be answered' }]);
  });

  it('names an item the instrument does not have', () => {
    expect(validateAnswers(phq9, { ...zeros(), item10: 1 })).toEqual([{ field: 'answers.item10', message: 'is not an item of this instrument' }]);
  });

  it.each([4, -1, 99])('names a value out of range (%i)', (value) => {
    expect(validateAnswers(phq9, { ...zeros(), item9: value })).toEqual([{ field: 'answers.item9', message: 'must be between 0 and 3' }]);
  });

  it('names a value of the wrong type', () => {
    expect(validateAnswers(phq9, { ...zeros(), item3: '2' })).toEqual([{ field: 'answers.item3', message: 'must be a number' }]);
    expect(validateAnswers(phq9, { ...zeros(), item3: null })).toEqual([{ field: 'answers.item3', message: 'must be a number' }]);
    expect(validateAnswers(phq9, { ...zeros(), item3: true })).toEqual([{ field: 'answers.item3', message: 'must be a number' }]);
    expect(validateAnswers(upi, { ...upiNo(), item25: 1 })).toEqual([{ field: 'answers.item25', message: 'must be true (yes) or false (no)' }]);
    expect(validateAnswers(upi, { ...upiNo(), item25: 'yes' })).toEqual([{ field: 'answers.item25', message: 'must be true (yes) or false (no)' }]);
  });

  it('names a value that is not a whole number', () => {
    expect(validateAnswers(phq9, { ...zeros(), item1: 1.5 })).toEqual([{ field: 'answers.item1', message: 'must be a whole number' }]);
    expect(validateAnswers(phq9, { ...zeros(), item1: Number.NaN })).toEqual([{ field: 'answers.item1', message: 'must be a whole number' }]);
  });

  it('reports every problem, in the order of the items, unknown items last', () => {
    const answers: Record<string, unknown> = { ...zeros(), item2: 7, extra: 1, item7: 'x' };
    delete answers.item5;
    expect(validateAnswers(phq9, answers).map((e) => e.field)).toEqual(['answers.item2', 'answers.item5', 'answers.item7', 'answers.extra']);
  });

  it('refuses anything but an object of answers', () => {
    for (const answers of [null, [], 'item1=0', 3]) {
      expect(validateAnswers(phq9, answers)).toEqual([{ field: 'answers', message: 'must be an object with one answer per item' }]);
    }
  });

  it('is not fooled by inherited property names', () => {
    expect(validateAnswers(phq9, { ...zeros(), toString: 1 })).toEqual([{ field: 'answers.toString', message: 'is not an item of this instrument' }]);
    expect(validateAnswers(phq9, { ...zeros(), hasOwnProperty: 1 })).toEqual([{ field: 'answers.hasOwnProperty', message: 'is not an item of this instrument' }]);
  });

  it('refuses flags that are not an object', () => {
    expect(validateAnswers(upi, upiNo(), ['asksForCounseling'])).toEqual([{ field: 'flags', message: 'must be an object of true/false flags' }]);
  });
});

describe('scoreResponse on answers that do not fit', () => {
  it('throws with the same field errors instead of scoring them', () => {
    const attempt = () => scoreResponse(phq9, { ...zeros(), item9: 5 } as Record<string, number>);
    expect(attempt).toThrow(InvalidAnswersError);
    try {
      attempt();
    } catch (error) {
      expect((error as InvalidAnswersError).errors).toEqual([{ field: 'answers.item9', message: 'must be between 0 and 3' }]);
    }
  });
});
