import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
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
  list(@CurrentCaller() caller: Caller, @Query() query: MyTaskListQuery): Promise<Page<MyTaskView>> {
    return this.myTasks.list(caller, query);
  }
}
