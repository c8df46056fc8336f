import { AuditEvent } from './audit-event.entity.js';

export { AuditEvent };
export * from './audit-event.entity.js';

export const auditEntities = [AuditEvent];
