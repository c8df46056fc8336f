import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Page } from '#core';
import { type Caller, CurrentCaller, Permission, RequirePermission } from '#access';
import { MyTaskListQuery, type MyTaskView } from './case-task.dto.js';
import { MyTasksService } from './my-tasks.service.js';

@ApiTags('cases')
@Controller('me/tasks')
export class MyTasksController {
  constructor(private readonly myTasks: MyTasksService) {}

  /** The caller's open tasks on cases not closed, soonest due first. */
  @Get()
  @RequirePermission(Permission.CaseWork)
  @ApiOperation({
    operationId: 'listMyCaseTasks',
    summary: 'List your open tasks on cases not closed, soonest due first',
    description: 'Audited once per case shown, since titles are clinical text.',
  })
  list(@CurrentCaller() caller: Caller, @Query() query: MyTaskListQuery): Promise<Page<MyTaskView>> {
    return this.myTasks.list(caller, query);
  }
}
