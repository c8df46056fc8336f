import { FLAG_STATUSES } from './entities/concern-flag.entity.js';
import { alertSeverityOf, allowedDecisions, nextFlagStatus, teacherStatusOf, TRIAGE_DECISIONS } from './flag-status.js';

describe('concern flag status', () => {
  it('shows teachers four coarse states and nothing finer', () => {
    expect(FLAG_STATUSES.map(teacherStatusOf)).toEqual([
      'received',
      'under_review',
      'being_followed_up',
      'being_followed_up',
      'closed',
      'closed',
    ]);
  });

  it.each([
    ['new', 'review', 'under_review'],
    ['new', 'monitor', 'monitoring'],
    ['under_review', 'dismiss', 'dismissed'],
    ['monitoring', 'close', 'closed'],
    ['under_review', 'open_case', 'case_opened'],
    ['monitoring', 'open_case', 'case_opened'],
    ['case_opened', 'close', 'closed'],
  ] as const)('takes %s by %s to %s', (from, decision, to) => {
    expect(nextFlagStatus(from, decision)).toBe(to);
  });

  it('refuses every move out of a final state', () => {
    for (const decision of TRIAGE_DECISIONS) {
      expect(nextFlagStatus('dismissed', decision)).toBeNull();
      expect(nextFlagStatus('closed', decision)).toBeNull();
    }
    expect(allowedDecisions('closed')).toEqual([]);
    expect(allowedDecisions('new')).toEqual(['review', 'monitor', 'open_case', 'dismiss']);
    expect(allowedDecisions('case_opened')).toEqual(['close']);
  });

  it('raises alerts for high and urgent flags only', () => {
    expect([alertSeverityOf('low'), alertSeverityOf('medium'), alertSeverityOf('high'), alertSeverityOf('urgent')]).toEqual([
      null,
      null,
      'high',
      'critical',
    ]);
  });
});
