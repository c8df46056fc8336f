import { Logger } from '@nestjs/common';
import type { DataSource, EntityManager } from 'typeorm';

/** Deadlock and serialization failure: PostgreSQL rolled the transaction back, and running it again may succeed. */
const RETRYABLE_SQLSTATES = new Set(['40P01', '40001']);

/** The SQLSTATE when the error says "run the whole transaction again", else null. */
export function retryableSqlState(error: unknown): string | null {
  const { code, driverError } = (error ?? {}) as { code?: unknown; driverError?: { code?: unknown } };
  const sqlState = driverError?.code ?? code;
  return typeof sqlState === 'string' && RETRYABLE_SQLSTATES.has(sqlState) ? sqlState : null;
}

export interface TransactionRetryOptions {
  /** Runs of the transaction in all, the first included. */
  attempts?: number;
  /** The backoff before retry n is random in [0, baseDelayMs * 2^(n-1)): concurrent losers spread out. */
  baseDelayMs?: number;
  logger?: Pick<Logger, 'warn'>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Makes every outermost transaction of the data source (`dataSource.transaction(...)`, which
 * TypeORM runs through `dataSource.manager`) run again, whole, after a deadlock or a
 * serialization failure, a bounded number of times with jittered backoff; each retry is logged by
 * SQLSTATE. Nested transactions (savepoints, through a transaction's own manager) are never retried
 * on their own: their outermost transaction is. The work must not act outside the database before
 * it commits (nothing here does), since a retried run does it again. Returns the data source.
 */
export function retryTransactions(dataSource: DataSource, options: TransactionRetryOptions = {}): DataSource {
  const attempts = options.attempts ?? 4;
  const baseDelayMs = options.baseDelayMs ?? 20;
  const logger = options.logger ?? new Logger('Database');
  const manager = dataSource.manager;
  const once = manager.transaction.bind(manager) as (...args: unknown[]) => Promise<unknown>;
  const retrying = async (...args: unknown[]): Promise<unknown> => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await once(...args);
      } catch (error) {
        const code = retryableSqlState(error);
        if (!code || attempt >= attempts) throw error;
        logger.warn({ msg: 'Transaction retried', code, attempt });
        await sleep(Math.random() * baseDelayMs * 2 ** (attempt - 1));
      }
    }
  };
  manager.transaction = retrying as EntityManager['transaction'];
  return dataSource;
}
