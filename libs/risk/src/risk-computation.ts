import { effectiveLevel, RISK_LEVELS, type RiskLevel } from './risk-level.js';

/** What the database says about one student: their current row (if any) and their strongest signal. */
export interface RiskInputs {
  studentId: string;
  current: {
    level: RiskLevel;
    derivedLevel: RiskLevel;
    assessedLevel: RiskLevel | null;
    assessmentExpiresAt: Date | null;
  } | null;
  strongestSignal: { rank: number; detail: string } | null;
}

export interface RiskUpdate {
  studentId: string;
  level: RiskLevel;
  derivedLevel: RiskLevel;
  derivedFrom: string | null;
  /** The assessment lapsed: clear it. */
  clearAssessment: boolean;
  change: { previousLevel: RiskLevel | null; source: 'signals' | 'assessment_expired'; sourceDetail: string | null } | null;
}

/**
 * The new state of each student from their signals; only students whose row would change are
 * returned. A student with no row and no signal needs none (their level is `none`).
 */
export function computeRiskUpdates(inputs: RiskInputs[], now: Date): RiskUpdate[] {
  const updates: RiskUpdate[] = [];
  for (const { studentId, current, strongestSignal } of inputs) {
    const derivedLevel = RISK_LEVELS[strongestSignal?.rank ?? 0];
    const derivedFrom = strongestSignal && strongestSignal.rank > 0 ? strongestSignal.detail : null;
    const assessment =
      current?.assessedLevel && current.assessmentExpiresAt ? { level: current.assessedLevel, expiresAt: current.assessmentExpiresAt } : null;
    const lapsed = assessment !== null && assessment.expiresAt.getTime() <= now.getTime();
    const level = effectiveLevel(derivedLevel, assessment, now);
    const previousLevel = current?.level ?? null;

    if (!current && derivedLevel === 'none') continue;
    if (current && current.level === level && current.derivedLevel === derivedLevel && !lapsed) continue;

    updates.push({
      studentId,
      level,
      derivedLevel,
      derivedFrom,
      clearAssessment: lapsed,
      change:
        (previousLevel ?? 'none') === level
          ? null
          : { previousLevel, source: lapsed ? 'assessment_expired' : 'signals', sourceDetail: lapsed ? null : derivedFrom },
    });
  }
  return updates;
}
