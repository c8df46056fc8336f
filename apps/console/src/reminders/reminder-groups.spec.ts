import { describe, expect, it } from '@jest/globals';
import type { Schemas } from '../api/client';
import { groupReminders, snoozeChoices } from './reminder-groups';

const reminder = (id: string, values: Partial<Schemas['ReminderView']>): Schemas['ReminderView'] => ({
  id,
  rule: { id: 'rule', code: 'pre_holiday_safety_education', titleZh: '假前安全教育', titleEn: 'Safety education before the holiday' },
  windowKind: 'pre_holiday',
  holidayId: 'holiday',
  periodNo: 0,
  periodFrom: '2027-01-01T00:00:00.000Z',
  dueAt: '2027-01-10T00:00:00.000Z',
  status: 'open',
  snoozedUntil: null,
  acknowledgedAt: null,
  completedAt: null,
  completedAutomatically: false,
  subject: { type: 'class', id: 'class', name: '高一1班' },
  escalatedAt: null,
  overdue: false,
  ...values,
});

describe('groupReminders', () => {
  it('puts overdue ones first whatever their status, then snoozed, then the rest as due; done ones nowhere', () => {
    const groups = groupReminders([
      reminder('snoozedLate', { status: 'snoozed', overdue: true }),
      reminder('acknowledged', { status: 'acknowledged' }),
      reminder('snoozed', { status: 'snoozed' }),
      reminder('open', { status: 'open' }),
      reminder('done', { status: 'done' }),
    ]);
    expect(groups.overdue.map((r) => r.id)).toEqual(['snoozedLate']);
    expect(groups.snoozed.map((r) => r.id)).toEqual(['snoozed']);
    expect(groups.due.map((r) => r.id)).toEqual(['acknowledged', 'open']);
  });

  it('orders each group by due time', () => {
    const groups = groupReminders([reminder('later', { dueAt: '2027-01-12T00:00:00.000Z' }), reminder('sooner', { dueAt: '2027-01-11T00:00:00.000Z' })]);
    expect(groups.due.map((r) => r.id)).toEqual(['sooner', 'later']);
  });
});

describe('snoozeChoices', () => {
  const now = new Date('2027-01-05T00:00:00.000Z');

  it('offers only lengths that end by the due time', () => {
    expect(snoozeChoices('2027-01-06T00:00:00.000Z', now)).toEqual([
      { choice: '1h', until: '2027-01-05T01:00:00.000Z' },
      { choice: '4h', until: '2027-01-05T04:00:00.000Z' },
      { choice: '1d', until: '2027-01-06T00:00:00.000Z' },
    ]);
    expect(snoozeChoices('2027-01-20T00:00:00.000Z', now).map((c) => c.choice)).toEqual(['1h', '4h', '1d', '3d']);
  });

  it('offers none once the reminder is due within the hour or overdue', () => {
    expect(snoozeChoices('2027-01-05T00:30:00.000Z', now)).toEqual([]);
    expect(snoozeChoices('2027-01-04T00:00:00.000Z', now)).toEqual([]);
  });
});
