import type { FieldError } from '#core';
import type { GuardianRelation } from '../../entities/guardian.entity.js';
import type { Gender, StudentStatus } from '../../entities/student.entity.js';
import { normalisePhoneNumber, PHONE_NUMBER_RULE } from '../rules/phone-number.js';
import { dateOfBirthProblem, PERSON_NAME_MAX_LENGTH, STUDENT_NUMBER_PATTERN, STUDENT_NUMBER_RULE } from '../rules/student-fields.js';
import { cellOf, type ClassNames, type ImportColumn, type ImportFile } from './import-file.js';
import { GENDER_CHOICES, readCalendarDate, readGender, readRelation, readStatus, RELATION_CHOICES, STATUS_CHOICES } from './import-values.js';

/** One valid row, its grade and class resolved. Empty optional cells are null: they leave a stored value alone. */
export interface ImportRow {
  row: number;
  studentNumber: string;
  name: string;
  gender: Gender | null;
  dateOfBirth: string;
  classId: string;
  status: StudentStatus | null;
  /** The student's primary guardian, when the row names one. */
  guardian: { name: string; relation: GuardianRelation | null; phone: string } | null;
}

export interface RowContext {
  now: Date;
  /** The school's class with these names, if there is one. */
  classIdOf(names: ClassNames): string | undefined;
}

/** Either valid rows, or every error found (and no rows). */
export interface ImportRowsResult {
  rows: ImportRow[];
  errors: FieldError[];
}

/** Reads one row's cells and collects its errors as `row 7: date_of_birth`. */
interface RowReader {
  cell(column: ImportColumn): string;
  fail(column: ImportColumn, message: string): void;
  context: RowContext;
}

/**
 * Checks every row, reporting every error (row and column) rather than stopping at the first,
 * so a school fixes its file in one go.
 */
export function readImportRows(file: ImportFile, context: RowContext): ImportRowsResult {
  const errors: FieldError[] = [];
  const rows: ImportRow[] = [];
  const firstRowOfNumber = new Map<string, number>();
  const width = file.table.header.length;
  for (const { row, cells } of file.table.rows) {
    if (cells.length > width) {
      errors.push({ field: `row ${row}`, message: `has ${cells.length} cells; the header has ${width}` });
      continue;
    }
    const rowErrors: FieldError[] = [];
    const reader: RowReader = {
      cell: (column) => cellOf(file, cells, column),
      fail: (column, message) => rowErrors.push({ field: `row ${row}: ${column}`, message }),
      context,
    };
    const studentNumber = reader.cell('student_number');
    const earlier = firstRowOfNumber.get(studentNumber);
    if (earlier !== undefined) reader.fail('student_number', `repeats the student number of row ${earlier}`);
    else if (studentNumber) firstRowOfNumber.set(studentNumber, row);
    const read = readRow(reader);

    if (rowErrors.length) errors.push(...rowErrors);
    else rows.push({ ...read, row });
  }
  return errors.length ? { rows: [], errors } : { rows, errors: [] };
}

/** Reads the cells in column order, so a row's errors come out in the order of its columns. */
function readRow(reader: RowReader): Omit<ImportRow, 'row'> {
  const { cell, fail } = reader;
  const studentNumber = required(reader, 'student_number');
  if (studentNumber && !STUDENT_NUMBER_PATTERN.test(studentNumber)) fail('student_number', STUDENT_NUMBER_RULE);
  const name = required(reader, 'name');
  if (name.length > PERSON_NAME_MAX_LENGTH) fail('name', `must be at most ${PERSON_NAME_MAX_LENGTH} characters`);
  const gender = cell('gender') ? readGender(cell('gender')) : null;
  if (gender === undefined) fail('gender', GENDER_CHOICES);
  const dateOfBirth = readDateOfBirth(reader);
  const classId = readClass(reader);
  const status = cell('status') ? readStatus(cell('status')) : null;
  if (status === undefined) fail('status', STATUS_CHOICES);
  const guardian = readGuardian(reader);
  return { studentNumber, name, gender: gender ?? null, dateOfBirth, classId, status: status ?? null, guardian };
}

function required({ cell, fail }: RowReader, column: ImportColumn): string {
  const value = cell(column);
  if (!value) fail(column, 'is required');
  return value;
}

function readDateOfBirth(reader: RowReader): string {
  const written = required(reader, 'date_of_birth');
  if (!written) return '';
  const date = readCalendarDate(written);
  const problem = date ? dateOfBirthProblem(date, reader.context.now) : 'must be a date written 2010-03-05 or 2010/3/5';
  if (problem) reader.fail('date_of_birth', problem);
  return date ?? '';
}

function readClass(reader: RowReader): string {
  const names = { gradeName: required(reader, 'grade'), className: required(reader, 'class') };
  if (!names.gradeName || !names.className) return '';
  const classId = reader.context.classIdOf(names);
  if (!classId) reader.fail('class', `names no class of your school: grade "${names.gradeName}", class "${names.className}"`);
  return classId ?? '';
}

/** The guardian columns go together: a name needs a phone and the other way round. */
function readGuardian({ cell, fail }: RowReader): ImportRow['guardian'] {
  const [name, relationCell, phoneCell] = [cell('guardian_name'), cell('guardian_relation'), cell('guardian_phone')];
  if (!name && !relationCell && !phoneCell) return null;
  if (!name) fail('guardian_name', 'is required when the row names a guardian');
  if (name.length > PERSON_NAME_MAX_LENGTH) fail('guardian_name', `must be at most ${PERSON_NAME_MAX_LENGTH} characters`);
  const relation = relationCell ? readRelation(relationCell) : null;
  if (relation === undefined) fail('guardian_relation', RELATION_CHOICES);
  const phone = phoneCell ? normalisePhoneNumber(phoneCell) : null;
  if (!phoneCell) fail('guardian_phone', 'is required when the row names a guardian');
  else if (!phone) fail('guardian_phone', PHONE_NUMBER_RULE);
  return { name, relation: relation ?? null, phone: phone ?? '' };
}
