import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Page } from '#core';
import { type Caller, CurrentCaller, Permission, RequirePermission } from '#access';
import { type OverdueReminderView, OverdueRemindersQuery, type ReminderCounts, ReminderCountsQuery } from './reminder-reports.dtos.js';
import { ReminderReportsService } from './reminder-reports.service.js';

/**
 * The school's reminders in aggregate, for administrators and the head of counseling. Static paths
 * under /reminders: this controller is registered before the inbox's `/reminders/{reminderId}`.
 */
@ApiTags('reminders')
@Controller('reminders')
export class ReminderReportsController {
  constructor(private readonly reports: ReminderReportsService) {}

  /** By window, rule and status, with the overdue ones per rule. */
  @ApiOperation({
    operationId: 'getReminderCounts',
    summary: "Count the school's reminders by window, rule and status, with the overdue ones",
    description: 'Counts only, never a student. One row per window and rule, in window order, then by rule code.',
  })
  @Get('counts')
  @RequirePermission(Permission.ReminderReportRead)
  counts(@CurrentCaller() caller: Caller, @Query() query: ReminderCountsQuery): Promise<ReminderCounts> {
    return this.reports.counts(caller, query);
  }

  /** Not done and past due, with their recipients; no student names for administrators. */
  @ApiOperation({
    operationId: 'listOverdueReminders',
    summary: "List the school's reminders that are past due and not done, with their recipients",
    description: 'Soonest due first. Administrators never see student names. Audited when the page concerns students.',
  })
  @Get('overdue')
  @RequirePermission(Permission.ReminderReportRead)
  overdue(@CurrentCaller() caller: Caller, @Query() query: OverdueRemindersQuery): Promise<Page<OverdueReminderView>> {
    return this.reports.overdue(caller, query);
  }
}
