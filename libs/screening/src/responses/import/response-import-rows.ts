import type { FieldError } from '#core';
import type { CampaignInstrument } from '../../campaigns/campaign-instrument.repository.js';
import type { StudentInvitation } from '../../campaigns/invitations/invitation.repository.js';
import { checkAnswers } from '../checked-answers.js';
import { administeredAtProblem } from '../entry-rules.js';
import type { ResponseToRecord } from '../response-recorder.service.js';
import { readAnswerCell, readYesNo, YES_NO_RULE } from './answer-cells.js';
import { cellOf, FIXED_COLUMNS, type ResponseImportFile } from './response-import-file.js';

export interface ImportContext {
  instruments: CampaignInstrument[];
  window: { opensAt: Date; closesAt: Date };
  now: Date;
  invitationOf(studentNumber: string): StudentInvitation | undefined;
  /** Whether the invitation already has a response to the instrument. */
  alreadyAnswered(invitationId: string, instrumentId: string): boolean;
}

const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

/** The distinct student numbers of the file, to look their invitations up in one query. */
export function studentNumbersOf(file: ResponseImportFile): string[] {
  return [...new Set(file.table.rows.map(({ cells }) => cellOf(file, cells, 'student_number')).filter(Boolean))];
}

/**
 * Checks every row and reports every error as `row 7: item9`, so a counselor fixes the file in
 * one go; either every row becomes a response to record, or none does.
 */
export function readResponseImportRows(file: ResponseImportFile, context: ImportContext): { responses: ResponseToRecord[]; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const responses: ResponseToRecord[] = [];
  const firstRowOf = new Map<string, number>();
  const width = file.table.header.length;
  for (const { row, cells } of file.table.rows) {
    if (cells.length > width) {
      errors.push({ field: `row ${row}`, message: `has ${cells.length} cells; the header has ${width}` });
      continue;
    }
    const fail = (column: string, message: string) => errors.push({ field: `row ${row}: ${column}`, message });
    const before = errors.length;
    const [studentNumber, instrument] = [cellOf(file, cells, 'student_number'), cellOf(file, cells, 'instrument').toLowerCase()];
    const key = studentNumber && instrument ? `${studentNumber}\u0000${instrument}` : null;
    const earlier = key === null ? undefined : firstRowOf.get(key);
    if (earlier !== undefined) fail('instrument', `repeats the student and instrument of row ${earlier}`);
    else if (key !== null) firstRowOf.set(key, row);
    const response = earlier === undefined ? readRow(file, cells, context, fail) : null;
    if (response && errors.length === before) responses.push(response);
  }
  return errors.length > 0 ? { responses: [], errors } : { responses, errors };
}

type Fail = (column: string, message: string) => void;

/** One row's response, or null when it cannot become one (its errors reported through `fail`). */
function readRow(file: ResponseImportFile, cells: string[], context: ImportContext, fail: Fail): ResponseToRecord | null {
  const cell = (column: string) => cellOf(file, cells, column);
  const studentNumber = cell('student_number');
  const invitation = studentNumber ? context.invitationOf(studentNumber) : undefined;
  if (!studentNumber) fail('student_number', 'is required');
  else if (!invitation) fail('student_number', 'is not a student invited to this campaign');

  const code = cell('instrument');
  const instrument = context.instruments.find((i) => i.code.toLowerCase() === code.toLowerCase());
  if (!instrument) fail('instrument', code ? `must be one of ${context.instruments.map((i) => i.code).join(', ')}` : 'is required');
  const administeredAt = readAdministeredAt(cell('administered_at'), context, fail);
  if (!invitation || !instrument || !administeredAt) return null;
  if (context.alreadyAnswered(invitation.invitationId, instrument.id)) {
    fail('instrument', `the student already has a ${instrument.code} response in this campaign`);
    return null;
  }

  const values = readValues(file, cells, instrument, fail);
  if (!values) return null;
  const check = checkAnswers(instrument, values.answers, values.flags);
  if (check.errors) {
    for (const error of check.errors) fail(error.field.replace(/^(answers|flags)\./, ''), error.message);
    return null;
  }
  return { ...check.checked, invitationId: invitation.invitationId, studentId: invitation.studentId, administeredAt };
}

function readAdministeredAt(written: string, context: ImportContext, fail: Fail): Date | null {
  if (!written) return context.now;
  const at = ISO_TIMESTAMP.test(written) ? new Date(written) : null;
  const problem = at && !Number.isNaN(at.getTime()) ? administeredAtProblem(at, context.window, context.now) : 'must be a time with its offset, e.g. 2026-09-15T10:30:00+08:00';
  if (problem) fail('administered_at', problem);
  return problem ? null : at;
}

/** The row's non-empty item and flag cells, read for the row's instrument; null when any is unreadable. */
function readValues(
  file: ResponseImportFile,
  cells: string[],
  instrument: CampaignInstrument,
  fail: Fail,
): { answers: Record<string, unknown>; flags: Record<string, unknown> } | null {
  const items = new Map(instrument.definition.items.map((item) => [item.key, item]));
  const flagKeys = new Set(instrument.definition.inputFlags.map((flag) => flag.key));
  const answers: Record<string, unknown> = {};
  const flags: Record<string, unknown> = {};
  let readable = true;
  for (const column of file.columns.keys()) {
    const written = cellOf(file, cells, column);
    if (!written || (FIXED_COLUMNS as readonly string[]).includes(column)) continue;
    if (flagKeys.has(column)) {
      const value = readYesNo(written);
      if (value === undefined) fail(column, YES_NO_RULE);
      flags[column] = value;
      readable &&= value !== undefined;
      continue;
    }
    const read = readAnswerCell(items.get(column), written);
    if ('problem' in read) fail(column, read.problem);
    else answers[column] = read.value;
    readable &&= !('problem' in read);
  }
  return readable ? { answers, flags } : null;
}
