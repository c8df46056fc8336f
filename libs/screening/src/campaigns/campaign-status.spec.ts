import { CAMPAIGN_STATUSES } from './entities/screening-campaign.entity.js';
import { allowedTransitions, canTransition } from './campaign-status.js';

describe('campaign status', () => {
  it('goes draft -> open -> closed and nowhere else', () => {
    const moves = CAMPAIGN_STATUSES.flatMap((from) => CAMPAIGN_STATUSES.filter((to) => canTransition(from, to)).map((to) => `${from}->${to}`));
    expect(moves).toEqual(['draft->open', 'open->closed']);
  });

  it('names the allowed moves, none from closed', () => {
    expect(allowedTransitions('draft')).toEqual(['open']);
    expect(allowedTransitions('closed')).toEqual([]);
  });
});
