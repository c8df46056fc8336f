import type { SessionMode } from '../availability/availability.js';

export interface CalendarSession {
  id: string;
  startsAt: Date;
  endsAt: Date;
  mode: SessionMode;
  place: string | null;
  /** A held slot waiting for the counselor's confirmation shows as tentative. */
  tentative: boolean;
  /** Increases with every change, so calendar applications take the latest. */
  sequence: number;
  updatedAt: Date;
}

const CRLF = '\r\n';
const MAX_LINE_OCTETS = 75;

const MODE_LABELS: Record<SessionMode, string> = {
  room: '面谈 in person',
  phone: '电话 phone',
  video: '视频 video',
};

/**
 * A counselor's sessions as an RFC 5545 calendar. Each event says only that there is a
 * counseling session, how and where: never who the student is or why.
 */
export function sessionsCalendar(sessions: readonly CalendarSession[], name: string): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//campus-care//Counseling calendar//ZH',
    'CALSCALE:GREGORIAN',
    `X-WR-CALNAME:${escapeText(name)}`,
    ...sessions.flatMap(sessionEvent),
    'END:VCALENDAR',
  ];
  return lines.map(foldLine).join(CRLF) + CRLF;
}

function sessionEvent(session: CalendarSession): string[] {
  return [
    'BEGIN:VEVENT',
    `UID:${session.id}@campus-care`,
    `DTSTAMP:${utcStamp(session.updatedAt)}`,
    `DTSTART:${utcStamp(session.startsAt)}`,
    `DTEND:${utcStamp(session.endsAt)}`,
    `SEQUENCE:${session.sequence}`,
    `SUMMARY:${escapeText(`咨询 Counseling session (${MODE_LABELS[session.mode]})`)}`,
    ...(session.place ? [`LOCATION:${escapeText(session.place)}`] : []),
    `STATUS:${session.tentative ? 'TENTATIVE' : 'CONFIRMED'}`,
    'TRANSP:OPAQUE',
    'CLASS:CONFIDENTIAL',
    'END:VEVENT',
  ];
}

/** `20260309T010000Z` */
export function utcStamp(at: Date): string {
  return at.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

/** TEXT values escape backslashes, semicolons, commas and line breaks (RFC 5545 3.3.11). */
export function escapeText(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n|\r/g, '\\n');
}

/**
 * Folds a content line into lines of at most 75 octets, continuation lines starting with a
 * space (RFC 5545 3.1), never splitting a multi-byte UTF-8 character.
 */
export function foldLine(line: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = Buffer.byteLength(char, 'utf8');
    const limit = parts.length === 0 ? MAX_LINE_OCTETS : MAX_LINE_OCTETS - 1;
    if (octets + size > limit) {
      parts.push(current);
      current = '';
      octets = 0;
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join(`${CRLF} `);
}
