import { notBeforeQuietHoursEnd } from './quiet-hours.js';

const SHANGHAI = 'Asia/Shanghai';
const at = (iso: string) => new Date(iso);

describe('quiet hours', () => {
  const night = { from: '22:00', until: '07:00' };

  it('lets a message go at once outside quiet hours, or with none', () => {
    expect(notBeforeQuietHoursEnd(at('2027-01-20T06:00:00Z'), SHANGHAI, night)).toEqual(at('2027-01-20T06:00:00Z')); // 14:00
    expect(notBeforeQuietHoursEnd(at('2027-01-20T18:00:00Z'), SHANGHAI, null)).toEqual(at('2027-01-20T18:00:00Z'));
  });

  it('holds a message sent before midnight until 07:00 the next morning', () => {
    // 23:30 on 20 January in Shanghai
    expect(notBeforeQuietHoursEnd(at('2027-01-20T15:30:00Z'), SHANGHAI, night)).toEqual(at('2027-01-20T23:00:00Z'));
  });

  it('holds a message sent after midnight until 07:00 the same morning', () => {
    // 02:00 on 21 January in Shanghai
    expect(notBeforeQuietHoursEnd(at('2027-01-20T18:00:00Z'), SHANGHAI, night)).toEqual(at('2027-01-20T23:00:00Z'));
  });

  it('treats the span as from inclusive and until exclusive', () => {
    expect(notBeforeQuietHoursEnd(at('2027-01-20T14:00:00Z'), SHANGHAI, night)).toEqual(at('2027-01-20T23:00:00Z')); // 22:00 sharp
    expect(notBeforeQuietHoursEnd(at('2027-01-20T23:00:00Z'), SHANGHAI, night)).toEqual(at('2027-01-20T23:00:00Z')); // 07:00 sharp
  });

  it('handles a span within one day and a zone with daylight saving', () => {
    const lunch = { from: '12:00', until: '13:30' };
    expect(notBeforeQuietHoursEnd(at('2027-01-20T04:15:00Z'), SHANGHAI, lunch)).toEqual(at('2027-01-20T05:30:00Z'));
    // New York, the night clocks go forward (14 March 2027): 01:00 local is 06:00Z, 07:00 local (EDT) is 11:00Z.
    expect(notBeforeQuietHoursEnd(at('2027-03-14T06:00:00Z'), 'America/New_York', night)).toEqual(at('2027-03-14T11:00:00Z'));
  });
});
