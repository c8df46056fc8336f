import type { FieldError } from '#core';
import { type CsvTable, parseCsvTable } from '#org';
import type { CampaignInstrument } from '../../campaigns/campaign-instrument.repository.js';

/** The columns every file has (administered_at may be left out); the rest are item and flag keys. */
export const FIXED_COLUMNS = ['student_number', 'instrument', 'administered_at'] as const;
const REQUIRED_COLUMNS = ['student_number', 'instrument'];

export const MAX_IMPORT_ROWS = 50_000;

/** A file whose CSV and header are usable; its rows are not checked yet. */
export interface ResponseImportFile {
  table: CsvTable;
  /** By column name: a fixed column, or an item or flag key as the instruments spell it. */
  columns: Map<string, number>;
}

/** Reads the CSV and its header against the campaign's instruments; the errors instead when the file as a whole is unusable. */
export function readResponseImportFile(text: string, instruments: CampaignInstrument[]): ResponseImportFile | FieldError[] {
  const table = parseCsvTable(text);
  if ('field' in table) return [table];
  if (table.header.length === 0) return [{ field: 'file', message: 'is empty: it needs a header row and a row per response' }];
  const columns = columnIndexes(table.header, knownColumns(instruments));
  if (Array.isArray(columns)) return columns;
  if (table.rows.length === 0) return [{ field: 'file', message: 'has no response rows below the header' }];
  if (table.rows.length > MAX_IMPORT_ROWS) {
    return [{ field: 'file', message: `has ${table.rows.length} rows; split it into files of at most ${MAX_IMPORT_ROWS}` }];
  }
  return { table, columns };
}

/** A cell by column name; missing trailing cells and absent columns read as empty. */
export function cellOf(file: ResponseImportFile, cells: string[], column: string): string {
  const index = file.columns.get(column);
  return index === undefined ? '' : (cells[index] ?? '');
}

/** Every column name the file may use, by its lower-case spelling. */
function knownColumns(instruments: CampaignInstrument[]): Map<string, string> {
  const names = [
    ...FIXED_COLUMNS,
    ...instruments.flatMap(({ definition }) => [...definition.items.map((i) => i.key), ...definition.inputFlags.map((f) => f.key)]),
  ];
  return new Map(names.map((name) => [name.toLowerCase(), name]));
}

function columnIndexes(header: string[], known: Map<string, string>): Map<string, number> | FieldError[] {
  const errors: FieldError[] = [];
  const indexes = new Map<string, number>();
  header.forEach((raw, index) => {
    const name = known.get(raw.trim().toLowerCase());
    if (!name) {
      errors.push({ field: 'header', message: `has an unknown column "${raw}": besides ${FIXED_COLUMNS.join(', ')}, columns are item and flag keys of the campaign's instruments` });
    } else if (indexes.has(name)) {
      errors.push({ field: 'header', message: `names the column ${name} twice` });
    } else {
      indexes.set(name, index);
    }
  });
  for (const column of REQUIRED_COLUMNS) {
    if (!indexes.has(column)) errors.push({ field: 'header', message: `misses the column ${column}` });
  }
  return errors.length ? errors : indexes;
}
