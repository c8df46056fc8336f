import type { Schemas } from '../api/client';

type Reminder = Schemas['ReminderView'];

export type ReminderGroup = 'overdue' | 'due' | 'snoozed';
export const REMINDER_GROUPS: readonly ReminderGroup[] = ['overdue', 'due', 'snoozed'];

/** The group the API's answer puts a reminder in: overdue as the API says, else snoozed, else due. */
export function groupOf(reminder: Reminder): ReminderGroup | null {
  if (reminder.status === 'done') return null;
  if (reminder.overdue) return 'overdue';
  return reminder.status === 'snoozed' ? 'snoozed' : 'due';
}

/** Reminders not done, in the three groups, each soonest due first. */
export function groupReminders(reminders: readonly Reminder[]): Record<ReminderGroup, Reminder[]> {
  const groups: Record<ReminderGroup, Reminder[]> = { overdue: [], due: [], snoozed: [] };
  for (const reminder of reminders) {
    const group = groupOf(reminder);
    if (group) groups[group].push(reminder);
  }
  for (const group of REMINDER_GROUPS) groups[group].sort((a, b) => a.dueAt.localeCompare(b.dueAt) || a.id.localeCompare(b.id));
  return groups;
}

export type SnoozeChoice = '1h' | '4h' | '1d' | '3d';
const SNOOZE_MINUTES: readonly [SnoozeChoice, number][] = [
  ['1h', 60],
  ['4h', 240],
  ['1d', 24 * 60],
  ['3d', 3 * 24 * 60],
];

/** The snooze lengths the API would accept now: the API refuses a time after the reminder is due. */
export function snoozeChoices(dueAt: string, now: Date): { choice: SnoozeChoice; until: string }[] {
  const due = new Date(dueAt).getTime();
  return SNOOZE_MINUTES.map(([choice, minutes]) => ({ choice, until: new Date(now.getTime() + minutes * 60_000) }))
    .filter(({ until }) => until.getTime() <= due)
    .map(({ choice, until }) => ({ choice, until: until.toISOString() }));
}
