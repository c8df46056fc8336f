import { IdempotencyKey } from '#core';
import { alertEntities } from '#alerts';
import { auditEntities } from '#audit';
import { identityEntities } from '#identity';
import { notificationEntities } from '#notifications';
import { orgEntities } from '#org';

/** Every entity, for commands that work without booting the Nest application. */
export const allEntities = [...orgEntities, ...identityEntities, ...notificationEntities, ...auditEntities, ...alertEntities, IdempotencyKey];
