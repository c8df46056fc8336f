import { describe, expect, it } from '@jest/globals';
import { completionPercent, csvFileName, localInputToIso, toLocalInput } from './progress';

describe('screening progress helpers', () => {
  it('rounds the completion down and has none without invitations', () => {
    expect(completionPercent(0, 30)).toBe(0);
    expect(completionPercent(29, 30)).toBe(96);
    expect(completionPercent(30, 30)).toBe(100);
    expect(completionPercent(0, 0)).toBeNull();
  });

  it('turns a datetime-local value into ISO and back to the minute', () => {
    const date = new Date(2026, 8, 1, 8, 30);
    expect(toLocalInput(date)).toBe('2026-09-01T08:30');
    expect(localInputToIso('2026-09-01T08:30')).toBe(date.toISOString());
  });

  it('makes a file name without path separators', () => {
    expect(csvFileName('2026/秋季: 新生')).toBe('2026_秋季_ 新生-invitations.csv');
    expect(csvFileName('///')).toBe('campaign-invitations.csv');
  });
});
