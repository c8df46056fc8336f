import type { FlagSeverity, FlagStatus } from './entities/concern-flag.entity.js';

/** What the teacher who raised a flag may know of it: where it stands, nothing of the counselor's work. */
export type TeacherFlagStatus = 'received' | 'under_review' | 'being_followed_up' | 'closed';

export function teacherStatusOf(status: FlagStatus): TeacherFlagStatus {
  switch (status) {
    case 'new':
      return 'received';
    case 'under_review':
      return 'under_review';
    case 'monitoring':
    case 'case_opened':
      return 'being_followed_up';
    case 'dismissed':
    case 'closed':
      return 'closed';
  }
}

export const TRIAGE_DECISIONS = ['review', 'monitor', 'open_case', 'dismiss', 'close'] as const;
export type TriageDecision = (typeof TRIAGE_DECISIONS)[number];

const NEXT_STATUS: Record<TriageDecision, FlagStatus> = {
  review: 'under_review',
  monitor: 'monitoring',
  open_case: 'case_opened',
  dismiss: 'dismissed',
  close: 'closed',
};

/** From which statuses each decision may be taken. */
const ALLOWED_FROM: Record<TriageDecision, readonly FlagStatus[]> = {
  review: ['new'],
  monitor: ['new', 'under_review'],
  open_case: ['new', 'under_review', 'monitoring'],
  dismiss: ['new', 'under_review', 'monitoring'],
  close: ['monitoring', 'case_opened'],
};

export function nextFlagStatus(current: FlagStatus, decision: TriageDecision): FlagStatus | null {
  return ALLOWED_FROM[decision].includes(current) ? NEXT_STATUS[decision] : null;
}

export function allowedDecisions(current: FlagStatus): TriageDecision[] {
  return (Object.keys(ALLOWED_FROM) as TriageDecision[]).filter((d) => ALLOWED_FROM[d].includes(current));
}

/** High flags raise a high alert; urgent ones a critical alert. */
export function alertSeverityOf(severity: FlagSeverity): 'critical' | 'high' | null {
  return severity === 'urgent' ? 'critical' : severity === 'high' ? 'high' : null;
}
