import type { AuditEntry } from './audit.service.js';

/**
 * The one entry of a list read that returns clinical status for many students (the risk register,
 * the case list): what was asked and how many rows came back, as JSON in `reason`. Not who: the
 * trail would otherwise copy the list it guards. Filters left out of the request are left out here.
 */
export function listReadEntry(read: { action: string; entityType: string; filter: object; count: number }): AuditEntry {
  const filter = Object.fromEntries(Object.entries(read.filter).filter(([, value]) => value !== undefined));
  return { action: read.action, entityType: read.entityType, reason: JSON.stringify({ filter, count: read.count }) };
}
