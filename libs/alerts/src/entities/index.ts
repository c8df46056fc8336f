import { AlertDeadline } from './alert-deadline.entity.js';
import { AlertEscalation } from './alert-escalation.entity.js';
import { Alert } from './alert.entity.js';

export { Alert, AlertDeadline, AlertEscalation };
export * from './alert.entity.js';

export const alertEntities = [Alert, AlertEscalation, AlertDeadline];
