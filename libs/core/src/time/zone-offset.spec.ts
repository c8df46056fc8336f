import { instantOfWallTime, zoneOffsetAt } from './zone-offset.js';

describe('zone arithmetic', () => {
  it('knows Asia/Shanghai is eight hours ahead all year', () => {
    expect(zoneOffsetAt(Date.UTC(2026, 0, 15), 'Asia/Shanghai')).toBe(8 * 3600_000);
    expect(zoneOffsetAt(Date.UTC(2026, 6, 15), 'Asia/Shanghai')).toBe(8 * 3600_000);
  });

  it('maps a wall time to its instant, across daylight-saving changes', () => {
    expect(instantOfWallTime(Date.UTC(2026, 10, 28), 'Asia/Shanghai').toISOString()).toBe('2026-11-27T16:00:00.000Z');
    expect(instantOfWallTime(Date.UTC(2026, 2, 29, 12), 'Europe/Berlin').toISOString()).toBe('2026-03-29T10:00:00.000Z');
    // 02:30 does not exist on 29 March 2026 in Berlin: the same span after the jump.
    expect(instantOfWallTime(Date.UTC(2026, 2, 29, 2, 30), 'Europe/Berlin').toISOString()).toBe('2026-03-29T01:30:00.000Z');
    // 02:30 happens twice on 25 October 2026: the first one.
    expect(instantOfWallTime(Date.UTC(2026, 9, 25, 2, 30), 'Europe/Berlin').toISOString()).toBe('2026-10-25T00:30:00.000Z');
  });
});
