import type { Schemas } from '../api/client';
import type { Dictionary } from '../i18n/dictionary';

export type TimelineEvent =
  | Schemas['CaseOpenedEvent']
  | Schemas['CaseSignalAttachedEvent']
  | Schemas['CaseStateChangedEvent']
  | Schemas['CaseRiskChangedEvent']
  | Schemas['CaseOwnerChangedEvent']
  | Schemas['CaseTeamChangedEvent']
  | Schemas['CaseClosureEvent']
  | Schemas['CaseReferralCreatedEvent']
  | Schemas['CaseReferralUpdatedEvent']
  | Schemas['CaseTaskCreatedEvent']
  | Schemas['CaseTaskUpdatedEvent']
  | Schemas['CaseNoteAddedEvent']
  | Schemas['CaseContactLoggedEvent'];

/** One timeline entry in words: what happened, with the people and values it names. */
export function describeEvent(event: TimelineEvent, text: Dictionary['cases'], nameOf: (userId: string) => string, when: (iso: string) => string): string {
  const t = text.timeline;
  switch (event.kind) {
    case 'opened':
      return t.opened(text.risk[event.data.riskLevel]);
    case 'signal_attached':
      return t.signal_attached(text.source[event.data.source.type]);
    case 'state_changed':
      return t.state_changed(text.state[event.data.from], text.state[event.data.to]);
    case 'reopened':
      return t.reopened(text.state[event.data.from], text.state[event.data.to]);
    case 'risk_changed':
      return t.risk_changed(text.risk[event.data.from], text.risk[event.data.to]);
    case 'owner_changed':
      return t.owner_changed(nameOf(event.data.from), nameOf(event.data.to));
    case 'member_added':
      return t.member_added(nameOf(event.data.userId));
    case 'member_removed':
      return t.member_removed(nameOf(event.data.userId));
    case 'closure_requested':
    case 'closure_approved':
    case 'closure_rejected':
      return t[event.kind];
    case 'referral_created':
      return t.referral_created;
    case 'referral_updated':
      return t.referral_updated(text.referrals.status[event.data.from], text.referrals.status[event.data.to]);
    case 'task_created':
      return t.task_created(when(event.data.dueAt));
    case 'task_updated':
      return event.data.from && event.data.to ? t.task_status(text.tasks.status[event.data.from], text.tasks.status[event.data.to]) : t.task_updated;
    case 'note_added':
      return t.note_added;
    case 'contact_logged':
      return t.contact_logged(text.contacts.counterpart[event.data.counterpart], text.contacts.outcome[event.data.outcome]);
  }
}

/** Whether the newest closure event is a request still waiting for its decision. */
export function closurePending(newestFirstEvents: readonly TimelineEvent[]): boolean {
  const latest = newestFirstEvents.find((event) => event.kind === 'closure_requested' || event.kind === 'closure_approved' || event.kind === 'closure_rejected');
  return latest?.kind === 'closure_requested';
}
