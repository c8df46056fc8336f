import { describe, expect, it } from '@jest/globals';
import { fromLocalInput, isOverdue, newestFirst, toLocalInput } from './caseTime';

describe('case times', () => {
  it('turns a moment into a datetime-local value and back, to the minute', () => {
    const moment = new Date(2026, 11, 4, 9, 5, 30);
    expect(toLocalInput(moment)).toBe('2026-12-04T09:05');
    expect(fromLocalInput(toLocalInput(moment))).toBe(new Date(2026, 11, 4, 9, 5).toISOString());
  });

  it('marks only open tasks past their due time as overdue', () => {
    const now = new Date('2026-12-04T10:00:00Z');
    expect(isOverdue({ status: 'open', dueAt: '2026-12-04T09:59:00Z' }, now)).toBe(true);
    expect(isOverdue({ status: 'open', dueAt: '2026-12-04T10:01:00Z' }, now)).toBe(false);
    expect(isOverdue({ status: 'done', dueAt: '2026-12-01T00:00:00Z' }, now)).toBe(false);
    expect(isOverdue({ status: 'cancelled', dueAt: '2026-12-01T00:00:00Z' }, now)).toBe(false);
  });

  it('orders timeline events newest first, ties by id', () => {
    const events = [
      { id: 'a', occurredAt: '2026-12-01T00:00:00.000Z' },
      { id: 'c', occurredAt: '2026-12-03T00:00:00.000Z' },
      { id: 'b', occurredAt: '2026-12-03T00:00:00.000Z' },
    ];
    expect(newestFirst(events).map((e) => e.id)).toEqual(['c', 'b', 'a']);
  });
});
