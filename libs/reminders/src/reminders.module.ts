import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { reminderEntities } from './entities/index.js';

/** Scheduled reminders at the key windows of the holidays: rules as data, the sweep, the inbox and the delivery outbox. */
@Module({
  imports: [TypeOrmModule.forFeature(reminderEntities)],
})
export class RemindersModule {}
