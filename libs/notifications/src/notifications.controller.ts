import { Controller, Get, HttpCode, Query } from '@nestjs/common';
import { ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional } from 'class-validator';
import { Clock, NotFoundProblem, type Page, PageQuery, Post, toPage, UuidParam } from '#core';
import { type Caller, CurrentCaller, Permission, RequirePermission } from '#access';
import { NotificationRepository, type NotificationView } from './notification.repository.js';

export class NotificationQuery extends PageQuery {
  @ApiPropertyOptional({ type: 'boolean', default: false, description: 'Only the notifications not read yet' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  unread?: boolean;
}

/** The caller's own notifications; small enough that the controller reads its repository directly. */
@ApiTags('notifications')
@Controller('notifications')
export class NotificationsController {
  constructor(
    private readonly notifications: NotificationRepository,
    private readonly clock: Clock,
  ) {}

  @Get()
  @RequirePermission(Permission.NotificationRead)
  @ApiOperation({ operationId: 'listNotifications', summary: 'List your own notifications, newest first' })
  async list(@CurrentCaller() caller: Caller, @Query() query: NotificationQuery): Promise<Page<NotificationView>> {
    const rows = await this.notifications.listForRecipient(caller.schoolId, caller.userId, query.unread ?? false, query);
    return toPage(rows, query, (r) => [r.createdAt.toISOString(), r.id]);
  }

  @Post(':notificationId/read')
  @RequirePermission(Permission.NotificationRead)
  @HttpCode(204)
  @ApiOperation({
    operationId: 'markNotificationRead',
    summary: 'Mark one of your notifications as read',
    description: 'Only your own notifications; marking one already read keeps the time it was first read.',
  })
  async markRead(@CurrentCaller() caller: Caller, @UuidParam('notificationId') id: string): Promise<void> {
    if (!(await this.notifications.markRead(caller.schoolId, caller.userId, id, this.clock.now()))) {
      throw new NotFoundProblem('notification.not_found', 'No such notification');
    }
  }
}
