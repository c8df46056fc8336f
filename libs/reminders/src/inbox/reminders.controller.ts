import { Body, Controller, Get, HttpCode, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { type Page, Post, UuidParam } from '#core';
import { type Caller, CurrentCaller, Permission, RequirePermission } from '#access';
import { ReminderActionsService } from './reminder-actions.service.js';
import { CompleteReminderDto, type ReminderDetail, ReminderInboxQuery, type ReminderView, SnoozeReminderDto } from './reminder-inbox.dtos.js';
import { ReminderInboxService } from './reminder-inbox.service.js';

/**
 * Every staff member's reminders: their own, and with `view=escalated` those escalated to them.
 * Someone else's reminder answers 404, like a missing one.
 */
@ApiTags('reminders')
@Controller('reminders')
export class RemindersController {
  constructor(
    private readonly inbox: ReminderInboxService,
    private readonly actions: ReminderActionsService,
  ) {}

  @ApiOperation({
    operationId: 'listReminders',
    summary: 'List your reminders, or those escalated to you, soonest due first',
    description: 'By default every status but done. `view=escalated`: reminders overdue elsewhere that were escalated to you.',
  })
  @Get()
  @RequirePermission(Permission.ReminderWork)
  list(@CurrentCaller() caller: Caller, @Query() query: ReminderInboxQuery): Promise<Page<ReminderView>> {
    return this.inbox.list(caller, query);
  }

  @ApiOperation({
    operationId: 'getReminder',
    summary: 'Get one of your reminders, or one escalated to you',
    description: "Someone else's reminder answers 404, like a missing one. The read is audited when it concerns a student.",
  })
  @Get(':reminderId')
  @RequirePermission(Permission.ReminderWork)
  get(@CurrentCaller() caller: Caller, @UuidParam('reminderId') reminderId: string): Promise<ReminderDetail> {
    return this.inbox.get(caller, reminderId);
  }

  /** open -> acknowledged; the recipient only. */
  @ApiOperation({ operationId: 'acknowledgeReminder', summary: 'Acknowledge a reminder: you have seen it and will see to it', description: 'The recipient only.' })
  @Post(':reminderId/acknowledge')
  @RequirePermission(Permission.ReminderWork)
  @HttpCode(200)
  acknowledge(@CurrentCaller() caller: Caller, @UuidParam('reminderId') reminderId: string): Promise<ReminderDetail> {
    return this.actions.acknowledge(caller, reminderId);
  }

  /** Until a time after now and not after the due time; the recipient only. */
  @ApiOperation({
    operationId: 'snoozeReminder',
    summary: 'Snooze a reminder until a later time, not after it is due',
    description: 'The recipient only.',
  })
  @Post(':reminderId/snooze')
  @RequirePermission(Permission.ReminderWork)
  @HttpCode(200)
  snooze(@CurrentCaller() caller: Caller, @UuidParam('reminderId') reminderId: string, @Body() body: SnoozeReminderDto): Promise<ReminderDetail> {
    return this.actions.snooze(caller, reminderId, body.until);
  }

  /** Done, with a note (encrypted); the recipient or a superior it was escalated to. */
  @ApiOperation({
    operationId: 'completeReminder',
    summary: 'Mark a reminder done, with a note of what was done',
    description: 'The recipient, or a superior it was escalated to. The note is encrypted; only they read it back.',
  })
  @Post(':reminderId/complete')
  @RequirePermission(Permission.ReminderWork)
  @HttpCode(200)
  complete(@CurrentCaller() caller: Caller, @UuidParam('reminderId') reminderId: string, @Body() body: CompleteReminderDto): Promise<ReminderDetail> {
    return this.actions.complete(caller, reminderId, body.note);
  }
}
