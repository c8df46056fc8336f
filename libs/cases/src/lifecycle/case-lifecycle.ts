import type { CaseRiskLevel, CaseState } from '../entities/case.entity.js';

/** Where each state may go. `closed` leaves only by reopening, which has its own route and a reason. */
const NEXT_STATES: Record<CaseState, readonly CaseState[]> = {
  open: ['assessing', 'referred', 'closed'],
  assessing: ['active', 'monitoring', 'referred', 'closed'],
  active: ['monitoring', 'referred', 'closed'],
  monitoring: ['active', 'referred', 'closed'],
  referred: ['active', 'monitoring', 'closed'],
  closed: [],
};

export function allowedTransitions(from: CaseState): readonly CaseState[] {
  return NEXT_STATES[from];
}

export function canTransition(from: CaseState, to: CaseState): boolean {
  return NEXT_STATES[from].includes(to);
}

/** Closing a case at these levels needs a second person's approval and a guardian contact (or a reason why not). */
export function closureNeedsApproval(risk: CaseRiskLevel): boolean {
  return risk === 'high' || risk === 'critical';
}

/** A reopened case starts again at assessment: what changed must be understood first. */
export const REOPENED_STATE: CaseState = 'assessing';
