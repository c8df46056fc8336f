import type { InstrumentItem } from '../instrument-definition.js';
import { isRecord, type Issues, join, type UnknownRecord } from './issues.js';

/** What a condition may read where it stands. */
export interface ConditionScope {
  items: ReadonlyMap<string, InstrumentItem>;
  flags: ReadonlySet<string>;
  /** The total exists (and is known) here. */
  total: boolean;
  /** For messages: which items are in scope ("an item", "an earlier item"). */
  itemsInScope: string;
}

export function checkCondition(value: unknown, path: string, scope: ConditionScope, issues: Issues): void {
  if (!isRecord(value)) {
    issues.add(path, 'must be a condition object');
    return;
  }
  switch (value.type) {
    case 'answer':
      return checkAnswerCondition(value, path, scope, issues);
    case 'total':
      issues.onlyKeys(value, ['type', 'min', 'max'], path);
      if (!scope.total) issues.add(join(path, 'type'), 'cannot read a total here');
      return issues.bounds(value, path, { required: true });
    case 'flag':
      issues.onlyKeys(value, ['type', 'flag'], path);
      if (typeof value.flag !== 'string' || !scope.flags.has(value.flag)) issues.add(join(path, 'flag'), 'must name an input flag of this instrument');
      return;
    case 'combined':
      return checkCombined(value, path, scope, issues);
    default:
      issues.add(join(path, 'type'), 'must be answer, total, flag or combined');
  }
}

/** Also the shape of a critical item. */
export function checkAnswerCondition(value: UnknownRecord, path: string, scope: ConditionScope, issues: Issues): void {
  issues.onlyKeys(value, ['type', 'item', 'equals', 'min', 'max'], path);
  const item = typeof value.item === 'string' ? scope.items.get(value.item) : undefined;
  if (!item) {
    issues.add(join(path, 'item'), `must name ${scope.itemsInScope} of this instrument`);
    return;
  }
  if (item.kind === 'yes_no') {
    if (typeof value.equals !== 'boolean') issues.add(join(path, 'equals'), 'must be true or false for a yes/no item');
    if (value.min !== undefined || value.max !== undefined) issues.add(path, 'a yes/no item is matched with equals, not min/max');
    return;
  }
  if (value.equals !== undefined) issues.add(join(path, 'equals'), 'a choice item is matched with min/max, not equals');
  issues.bounds(value, path, { required: true });
}

function checkCombined(value: UnknownRecord, path: string, scope: ConditionScope, issues: Issues): void {
  issues.onlyKeys(value, ['type', 'combine', 'conditions'], path);
  if (value.combine !== undefined && value.combine !== 'or' && value.combine !== 'and') issues.add(join(path, 'combine'), 'must be or, or and');
  issues
    .array(value, 'conditions', path, { nonEmpty: true })
    .forEach((condition, i) => checkCondition(condition, join(join(path, 'conditions'), i), scope, issues));
}
