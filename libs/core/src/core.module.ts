import { Module } from '@nestjs/common';
import { ClockModule } from './clock/clock.module.js';
import { AppConfigModule } from './config/config.module.js';
import { HealthModule } from './health/health.module.js';
import { LoggingModule } from './logging/logging.module.js';

/** The shared foundation every app imports: config, logging, clock, health. */
@Module({
  imports: [AppConfigModule, LoggingModule, ClockModule, HealthModule],
  exports: [AppConfigModule, ClockModule],
})
export class CoreModule {}
