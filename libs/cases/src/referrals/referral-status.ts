import type { REFERRAL_STATUSES } from '../entities/case-referral.entity.js';

export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];

/**
 * Where a referral may go next. Declined, completed and withdrawn are final: a new attempt is a
 * new referral, so each one's history stays readable.
 */
const NEXT: Record<ReferralStatus, readonly ReferralStatus[]> = {
  pending: ['accepted', 'declined', 'withdrawn'],
  accepted: ['completed', 'withdrawn'],
  declined: [],
  completed: [],
  withdrawn: [],
};

export function allowedReferralMoves(from: ReferralStatus): readonly ReferralStatus[] {
  return NEXT[from];
}

export function canMoveReferral(from: ReferralStatus, to: ReferralStatus): boolean {
  return NEXT[from].includes(to);
}
