import { REFERRAL_STATUSES } from '../entities/case-referral.entity.js';
import { allowedReferralMoves, canMoveReferral, type ReferralStatus } from './referral-status.js';

const LEGAL = new Set(['pending>accepted', 'pending>declined', 'pending>withdrawn', 'accepted>completed', 'accepted>withdrawn']);

describe('referral status', () => {
  const pairs = REFERRAL_STATUSES.flatMap((from) => REFERRAL_STATUSES.map((to) => [from, to] as [ReferralStatus, ReferralStatus]));

  it.each(pairs)('%s -> %s is allowed only if it is one of the five legal moves', (from, to) => {
    expect(canMoveReferral(from, to)).toBe(LEGAL.has(`${from}>${to}`));
    expect(allowedReferralMoves(from).includes(to)).toBe(LEGAL.has(`${from}>${to}`));
  });

  it('leaves nothing to do from a final status', () => {
    expect(['declined', 'completed', 'withdrawn'].map((s) => allowedReferralMoves(s as ReferralStatus))).toEqual([[], [], []]);
  });
});
