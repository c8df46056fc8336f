export const APPOINTMENT_STATUSES = ['requested', 'offered', 'scheduled', 'completed', 'cancelled', 'no_show', 'rescheduled', 'declined'] as const;
export type AppointmentStatus = (typeof APPOINTMENT_STATUSES)[number];

export const APPOINTMENT_ACTIONS = [
  'offer',
  'release_offer',
  'confirm',
  'decline',
  'withdraw',
  'cancel',
  'reschedule',
  'complete',
  'mark_no_show',
] as const;
export type AppointmentAction = (typeof APPOINTMENT_ACTIONS)[number];

/**
 * What each action does, and from where. A request waits (`requested`) until a counselor
 * confirms it into a slot, declines it, or a freed slot is held for it (`offered`); a held slot
 * goes back to waiting when released or expired. Only a scheduled session can end as completed,
 * no-show, cancelled or rescheduled; the end states are final.
 */
const ACTIONS: Record<AppointmentAction, { from: readonly AppointmentStatus[]; to: AppointmentStatus }> = {
  offer: { from: ['requested'], to: 'offered' },
  release_offer: { from: ['offered'], to: 'requested' },
  confirm: { from: ['requested', 'offered'], to: 'scheduled' },
  decline: { from: ['requested', 'offered'], to: 'declined' },
  withdraw: { from: ['requested', 'offered'], to: 'cancelled' },
  cancel: { from: ['scheduled'], to: 'cancelled' },
  reschedule: { from: ['scheduled'], to: 'rescheduled' },
  complete: { from: ['scheduled'], to: 'completed' },
  mark_no_show: { from: ['scheduled'], to: 'no_show' },
};

/** Where the action takes an appointment in `from`, or null when it may not be taken there. */
export function nextStatus(from: AppointmentStatus, action: AppointmentAction): AppointmentStatus | null {
  const rule = ACTIONS[action];
  return rule.from.includes(from) ? rule.to : null;
}

export function allowedActions(from: AppointmentStatus): AppointmentAction[] {
  return APPOINTMENT_ACTIONS.filter((action) => ACTIONS[action].from.includes(from));
}

export function canMove(from: AppointmentStatus, to: AppointmentStatus): boolean {
  return allowedActions(from).some((action) => ACTIONS[action].to === to);
}

/** What the teacher who asked sees: where the request stands, never why or what was said. */
export type RequestOutcome = 'waiting' | 'scheduled' | 'completed' | 'missed' | 'cancelled' | 'rescheduled' | 'declined';

export function requestOutcomeOf(status: AppointmentStatus): RequestOutcome {
  switch (status) {
    case 'requested':
    case 'offered':
      return 'waiting';
    case 'no_show':
      return 'missed';
    default:
      return status;
  }
}
