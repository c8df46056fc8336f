import type { Dictionary } from '../i18n/dictionary';
import type { CaseDetail, CaseReferral, CaseTask } from './caseQueries';

/** The fields of a case a conflict notice reports, in words. */
export function caseConflictFields(text: Dictionary['cases'], nameOf: (userId: string) => string) {
  return [
    { label: text.conflict.field.state, show: (c: CaseDetail) => text.state[c.state] },
    { label: text.conflict.field.riskLevel, show: (c: CaseDetail) => text.risk[c.riskLevel] },
    { label: text.conflict.field.ownerId, show: (c: CaseDetail) => nameOf(c.ownerId) },
    { label: text.conflict.field.team, show: (c: CaseDetail) => c.team.map((m) => m.displayName).sort().join('、') },
  ];
}

export function taskConflictFields(text: Dictionary['cases'], when: (iso: string) => string) {
  return [
    { label: text.conflict.field.title, show: (t: CaseTask) => t.title },
    { label: text.conflict.field.dueAt, show: (t: CaseTask) => when(t.dueAt) },
    { label: text.conflict.field.assigneeId, show: (t: CaseTask) => t.assigneeName },
    { label: text.conflict.field.status, show: (t: CaseTask) => text.tasks.status[t.status] },
  ];
}

export function referralConflictFields(text: Dictionary['cases']) {
  return [
    { label: text.conflict.field.status, show: (r: CaseReferral) => text.referrals.status[r.status] },
    { label: text.conflict.field.note, show: (r: CaseReferral) => r.note ?? '' },
  ];
}
