import { normalisePhoneNumber } from './phone-number.js';

describe('normalisePhoneNumber', () => {
  it.each([
    ['13812345678', '13812345678'],
    ['138 1234 5678', '13812345678'],
    ['138-1234-5678', '13812345678'],
    ['+8613812345678', '13812345678'],
    ['0086 138 1234 5678', '13812345678'],
    ['86 199 1234 5678', '19912345678'],
    ['010-87654321', '010-87654321'],
    ['(021) 6123-4567', '021-61234567'],
    ['0755 8612 3456', '0755-86123456'],
    ['0871-5123456', '0871-5123456'],
    ['+86 755 8612 3456', '0755-86123456'],
    ['+86 0755 8612 3456', '0755-86123456'],
    ['+852 9123 4567', '+85291234567'],
    ['+886 912 345 678', '+886912345678'],
    ['00 44 20 7946 0958', '+442079460958'],
  ])('reads %s as %s', (input, canonical) => {
    expect(normalisePhoneNumber(input)).toBe(canonical);
  });

  it.each([
    ['12812345678', 'a mobile must start 13-19'],
    ['1381234567', 'too short for a mobile'],
    ['138123456789', 'too long for a mobile'],
    ['0755-1234567', 'a local number never starts with 1'],
    ['0755-123', 'too short for a landline'],
    ['+86 123', 'a +86 number that is neither mobile nor landline'],
    ['+1234567', 'too short for an international number'],
    ['+1 2345 6789 0123 456', 'longer than E.164 allows'],
    ['13812345678 ext 12', 'extensions are not accepted'],
    ['', 'empty'],
  ])('refuses %s (%s)', (input) => {
    expect(normalisePhoneNumber(input)).toBeNull();
  });

  it('answers each canonical form unchanged, so validating after normalising works', () => {
    for (const canonical of ['13812345678', '010-87654321', '0755-86123456', '+85291234567']) {
      expect(normalisePhoneNumber(canonical)).toBe(canonical);
    }
  });
});
