import { AlertDeadline } from './alert-deadline.entity.js';
import { AlertEscalation } from './alert-escalation.entity.js';
import { AlertPage } from './alert-page.entity.js';
import { Alert } from './alert.entity.js';

export { Alert, AlertDeadline, AlertEscalation, AlertPage };
export * from './alert.entity.js';

export const alertEntities = [Alert, AlertEscalation, AlertDeadline, AlertPage];
