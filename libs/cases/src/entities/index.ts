import { CaseClosureRequest } from './case-closure-request.entity.js';
import { CaseContact } from './case-contact.entity.js';
import { CaseEvent } from './case-event.entity.js';
import { CaseNote } from './case-note.entity.js';
import { CaseReferral } from './case-referral.entity.js';
import { CaseSignal } from './case-signal.entity.js';
import { CaseTask } from './case-task.entity.js';
import { CaseTeamMember } from './case-team-member.entity.js';
import { Case } from './case.entity.js';
import { ReferralAgency } from './referral-agency.entity.js';

export { Case, CaseClosureRequest, CaseContact, CaseEvent, CaseNote, CaseReferral, CaseSignal, CaseTask, CaseTeamMember, ReferralAgency };
export * from './case-contact.entity.js';
export * from './case-referral.entity.js';
export * from './case-task.entity.js';
export * from './case.entity.js';
export * from './referral-agency.entity.js';

export const caseEntities = [
  Case,
  CaseSignal,
  CaseTeamMember,
  CaseEvent,
  CaseTask,
  CaseContact,
  ReferralAgency,
  CaseReferral,
  CaseNote,
  CaseClosureRequest,
];
