import { MAX_JSON_DEPTH, inputProblemIn, textFault } from './request-input.js';

const nestedObject = (depth: number): unknown => (depth === 0 ? 'leaf' : { a: nestedObject(depth - 1) });

describe('textFault', () => {
  it.each([['plain'], ['中文 и emoji 😀'], ['']])('accepts %p', (text) => {
    expect(textFault(text)).toBeUndefined();
  });

  it.each([['a\0b'], ['\uD800'], ['x\uDC00'], ['\uDE00\uD83D']])('refuses %p', (text) => {
    expect(textFault(text)).toEqual(expect.any(String));
  });
});

describe('inputProblemIn', () => {
  it('accepts nesting up to the limit and refuses one level more', () => {
    expect(inputProblemIn(nestedObject(MAX_JSON_DEPTH))).toBeUndefined();
    expect(inputProblemIn(nestedObject(MAX_JSON_DEPTH + 1))?.code).toBe('request.too_deep');
  });

  it('names every faulty field by its path, keys included', () => {
    const problem = inputProblemIn({ ok: 'fine', list: ['x', 'a\0'], deep: { note: '\uD800' }, ['k\0']: 1 });
    expect(problem?.code).toBe('validation.invalid');
    expect(problem?.extensions.errors?.map((e) => e.field).sort()).toEqual(['deep.note', 'k\0', 'list.1']);
  });

  it('names a faulty top-level text "body"', () => {
    expect(inputProblemIn('a\0b')?.extensions.errors).toEqual([{ field: 'body', message: 'must not contain NUL characters' }]);
  });

  it('reports at most 20 fields', () => {
    expect(inputProblemIn(Array.from({ length: 1000 }, () => '\0'))?.extensions.errors).toHaveLength(20);
  });
});
