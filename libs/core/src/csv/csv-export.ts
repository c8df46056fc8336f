/** A cell of an export: text (escaped and guarded) or a number (written as is, so it stays a number). */
export type CsvCell = string | number;

const BOM = '\uFEFF';
const CRLF = '\r\n';

/**
 * A file for spreadsheet programs (RFC 4180): UTF-8 with a byte-order mark, so Excel and WPS read
 * Chinese right, a header row, CRLF line ends, and a cell quoted when it holds a comma, quote or
 * line break.
 *
 * Text that starts like a formula (`=`, `+`, `-`, `@`, tab, carriage return) gets an apostrophe
 * in front, so a spreadsheet shows it instead of running it: names and notes come from people,
 * and `=HYPERLINK(...)` in a student's name must not become a link (OWASP, CSV injection).
 * Numbers are data, not text, and are never guarded: `-3` stays `-3`.
 */
export function csvExport(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  return BOM + [header, ...rows].map((cells) => cells.map(csvCell).join(',') + CRLF).join('');
}

function csvCell(value: CsvCell): string {
  const text = typeof value === 'number' ? numberText(value) : guarded(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function guarded(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** `NaN` or `-Infinity` in a report is a bug upstream, and `-Infinity` would read as a formula. */
function numberText(value: number): string {
  if (!Number.isFinite(value)) throw new RangeError(`a CSV cell cannot hold ${value}`);
  return String(value);
}
