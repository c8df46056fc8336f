import { QueryFailedError } from 'typeorm';

/**
 * Whether a query failed on PostgreSQL's unique violation (23505) of the named constraint or
 * unique index: repositories turn that into a 409 instead of racing a "does it exist?" read.
 */
export function isUniqueViolation(error: unknown, constraint: string): boolean {
  if (!(error instanceof QueryFailedError)) return false;
  const driverError = error.driverError as { code?: unknown; constraint?: unknown } | undefined;
  return driverError?.code === '23505' && driverError.constraint === constraint;
}
