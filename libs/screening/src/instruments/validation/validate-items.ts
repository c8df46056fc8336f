import type { InstrumentItem } from '../instrument-definition.js';
import { checkCondition } from './validate-condition.js';
import { isRecord, ITEM_KEY, type Issues, join, type UnknownRecord } from './issues.js';

export interface CheckedItems {
  /**
   * Items with a sound key and kind, in order: what conditions may name. An item wrong in some
   * other way is still nameable, so one mistake is reported once, not again at every reference.
   */
  byKey: Map<string, InstrumentItem>;
}

export function checkItems(definition: UnknownRecord, issues: Issues): CheckedItems {
  const byKey = new Map<string, InstrumentItem>();
  issues.array(definition, 'items', '', { nonEmpty: true }).forEach((item, i) => {
    const keyIsSound = isRecord(item) && typeof item.key === 'string' && ITEM_KEY.test(item.key) && !byKey.has(item.key);
    checkItem(item, join('items', i), byKey, issues);
    if (keyIsSound && (item.kind === 'choice' || item.kind === 'yes_no')) byKey.set(item.key as string, item as unknown as InstrumentItem);
  });
  return { byKey };
}

/** `earlier`: the items before this one, which its skip logic may read. */
function checkItem(item: unknown, path: string, earlier: ReadonlyMap<string, InstrumentItem>, issues: Issues): void {
  if (!isRecord(item)) {
    issues.add(path, 'must be an item object');
    return;
  }
  if (typeof item.key !== 'string' || !ITEM_KEY.test(item.key)) issues.add(join(path, 'key'), 'must be a camelCase key such as item1');
  else if (earlier.has(item.key)) issues.add(join(path, 'key'), 'must be unique');
  issues.text(item, 'textZh', path);
  issues.text(item, 'textEn', path);
  if (typeof item.scored !== 'boolean') issues.add(join(path, 'scored'), 'must be true or false');
  if (item.askedWhen !== undefined) {
    checkCondition(item.askedWhen, join(path, 'askedWhen'), { items: earlier, flags: new Set(), total: false, itemsInScope: 'an earlier item' }, issues);
  }
  if (item.kind === 'yes_no') {
    issues.onlyKeys(item, ['key', 'kind', 'textZh', 'textEn', 'scored', 'askedWhen'], path);
  } else if (item.kind === 'choice') {
    issues.onlyKeys(item, ['key', 'kind', 'textZh', 'textEn', 'scored', 'askedWhen', 'options'], path);
    checkOptions(item, path, issues);
  } else {
    issues.add(join(path, 'kind'), 'must be choice or yes_no');
  }
}

function checkOptions(item: UnknownRecord, path: string, issues: Issues): void {
  const seen = new Set<unknown>();
  issues.array(item, 'options', path, { nonEmpty: true }).forEach((option, i) => {
    const optionPath = join(join(path, 'options'), i);
    if (!isRecord(option)) {
      issues.add(optionPath, 'must be an option object');
      return;
    }
    issues.onlyKeys(option, ['value', 'labelZh', 'labelEn'], optionPath);
    if (!Number.isInteger(option.value)) issues.add(join(optionPath, 'value'), 'must be an integer');
    else if (seen.has(option.value)) issues.add(join(optionPath, 'value'), 'must be unique within the item');
    seen.add(option.value);
    issues.text(option, 'labelZh', optionPath);
    issues.text(option, 'labelEn', optionPath);
  });
}

export function checkInputFlags(definition: UnknownRecord, issues: Issues): Set<string> {
  const keys = new Set<string>();
  issues.array(definition, 'inputFlags', '', { nonEmpty: false }).forEach((flag, i) => {
    const path = join('inputFlags', i);
    if (!isRecord(flag)) {
      issues.add(path, 'must be a flag object');
      return;
    }
    issues.onlyKeys(flag, ['key', 'textZh', 'textEn'], path);
    if (typeof flag.key !== 'string' || !ITEM_KEY.test(flag.key)) issues.add(join(path, 'key'), 'must be a camelCase key');
    else if (keys.has(flag.key)) issues.add(join(path, 'key'), 'must be unique');
    else keys.add(flag.key);
    issues.text(flag, 'textZh', path);
    issues.text(flag, 'textEn', path);
  });
  return keys;
}
