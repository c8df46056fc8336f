import { Global, Module } from '@nestjs/common';
import { AppConfig } from '../config/app-config.js';
import { AppLogger, createRootLogger } from './app-logger.js';

/**
 * Structured JSON logs through one pino logger: `app.useLogger(app.get(AppLogger))` routes Nest's
 * logging to it, and `configureHttpApp` adds the request log (`logRequests`).
 */
@Global()
@Module({
  providers: [{ provide: AppLogger, inject: [AppConfig], useFactory: (config: AppConfig) => new AppLogger(createRootLogger(config.LOG_LEVEL)) }],
  exports: [AppLogger],
})
export class LoggingModule {}
