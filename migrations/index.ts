import { Foundation1795824000000 } from './1795824000000-foundation.js';
import { IdentityAndOrganisation1795824100000 } from './1795824100000-identity-and-organisation.js';
import { IdempotencyKeys1795824200000 } from './1795824200000-idempotency-keys.js';
import { Alerts1795824400000 } from './1795824400000-alerts.js';

/** Every migration, oldest first. A migration is never edited once it has landed on main. */
export const migrations = [
  Foundation1795824000000,
  IdentityAndOrganisation1795824100000,
  IdempotencyKeys1795824200000,
  Alerts1795824400000,
];
