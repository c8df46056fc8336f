import type { DataSource } from 'typeorm';
import { type Clock, SystemClock } from '#core';
import { auditAnchorConfigFromEnvironment } from './anchor/audit-anchor-config.js';
import { AuditService } from './audit.service.js';

/** The audit service outside Nest (operator commands, the demo seed, the bench), keyed from the environment. */
export function auditServiceFromEnvironment(dataSource: DataSource, clock: Clock = new SystemClock()): AuditService {
  return new AuditService(dataSource, clock, auditAnchorConfigFromEnvironment());
}
