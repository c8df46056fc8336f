import type { FieldError } from '#core';
import { type CsvTable, parseCsvTable } from './csv-table.js';

/** The columns of a student import file, in the order the template lists them. */
export const IMPORT_COLUMNS = [
  'student_number',
  'name',
  'gender',
  'date_of_birth',
  'grade',
  'class',
  'status',
  'guardian_name',
  'guardian_relation',
  'guardian_phone',
] as const;
export type ImportColumn = (typeof IMPORT_COLUMNS)[number];

const REQUIRED_COLUMNS: ImportColumn[] = ['student_number', 'name', 'date_of_birth', 'grade', 'class'];

/** Big enough for a large university; the audit trail gets one entry per changed student. */
export const MAX_IMPORT_ROWS = 50_000;

/** A file whose CSV and header are usable; its rows are not checked yet. */
export interface ImportFile {
  table: CsvTable;
  columns: Map<ImportColumn, number>;
}

export interface ClassNames {
  gradeName: string;
  className: string;
}

/** Reads the CSV and its header; the errors instead when the file as a whole is unusable. */
export function readImportFile(text: string): ImportFile | FieldError[] {
  const table = parseCsvTable(text);
  if ('field' in table) return [table];
  if (table.header.length === 0) return [{ field: 'file', message: 'is empty: it needs a header row and a row per student' }];
  const columns = columnIndexes(table.header);
  if (Array.isArray(columns)) return columns;
  if (table.rows.length === 0) return [{ field: 'file', message: 'has no student rows below the header' }];
  if (table.rows.length > MAX_IMPORT_ROWS) {
    return [{ field: 'file', message: `has ${table.rows.length} rows; split it into files of at most ${MAX_IMPORT_ROWS}` }];
  }
  return { table, columns };
}

/** A cell by column name; missing trailing cells (and absent optional columns) read as empty. */
export function cellOf(file: ImportFile, cells: string[], column: ImportColumn): string {
  const index = file.columns.get(column);
  return index === undefined ? '' : (cells[index] ?? '');
}

/** The distinct (grade, class) names the file uses, to look the classes up in one query. */
export function classNamesUsed(file: ImportFile): ClassNames[] {
  const seen = new Map<string, ClassNames>();
  for (const { cells } of file.table.rows) {
    const names = { gradeName: cellOf(file, cells, 'grade'), className: cellOf(file, cells, 'class') };
    if (names.gradeName && names.className) seen.set(classKey(names), names);
  }
  return [...seen.values()];
}

export const classKey = ({ gradeName, className }: ClassNames): string => `${gradeName}\u0000${className}`;

/** Where each column is (names are matched case-insensitively); the errors instead. */
function columnIndexes(header: string[]): Map<ImportColumn, number> | FieldError[] {
  const errors: FieldError[] = [];
  const indexes = new Map<ImportColumn, number>();
  header.forEach((raw, index) => {
    const name = raw.trim().toLowerCase().replace(/\s+/g, '_') as ImportColumn;
    if (!IMPORT_COLUMNS.includes(name)) {
      errors.push({ field: 'header', message: `has an unknown column "${raw}"; the columns are ${IMPORT_COLUMNS.join(',')}` });
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
