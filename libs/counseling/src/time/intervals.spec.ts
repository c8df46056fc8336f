import { clip, contains, merge, overlaps, subtract } from './intervals.js';

const span = (start: number, end: number, kind = 'a') => ({ start, end, kind });

describe('intervals', () => {
  it('treats touching spans as not overlapping', () => {
    expect(overlaps(span(9, 10), span(10, 11))).toBe(false);
    expect(overlaps(span(9, 10), span(9.5, 11))).toBe(true);
    expect(contains(span(9, 12), span(9, 12))).toBe(true);
    expect(contains(span(9, 12), span(11, 12.5))).toBe(false);
  });

  it('subtracts cuts, keeping the other fields of each piece', () => {
    expect(subtract([span(9, 12, 'room')], [span(10, 11), span(11.5, 13)])).toEqual([span(9, 10, 'room'), span(11, 11.5, 'room')]);
    expect(subtract([span(9, 12)], [span(8, 13)])).toEqual([]);
    expect(subtract([span(9, 12)], [span(12, 13)])).toEqual([span(9, 12)]);
  });

  it('clips to a range', () => {
    expect(clip([span(8, 10), span(11, 20), span(21, 22)], { start: 9, end: 15 })).toEqual([span(9, 10), span(11, 15)]);
  });

  it('merges overlapping and touching spans of the same kind only', () => {
    expect(merge([span(10, 12), span(9, 10), span(13, 14), span(11, 13.5, 'b')], (a, b) => a.kind === b.kind)).toEqual([
      span(9, 12),
      span(11, 13.5, 'b'),
      span(13, 14),
    ]);
  });
});
