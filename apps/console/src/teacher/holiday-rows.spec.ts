import { describe, expect, it } from '@jest/globals';
import { holidayRows } from './holiday-rows';

describe('the holiday list of a class', () => {
  it('puts the unregistered first, each group by student number, and a registration wins over a stale "unregistered"', () => {
    const rows = holidayRows(
      [
        { studentId: 'b', studentName: '乙', studentNumber: '002' },
        { studentId: 'c', studentName: '丙', studentNumber: '001' },
      ],
      [
        { studentId: 'a', studentName: '甲', studentNumber: '003', whereabouts: 'at_home' },
        { studentId: 'b', studentName: '乙', studentNumber: '002', whereabouts: 'on_campus' },
      ],
    );
    expect(rows.map((r) => [r.studentId, r.registration?.whereabouts ?? null])).toEqual([
      ['c', null],
      ['b', 'on_campus'],
      ['a', 'at_home'],
    ]);
  });
});
