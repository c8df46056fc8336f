import type { FieldError } from '#core';
import type { InstrumentBand, InstrumentDefinition } from '../instruments/instrument-definition.js';
import type { Answers, InputFlags } from './answers.js';
import { answerMatches, type ConditionContext, conditionHolds } from './condition.js';
import { itemScore, type ScoreRange, totalRange } from './item-scores.js';
import { validateAnswers } from './validate-answers.js';

export interface BandOutcome {
  code: string;
  labelZh: string;
  labelEn: string;
}

/** What chose the band: the total's range, a rule (by its index in the data), or no rule holding. */
export type BandDecision = { by: 'total' } | { by: 'rule'; rule: number } | { by: 'otherwise' };

/** Enough to explain a score later, against the same instrument version. */
export interface ScoreDetails {
  totalRange: ScoreRange | null;
  /** What each scored item added to the total. */
  itemScores: Record<string, number>;
  decidedBy: BandDecision | null;
  /** Every input flag of the instrument, as applied (a missing one is false). */
  flags: Record<string, boolean>;
}

export interface ScoreResult {
  /** null for an instrument without a total (C-SSRS). */
  total: number | null;
  band: BandOutcome | null;
  /** Keys of the critical items whose condition holds, in the definition's order. */
  criticalItemsHit: string[];
  /** The band's code when rules chose it rather than a total range (UPI class, C-SSRS level). */
  classification?: string;
  details: ScoreDetails;
}

export interface ScoringExtras {
  flags?: InputFlags;
}

/** Thrown when answers that `validateAnswers` rejects are scored anyway. */
export class InvalidAnswersError extends Error {
  constructor(readonly errors: FieldError[]) {
    super(`Answers do not fit the instrument: ${errors.map((e) => `${e.field} ${e.message}`).join('; ')}`);
    this.name = 'InvalidAnswersError';
  }
}

/** Scores one set of answers with the instrument's own rules; pure, and the same for every instrument. */
export function scoreResponse(definition: InstrumentDefinition, answers: Answers, extra: ScoringExtras = {}): ScoreResult {
  const errors = validateAnswers(definition, answers, extra.flags);
  if (errors.length > 0) throw new InvalidAnswersError(errors);

  const given = extra.flags ?? {};
  const flags = Object.fromEntries(definition.inputFlags.map((f) => [f.key, Object.hasOwn(given, f.key) && given[f.key] === true]));
  const itemScores = Object.fromEntries(
    definition.items.filter((item) => item.scored && Object.hasOwn(answers, item.key)).map((item) => [item.key, itemScore(answers[item.key])]),
  );
  const total = definition.scoring.total === 'sum' ? Object.values(itemScores).reduce((sum, score) => sum + score, 0) : null;
  const { band, decidedBy } = chooseBand(definition, { answers, total, flags });

  return {
    total,
    band: band && { code: band.code, labelZh: band.labelZh, labelEn: band.labelEn },
    criticalItemsHit: definition.criticalItems.filter((critical) => answerMatches(critical, answers)).map((critical) => critical.item),
    ...(definition.scoring.bandBy === 'rules' && band ? { classification: band.code } : {}),
    details: { totalRange: totalRange(definition), itemScores, decidedBy, flags },
  };
}

function chooseBand(definition: InstrumentDefinition, context: ConditionContext): { band: InstrumentBand | null; decidedBy: BandDecision | null } {
  const { scoring, bands } = definition;
  if (scoring.bandBy === 'total') {
    const total = context.total ?? Number.NaN;
    const band = bands.find((b) => b.min !== undefined && b.max !== undefined && total >= b.min && total <= b.max) ?? null;
    return { band, decidedBy: band && { by: 'total' } };
  }
  const rule = scoring.rules.findIndex((r) => conditionHolds(r.when, context));
  const code = rule >= 0 ? scoring.rules[rule].band : scoring.otherwise;
  const band = bands.find((b) => b.code === code) ?? null;
  return { band, decidedBy: band && (rule >= 0 ? { by: 'rule', rule } : { by: 'otherwise' }) };
}
