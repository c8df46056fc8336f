import { expectedVersion, pickChanges } from './versioned-update.js';

const fieldsOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return (error as { extensions: { errors: { field: string }[] } }).extensions.errors.map((e) => e.field);
  }
  throw new Error('expected a validation problem');
};

describe('expectedVersion', () => {
  it('takes the version from If-Match, from the body, or from both when they agree', () => {
    expect(expectedVersion('"3"', undefined)).toBe(3);
    expect(expectedVersion(undefined, 4)).toBe(4);
    expect(expectedVersion('"5"', 5)).toBe(5);
  });

  it('requires one', () => {
    expect(fieldsOf(() => expectedVersion(undefined, undefined))).toEqual(['version']);
  });

  it.each(['3', '"x"', 'W/"3"', '"1234567890"', '*'])('refuses the If-Match %p', (ifMatch) => {
    expect(fieldsOf(() => expectedVersion(ifMatch, undefined))).toEqual(['If-Match']);
  });

  it('refuses a header and a body that disagree', () => {
    expect(fieldsOf(() => expectedVersion('"3"', 4))).toEqual(['version']);
  });
});

describe('pickChanges', () => {
  it('keeps only the given values that differ, null included', () => {
    const current = { name: 'a', phone: '123' as string | null, active: true };
    expect(pickChanges(current, { name: 'a', phone: null, active: undefined })).toEqual({ phone: null });
    expect(pickChanges(current, { name: 'b', active: false })).toEqual({ name: 'b', active: false });
  });
});
