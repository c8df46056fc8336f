import { Logger } from '@nestjs/common';
import type { Logger as TypeOrmLogger } from 'typeorm';

/**
 * TypeORM's own loggers print failing queries with their parameters, which can be names or
 * clinical text. This one logs the SQLSTATE and constraint of a failure and never parameters.
 */
export class SafeTypeOrmLogger implements TypeOrmLogger {
  private readonly logger = new Logger('Database');

  logQuery(): void {}

  logQueryError(error: string | Error): void {
    const { code, constraint } = (typeof error === 'string' ? {} : error) as { code?: string; constraint?: string };
    this.logger.warn({ msg: 'Query failed', code, constraint });
  }

  logQuerySlow(time: number): void {
    this.logger.warn({ msg: 'Slow query', ms: time });
  }

  logSchemaBuild(): void {}

  logMigration(message: string): void {
    this.logger.log(message);
  }

  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    if (level === 'warn') this.logger.warn(typeof message === 'string' ? message.replace(/\. error: .*/s, '') : 'warning');
  }
}
