import { IdempotencyKey } from '#core';
import { alertEntities } from '#alerts';
import { auditEntities } from '#audit';
import { caseEntities } from '#cases';
import { concernFlagEntities } from '#concern-flags';
import { counselingEntities } from '#counseling';
import { educationEntities } from '#education';
import { holidayEntities } from '#holidays';
import { identityEntities } from '#identity';
import { messagingEntities } from '#messaging';
import { notificationEntities } from '#notifications';
import { orgEntities } from '#org';
import { reminderEntities } from '#reminders';
import { riskEntities } from '#risk';
import { screeningEntities } from '#screening';

/** Every entity, for commands that work without booting the Nest application. */
export const allEntities = [
  ...orgEntities,
  ...identityEntities,
  ...notificationEntities,
  ...messagingEntities,
  ...auditEntities,
  ...alertEntities,
  ...concernFlagEntities,
  ...screeningEntities,
  ...riskEntities,
  ...caseEntities,
  ...counselingEntities,
  ...educationEntities,
  ...holidayEntities,
  ...reminderEntities,
  IdempotencyKey,
];
