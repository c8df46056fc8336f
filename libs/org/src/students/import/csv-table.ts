import { CsvError, parse } from 'csv-parse/sync';
import type { FieldError } from '#core';

/** A CSV file as rows of cells; `row` counts the header as row 1, as a spreadsheet shows it. */
export interface CsvTable {
  header: string[];
  rows: { row: number; cells: string[] }[];
}

const SYNTAX_MESSAGES: Record<string, string> = {
  CSV_QUOTE_NOT_CLOSED: 'has a quoted cell that is never closed',
  CSV_INVALID_CLOSING_QUOTE: 'has a quote inside a cell that is not doubled ("")',
  INVALID_OPENING_QUOTE: 'has a quote inside a cell that is not doubled ("")',
};

/**
 * Reads UTF-8 CSV text (a byte-order mark is dropped; quoted cells may hold commas, quotes and
 * line breaks). Rows whose cells are all empty are skipped but still counted, so row numbers
 * match the spreadsheet. Answers the syntax error instead when the text is not CSV.
 */
export function parseCsvTable(text: string): CsvTable | FieldError {
  if (text.includes('\uFFFD')) {
    return { field: 'file', message: 'is not UTF-8 text: save it as "CSV UTF-8" and upload it again' };
  }
  let records: string[][];
  try {
    records = parse(text, { bom: true, trim: true, relax_column_count: true, skip_empty_lines: false });
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    const line = typeof error.lines === 'number' ? `line ${error.lines}` : 'file';
    return { field: line, message: SYNTAX_MESSAGES[error.code] ?? 'is not valid CSV' };
  }
  const [header = [], ...data] = records;
  return {
    header,
    rows: data
      .map((cells, index) => ({ row: index + 2, cells }))
      .filter(({ cells }) => cells.some((cell) => cell !== '')),
  };
}
