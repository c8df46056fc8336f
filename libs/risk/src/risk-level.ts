export const RISK_LEVELS = ['none', 'low', 'moderate', 'high', 'critical'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

/** The rank of a level, for "the highest of these signals". */
export function riskRank(level: RiskLevel): number {
  return RISK_LEVELS.indexOf(level);
}

/** SQL: the level of a rank (0-4) as text. */
export const LEVEL_OF_RANK_SQL = (rank: string) => `(ARRAY['none', 'low', 'moderate', 'high', 'critical'])[${rank} + 1]`;

/** SQL: the rank (0-4) of a level held in text. */
export const RANK_OF_LEVEL_SQL = (level: string) => `array_position(ARRAY['none', 'low', 'moderate', 'high', 'critical'], ${level}) - 1`;

/**
 * How long signals count, and how each maps to a level. Screening results map through their
 * instrument's bands (data); the rest is here, in one place.
 */
export const SIGNAL_RULES = {
  alertWindowDays: 30,
  screeningWindowDays: 180,
  alertLevel: { critical: 'critical', high: 'high' },
  flagLevel: { urgent: 'high', high: 'moderate', medium: 'low', low: 'low' },
  /** An open case's risk level is the team's judgement and counts as it is. */
  caseLevel: { low: 'low', moderate: 'moderate', high: 'high', critical: 'critical' },
  /** Flags still being handled count; dismissed and closed ones no longer do. */
  activeFlagStatuses: ['new', 'under_review', 'monitoring', 'case_opened'],
} as const;

/** The effective level: a counselor's unexpired assessment overrides what the signals say. */
export function effectiveLevel(derived: RiskLevel, assessment: { level: RiskLevel; expiresAt: Date } | null, now: Date): RiskLevel {
  return assessment && assessment.expiresAt.getTime() > now.getTime() ? assessment.level : derived;
}
