import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { notificationEntities } from './entities/index.js';

@Module({
  imports: [TypeOrmModule.forFeature(notificationEntities)],
})
export class NotificationsModule {}
