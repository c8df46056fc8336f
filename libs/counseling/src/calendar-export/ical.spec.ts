import { escapeText, foldLine, sessionsCalendar, utcStamp } from './ical.js';

describe('iCalendar output', () => {
  const session = {
    id: '0b7e4a36-1d1f-4a57-9c55-2f6f3f0e8a11',
    startsAt: new Date('2026-03-09T01:00:00Z'),
    endsAt: new Date('2026-03-09T02:00:00Z'),
    mode: 'room' as const,
    place: '心理咨询室 201, 教学楼; 二楼',
    tentative: false,
    sequence: 2,
    updatedAt: new Date('2026-03-01T08:30:15.123Z'),
  };

  it('writes one event per session with a UID and UTC times, CRLF line ends', () => {
    const text = sessionsCalendar([session], '咨询 Counseling');
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const lines = text.replace(/\r\n /g, '').split('\r\n');
    expect(lines).toEqual([
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'PRODID:-//campus-care//Counseling calendar//ZH',
      'CALSCALE:GREGORIAN',
      'X-WR-CALNAME:咨询 Counseling',
      'BEGIN:VEVENT',
      'UID:0b7e4a36-1d1f-4a57-9c55-2f6f3f0e8a11@campus-care',
      'DTSTAMP:20260301T083015Z',
      'DTSTART:20260309T010000Z',
      'DTEND:20260309T020000Z',
      'SEQUENCE:2',
      'SUMMARY:咨询 Counseling session (面谈 in person)',
      'LOCATION:心理咨询室 201\\, 教学楼\\; 二楼',
      'STATUS:CONFIRMED',
      'TRANSP:OPAQUE',
      'CLASS:CONFIDENTIAL',
      'END:VEVENT',
      'END:VCALENDAR',
      '',
    ]);
  });

  it('folds long lines at 75 octets without splitting a Chinese character', () => {
    const line = `LOCATION:${'咨询室'.repeat(20)}`;
    const folded = foldLine(line);
    const physical = folded.split('\r\n');
    expect(physical.length).toBeGreaterThan(1);
    for (const part of physical) expect(Buffer.byteLength(part, 'utf8')).toBeLessThanOrEqual(75);
    expect(physical.slice(1).every((part) => part.startsWith(' '))).toBe(true);
    expect(physical.map((part, i) => (i === 0 ? part : part.slice(1))).join('')).toBe(line);
    expect(foldLine('SHORT:line')).toBe('SHORT:line');
  });

  it('escapes text and stamps in UTC', () => {
    expect(escapeText('a\\b;c,d\ne')).toBe('a\\\\b\\;c\\,d\\ne');
    expect(utcStamp(new Date('2026-12-31T23:59:59.999Z'))).toBe('20261231T235959Z');
  });
});
