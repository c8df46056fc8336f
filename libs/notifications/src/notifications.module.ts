import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { notificationEntities } from './entities/index.js';
import { NotificationRepository } from './notification.repository.js';
import { NotificationsController } from './notifications.controller.js';

/** In-app notifications to staff; other modules send them inside their own transactions. */
@Module({
  imports: [TypeOrmModule.forFeature(notificationEntities)],
  controllers: [NotificationsController],
  providers: [NotificationRepository],
  exports: [NotificationRepository],
})
export class NotificationsModule {}
