import { SMS_PART_LIMIT, SMS_SINGLE_LIMIT, smsSegments } from './sms-segments.js';

describe('SMS segments', () => {
  it('keeps a text of 70 characters in one segment', () => {
    const text = '预'.repeat(SMS_SINGLE_LIMIT);
    expect(smsSegments(text)).toEqual([text]);
  });

  it('cuts a longer text into parts of 67, by character', () => {
    const text = '警'.repeat(SMS_SINGLE_LIMIT + 1) + '😀';
    const parts = smsSegments(text);
    expect(parts.map((p) => [...p].length)).toEqual([SMS_PART_LIMIT, 5]);
    expect(parts.join('')).toBe(text);
  });
});
