import type { InstrumentDefinition } from '../instrument-definition.js';
import { totalRange } from '../../scoring/item-scores.js';
import { checkAnswerCondition, checkCondition } from './validate-condition.js';
import type { CheckedItems } from './validate-items.js';
import { CODE, isRecord, type Issues, join, type UnknownRecord } from './issues.js';

/** Band shapes and codes; ranges only (and always) when bands are chosen by total. */
export function checkBands(definition: UnknownRecord, issues: Issues): Set<string> {
  const byTotal = isRecord(definition.scoring) && definition.scoring.bandBy === 'total';
  const codes = new Set<string>();
  issues.array(definition, 'bands', '', { nonEmpty: true }).forEach((band, i) => {
    const path = join('bands', i);
    if (!isRecord(band)) {
      issues.add(path, 'must be a band object');
      return;
    }
    issues.onlyKeys(band, ['code', 'labelZh', 'labelEn', 'min', 'max'], path);
    if (typeof band.code !== 'string' || !CODE.test(band.code)) issues.add(join(path, 'code'), 'must be a snake_case code');
    else if (codes.has(band.code)) issues.add(join(path, 'code'), 'must be unique');
    else codes.add(band.code);
    issues.text(band, 'labelZh', path);
    issues.text(band, 'labelEn', path);
    if (!byTotal && (band.min !== undefined || band.max !== undefined)) issues.add(path, 'has no min/max: rules choose the bands');
    if (byTotal) {
      if (band.min === undefined || band.max === undefined) issues.add(path, 'must have min and max: the total chooses the band');
      issues.bounds(band, path, { required: false });
    }
  });
  return codes;
}

export function checkScoring(definition: UnknownRecord, items: CheckedItems, flags: Set<string>, bandCodes: Set<string>, issues: Issues): void {
  const scoring = definition.scoring;
  if (!isRecord(scoring)) {
    issues.add('scoring', 'must be an object');
    return;
  }
  if (scoring.total !== 'sum' && scoring.total !== 'none') issues.add('scoring.total', 'must be sum or none');
  checkScoredItems(definition, scoring.total, issues);
  if (scoring.bandBy === 'total') {
    issues.onlyKeys(scoring, ['total', 'bandBy'], 'scoring');
    if (scoring.total !== 'sum') issues.add('scoring.bandBy', 'needs a total: total must be sum');
    return;
  }
  if (scoring.bandBy !== 'rules') {
    issues.add('scoring.bandBy', 'must be total or rules');
    return;
  }
  issues.onlyKeys(scoring, ['total', 'bandBy', 'rules', 'otherwise'], 'scoring');
  const scope = { items: items.byKey, flags, total: scoring.total === 'sum', itemsInScope: 'an item' };
  issues.array(scoring, 'rules', 'scoring', { nonEmpty: true }).forEach((rule, i) => {
    const path = join('scoring.rules', i);
    if (!isRecord(rule)) {
      issues.add(path, 'must be a rule object');
      return;
    }
    issues.onlyKeys(rule, ['band', 'when'], path);
    if (typeof rule.band !== 'string' || !bandCodes.has(rule.band)) issues.add(join(path, 'band'), 'must be the code of a band');
    checkCondition(rule.when, join(path, 'when'), scope, issues);
  });
  if (typeof scoring.otherwise !== 'string' || !bandCodes.has(scoring.otherwise)) issues.add('scoring.otherwise', 'must be the code of a band');
}

function checkScoredItems(definition: UnknownRecord, total: unknown, issues: Issues): void {
  const items = Array.isArray(definition.items) ? definition.items.filter(isRecord) : [];
  items.forEach((item, i) => {
    if (total === 'none' && item.scored === true) issues.add(join(join('items', i), 'scored'), 'must be false: this instrument has no total');
    // A skipped item would make the total's range depend on other answers.
    if (total === 'sum' && item.scored === true && item.askedWhen !== undefined) {
      issues.add(join(join('items', i), 'askedWhen'), 'a scored item of an instrument with a total is always asked');
    }
  });
  if (total === 'sum' && !items.some((item) => item.scored === true)) issues.add('items', 'must have a scored item: total is sum');
}

/** Bands by total must cover every possible total exactly once, in ascending order. */
export function checkBandCoverage(definition: InstrumentDefinition, issues: Issues): void {
  const range = totalRange(definition);
  if (definition.scoring.bandBy !== 'total' || !range) return;
  let expected = range.min;
  definition.bands.forEach((band, i) => {
    if (band.min !== expected) issues.add(join(join('bands', i), 'min'), `must be ${expected}: bands cover ${range.min}-${range.max} with no gap or overlap`);
    expected = (band.max ?? expected) + 1;
  });
  const last = definition.bands[definition.bands.length - 1];
  if (last && last.max !== range.max) issues.add(join(join('bands', definition.bands.length - 1), 'max'), `must be ${range.max}, the highest total`);
}

export function checkCriticalItems(definition: UnknownRecord, items: CheckedItems, issues: Issues): void {
  const seen = new Set<unknown>();
  const scope = { items: items.byKey, flags: new Set<string>(), total: false, itemsInScope: 'an item' };
  issues.array(definition, 'criticalItems', '', { nonEmpty: false }).forEach((critical, i) => {
    const path = join('criticalItems', i);
    if (!isRecord(critical) || critical.type !== 'answer') {
      issues.add(path, 'must be an answer condition on one item');
      return;
    }
    checkAnswerCondition(critical, path, scope, issues);
    if (seen.has(critical.item)) issues.add(join(path, 'item'), 'is already a critical item');
    seen.add(critical.item);
  });
}
