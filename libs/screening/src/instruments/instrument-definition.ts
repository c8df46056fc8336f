/**
 * The format of `screening_instruments.definition`: everything needed to show an instrument,
 * check a set of answers and score them. Scoring reads only this data, so adding an instrument
 * (or a new version of one) needs no code change. Checked by `validateInstrumentDefinition`.
 */
export interface InstrumentDefinition {
  /** The version of this format; a change of shape is a new number, never an edit. */
  format: 1;
  /** The publications the items, cut-offs and rules were taken from. */
  source: string;
  instructionsZh: string;
  instructionsEn: string;
  items: InstrumentItem[];
  /** Inputs that are not items but change the outcome, e.g. "the student asks for counseling". */
  inputFlags: InstrumentInputFlag[];
  scoring: InstrumentScoring;
  /** The possible outcomes: severity bands (PHQ-9), classes (UPI) or risk levels (C-SSRS). */
  bands: InstrumentBand[];
  /** Answers that need a counselor at once, whatever the total. */
  criticalItems: AnswerCondition[];
}

export type InstrumentItem = ChoiceItem | YesNoItem;

interface ItemBase {
  /** `item1`, `item2`, ...: the key of the item in a set of answers. */
  key: string;
  textZh: string;
  textEn: string;
  /** Counts toward the total (UPI's lie-check items do not). */
  scored: boolean;
  /** Skip logic: the item is asked only when this holds for the earlier answers, and left out otherwise. */
  askedWhen?: InstrumentCondition;
}

/** Answered with the `value` of one option (an integer). */
export interface ChoiceItem extends ItemBase {
  kind: 'choice';
  options: InstrumentItemOption[];
}

/** Answered `true` (yes, scores 1) or `false` (no, scores 0). */
export interface YesNoItem extends ItemBase {
  kind: 'yes_no';
}

export interface InstrumentItemOption {
  value: number;
  labelZh: string;
  labelEn: string;
}

/** A yes/no input given next to the answers; absent means no. */
export interface InstrumentInputFlag {
  key: string;
  textZh: string;
  textEn: string;
}

/**
 * `total`: the sum of the scored items' values, or none (C-SSRS).
 * `bandBy`: the band whose min..max holds the total, or the band of the first rule that holds
 * (then `otherwise` when none does).
 */
export type InstrumentScoring = BandsByTotal | BandsByRules;

export interface BandsByTotal {
  total: 'sum';
  bandBy: 'total';
}

export interface BandsByRules {
  total: 'sum' | 'none';
  bandBy: 'rules';
  rules: InstrumentBandRule[];
  otherwise: string;
}

export interface InstrumentBandRule {
  band: string;
  when: InstrumentCondition;
}

export interface InstrumentBand {
  /** snake_case: `minimal`, `moderately_severe`, `class1`, `high` ... */
  code: string;
  labelZh: string;
  labelEn: string;
  /** Inclusive total range; only (and always) when bands are chosen by total. */
  min?: number;
  max?: number;
}

export type InstrumentCondition = AnswerCondition | TotalCondition | FlagCondition | CombinedCondition;

/**
 * One item's answer: `equals` for a yes/no item; `min` and/or `max` (inclusive) for a choice
 * item. An item that was not asked never matches.
 */
export interface AnswerCondition {
  type: 'answer';
  item: string;
  equals?: boolean;
  min?: number;
  max?: number;
}

/** The total within min..max (inclusive; either may be left out). */
export interface TotalCondition {
  type: 'total';
  min?: number;
  max?: number;
}

/** An input flag is set. */
export interface FlagCondition {
  type: 'flag';
  flag: string;
}

/** Several conditions joined by `or` (the default) or `and`. */
export interface CombinedCondition {
  type: 'combined';
  combine?: 'or' | 'and';
  conditions: InstrumentCondition[];
}
