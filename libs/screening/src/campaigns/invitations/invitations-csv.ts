/** One line of the invitation list a school hands out. */
export interface InvitationLine {
  studentNumber: string;
  name: string;
  className: string;
  token: string;
}

const HEADER = ['student_number', 'name', 'class', 'token', 'link'];
const BOM = '\uFEFF';

/** The survey's path for a token; the school's front end serves it under its own host. */
export const surveyLink = (token: string) => `/s/${token}`;

/**
 * The invitation list as CSV: UTF-8 with a byte-order mark (so spreadsheet programs read the
 * Chinese names right), a header row and CRLF line ends.
 */
export function invitationsCsv(lines: InvitationLine[]): string {
  const rows = lines.map((line) => [textCell(line.studentNumber), textCell(line.name), textCell(line.className), line.token, surveyLink(line.token)]);
  return BOM + [HEADER, ...rows].map((cells) => cells.map(quoted).join(',')).join('\r\n') + '\r\n';
}

/** Quotes a cell that holds a comma, quote or line break, doubling its quotes. */
function quoted(cell: string): string {
  return /[",\r\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell;
}

/**
 * Names and classes come from people: one starting like a formula is prefixed with an apostrophe
 * so a spreadsheet shows it as text instead of running it (CSV injection).
 */
function textCell(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}
