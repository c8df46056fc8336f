/// <reference types="jest" />
import { byInstrument, niceCeiling, scoreChartLayout } from './score-chart';

const box = { width: 320, height: 180, margin: { left: 40, right: 20, top: 10, bottom: 30 } };

describe('the screening chart scaling', () => {
  it('rounds the axis up to a multiple of 5, at least 5', () => {
    expect(niceCeiling(0)).toBe(5);
    expect(niceCeiling(5)).toBe(5);
    expect(niceCeiling(12)).toBe(15);
    expect(niceCeiling(27)).toBe(30);
    expect(niceCeiling(Number.NaN)).toBe(5);
  });

  it('places time in proportion left to right and the total from the bottom, oldest first', () => {
    const layout = scoreChartLayout(
      [
        { at: '2026-03-11T00:00:00Z', total: 20 },
        { at: '2026-03-01T00:00:00Z', total: 0 },
        { at: '2026-03-03T00:00:00Z', total: 10 },
      ],
      box,
    );
    expect(layout.yMax).toBe(20);
    expect(layout.points.map((p) => p.total)).toEqual([0, 10, 20]);
    // plot: x 40..300 over 10 days, y 150 (0) .. 10 (20)
    expect(layout.points.map((p) => [p.x, p.y])).toEqual([
      [40, 150],
      [92, 80],
      [300, 10],
    ]);
    expect(layout.path).toBe('M40 150 L92 80 L300 10');
    expect(layout.ticks.map((t) => t.value)).toEqual([0, 4, 8, 12, 16, 20]);
    expect(layout.ticks[0].y).toBe(150);
    expect(layout.ticks[5].y).toBe(10);
  });

  it('puts a single result in the middle', () => {
    const layout = scoreChartLayout([{ at: '2026-03-01T00:00:00Z', total: 7 }], box);
    expect(layout.points).toEqual([{ at: '2026-03-01T00:00:00Z', total: 7, x: 170, y: 52 }]);
    expect(layout.yMax).toBe(10);
  });

  it('groups results by instrument, each oldest first', () => {
    const groups = byInstrument([
      { instrumentCode: 'PHQ-9', administeredAt: '2026-05-01T00:00:00Z' },
      { instrumentCode: 'GAD-7', administeredAt: '2026-04-01T00:00:00Z' },
      { instrumentCode: 'PHQ-9', administeredAt: '2026-03-01T00:00:00Z' },
    ]);
    expect(groups.map(([code, items]) => [code, items.map((i) => i.administeredAt)])).toEqual([
      ['PHQ-9', ['2026-03-01T00:00:00Z', '2026-05-01T00:00:00Z']],
      ['GAD-7', ['2026-04-01T00:00:00Z']],
    ]);
  });
});
