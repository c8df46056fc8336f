import type { InstrumentItem } from '../../instruments/instrument-definition.js';
import type { AnswerValue } from '../../scoring/answers.js';

const YES = new Set(['1', 'yes', 'y', 'true', '是']);
const NO = new Set(['0', 'no', 'n', 'false', '否']);

export const YES_NO_RULE = 'must be yes or no (1/0, yes/no, 是/否)';

/** A yes/no cell as spreadsheets and other platforms write it; undefined when it is neither. */
export function readYesNo(cell: string): boolean | undefined {
  const value = cell.toLowerCase();
  return YES.has(value) ? true : NO.has(value) ? false : undefined;
}

/**
 * An answer cell read for its item: a whole number for a choice item (validateAnswers then
 * checks it is an option), yes/no for a yes/no item. A problem message instead when unreadable.
 */
export function readAnswerCell(item: InstrumentItem | undefined, cell: string): { value: AnswerValue | string } | { problem: string } {
  if (!item) return { value: cell }; // not an item of the row's instrument: validateAnswers names it
  if (item.kind === 'yes_no') {
    const value = readYesNo(cell);
    return value === undefined ? { problem: YES_NO_RULE } : { value };
  }
  return /^-?\d{1,6}$/.test(cell) ? { value: Number(cell) } : { problem: 'must be a whole number' };
}
