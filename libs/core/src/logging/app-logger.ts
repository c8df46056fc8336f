import type { LoggerService } from '@nestjs/common';
import { pino, type Level, type Logger as Pino } from 'pino';

export type RootLogger = Pino;

/** The process's one pino logger: JSON lines on stdout, tagged with the service. */
export function createRootLogger(level: string, service = 'campus-care'): RootLogger {
  return pino({ level, base: { service } });
}

/**
 * Nest's logger on pino: Nest's own messages and every `new Logger(context)` call become JSON
 * lines with their context. A message below the level costs one comparison. Stacks are written
 * only at `debug` or `trace`: their first line repeats the error's message, which may hold data.
 */
export class AppLogger implements LoggerService {
  constructor(readonly root: RootLogger) {}

  log(message: unknown, ...params: unknown[]): void {
    this.write('info', message, params);
  }

  /** Nest calls `error(message, stack?, context?)`. */
  error(message: unknown, ...params: unknown[]): void {
    this.write('error', message, params);
  }

  warn(message: unknown, ...params: unknown[]): void {
    this.write('warn', message, params);
  }

  debug(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, params);
  }

  verbose(message: unknown, ...params: unknown[]): void {
    this.write('trace', message, params);
  }

  fatal(message: unknown, ...params: unknown[]): void {
    this.write('fatal', message, params);
  }

  private write(level: Level, message: unknown, params: unknown[]): void {
    if (!this.root.isLevelEnabled(level)) return;
    // Nest's Logger appends its context as the last parameter; an error's stack comes before it.
    const context = params.length > 0 && typeof params[params.length - 1] === 'string' ? (params[params.length - 1] as string) : undefined;
    const stack = level === 'error' && params.length > 1 && typeof params[0] === 'string' ? params[0] : undefined;
    const fields: Record<string, unknown> = { context, stack };
    if (message instanceof Error) {
      this.root[level](this.withoutStack({ ...fields, errName: message.name, stack: message.stack }), message.message);
    } else if (typeof message === 'object' && message !== null) {
      this.root[level](this.withoutStack({ ...fields, ...(message as Record<string, unknown>) }));
    } else {
      this.root[level](this.withoutStack(fields), String(message));
    }
  }

  private withoutStack(fields: Record<string, unknown>): Record<string, unknown> {
    if (fields.stack === undefined || this.root.isLevelEnabled('debug')) return fields;
    const { stack: _stack, ...rest } = fields;
    return rest;
  }
}
