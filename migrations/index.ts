import { Foundation1795824000000 } from './1795824000000-foundation.js';
import { IdentityAndOrganisation1795824100000 } from './1795824100000-identity-and-organisation.js';
import { IdempotencyKeys1795824200000 } from './1795824200000-idempotency-keys.js';
import { ScreeningInstruments1795824300000 } from './1795824300000-screening-instruments.js';
import { Alerts1795824400000 } from './1795824400000-alerts.js';
import { ConcernFlags1795824500000 } from './1795824500000-concern-flags.js';
import { RiskRegister1795824600000 } from './1795824600000-risk-register.js';
import { ScreeningCampaigns1795824700000 } from './1795824700000-screening-campaigns.js';
import { Cases1795824800000 } from './1795824800000-cases.js';
import { HealthEducation1795824900000 } from './1795824900000-health-education.js';
import { Counseling1795825000000 } from './1795825000000-counseling.js';
import { SealedIdempotentAnswers1795825100000 } from './1795825100000-sealed-idempotent-answers.js';
import { Holidays1795825200000 } from './1795825200000-holidays.js';
import { SurveyPage1795825300000 } from './1795825300000-survey-page.js';
import { HolidayCategories1795825400000 } from './1795825400000-holiday-categories.js';
import { HardshipAid1795825500000 } from './1795825500000-hardship-aid.js';
import { SearchIndexes1795825600000 } from './1795825600000-search-indexes.js';
import { Reminders1795825700000 } from './1795825700000-reminders.js';
import { HelpResourcesVersion1795825800000 } from './1795825800000-help-resources-version.js';
import { RemindersSnoozedIndex1795825850000 } from './1795825850000-reminders-snoozed-index.js';
import { OnePrimaryGuardian1795826000000 } from './1795826000000-one-primary-guardian.js';
import { ReminderDeliveriesSkipped1795826100000 } from './1795826100000-reminder-deliveries-skipped.js';
import { SurveySubmissionDigest1795826300000 } from './1795826300000-survey-submission-digest.js';
import { RateLimitCounts1795826400000 } from './1795826400000-rate-limit-counts.js';
import { ApplicationRoleGrants1795826900000 } from './1795826900000-application-role-grants.js';
import { KeyedAuditChain1795826910000 } from './1795826910000-keyed-audit-chain.js';
import { BreakGlassReasonsEncrypted1795826920000 } from './1795826920000-break-glass-reasons-encrypted.js';
import { Messaging1795827000000 } from './1795827000000-messaging.js';
import { FirstAccountable1795827100000 } from './1795827100000-first-accountable.js';
import { AlertPages1795827200000 } from './1795827200000-alert-pages.js';
import { Webhooks1795827300000 } from './1795827300000-webhooks.js';
import { DutyReachability1795827400000 } from './1795827400000-duty-reachability.js';
import { AuditAnchorDispatch1795827500000 } from './1795827500000-audit-anchor-dispatch.js';

/** Every migration, oldest first. A migration is never edited once it has landed on main. */
export const migrations = [
  Foundation1795824000000,
  IdentityAndOrganisation1795824100000,
  IdempotencyKeys1795824200000,
  ScreeningInstruments1795824300000,
  Alerts1795824400000,
  ConcernFlags1795824500000,
  RiskRegister1795824600000,
  ScreeningCampaigns1795824700000,
  Cases1795824800000,
  HealthEducation1795824900000,
  Counseling1795825000000,
  SealedIdempotentAnswers1795825100000,
  Holidays1795825200000,
  SurveyPage1795825300000,
  HolidayCategories1795825400000,
  HardshipAid1795825500000,
  SearchIndexes1795825600000,
  Reminders1795825700000,
  HelpResourcesVersion1795825800000,
  RemindersSnoozedIndex1795825850000,
  OnePrimaryGuardian1795826000000,
  ReminderDeliveriesSkipped1795826100000,
  SurveySubmissionDigest1795826300000,
  RateLimitCounts1795826400000,
  ApplicationRoleGrants1795826900000,
  KeyedAuditChain1795826910000,
  BreakGlassReasonsEncrypted1795826920000,
  Messaging1795827000000,
  FirstAccountable1795827100000,
  AlertPages1795827200000,
  Webhooks1795827300000,
  DutyReachability1795827400000,
  AuditAnchorDispatch1795827500000,
];
