import {
  allowedActions,
  APPOINTMENT_ACTIONS,
  APPOINTMENT_STATUSES,
  type AppointmentStatus,
  canMove,
  nextStatus,
  requestOutcomeOf,
} from './appointment-status.js';

/** The whole machine, row = from, listing where it may go; every other pair is refused. */
const MOVES: Record<AppointmentStatus, AppointmentStatus[]> = {
  requested: ['offered', 'scheduled', 'declined', 'cancelled'],
  offered: ['requested', 'scheduled', 'declined', 'cancelled'],
  scheduled: ['cancelled', 'rescheduled', 'completed', 'no_show'],
  completed: [],
  cancelled: [],
  no_show: [],
  rescheduled: [],
  declined: [],
};

describe('appointment status machine', () => {
  const pairs = APPOINTMENT_STATUSES.flatMap((from) => APPOINTMENT_STATUSES.map((to) => [from, to] as const));

  it.each(pairs)('%s -> %s is allowed exactly when the table says so', (from, to) => {
    expect(canMove(from, to)).toBe(MOVES[from].includes(to));
  });

  it.each([
    ['requested', 'offer', 'offered'],
    ['requested', 'confirm', 'scheduled'],
    ['requested', 'decline', 'declined'],
    ['requested', 'withdraw', 'cancelled'],
    ['offered', 'release_offer', 'requested'],
    ['offered', 'confirm', 'scheduled'],
    ['offered', 'decline', 'declined'],
    ['offered', 'withdraw', 'cancelled'],
    ['scheduled', 'cancel', 'cancelled'],
    ['scheduled', 'reschedule', 'rescheduled'],
    ['scheduled', 'complete', 'completed'],
    ['scheduled', 'mark_no_show', 'no_show'],
  ] as const)('%s by %s becomes %s', (from, action, to) => {
    expect(nextStatus(from, action)).toBe(to);
  });

  it('refuses every other action, and the allowed list names exactly the legal ones', () => {
    for (const from of APPOINTMENT_STATUSES) {
      const allowed = allowedActions(from);
      for (const action of APPOINTMENT_ACTIONS) {
        expect(nextStatus(from, action) !== null).toBe(allowed.includes(action));
      }
    }
    expect(allowedActions('scheduled')).toEqual(['cancel', 'reschedule', 'complete', 'mark_no_show']);
    expect(allowedActions('completed')).toEqual([]);
  });

  it('shows the requesting teacher a coarse outcome only', () => {
    expect(APPOINTMENT_STATUSES.map(requestOutcomeOf)).toEqual([
      'waiting',
      'waiting',
      'scheduled',
      'completed',
      'cancelled',
      'missed',
      'rescheduled',
      'declined',
    ]);
  });
});
