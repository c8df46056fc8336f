import { Body, Controller, Get, Headers, HttpCode, Patch, Query, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { API_PREFIX, expectedVersion, type Page, Post, UuidParam } from '#core';
import { type Caller, CurrentCaller, Permission, RequirePermission } from '#access';
import { ActivityListQuery, CancelActivityDto, PlanActivityDto, UpdateActivityDto } from './activity.dtos.js';
import { ActivityPlanningService } from './activity-planning.service.js';
import { ActivityQueriesService } from './activity-queries.service.js';
import type { ActivityView } from './activity.views.js';

/** Lessons, talks, group activities, parent meetings and briefings, with one delivery per target class. */
@ApiTags('education')
@Controller('education/activities')
export class ActivitiesController {
  constructor(
    private readonly planning: ActivityPlanningService,
    private readonly queries: ActivityQueriesService,
  ) {}

  @Post()
  @RequirePermission(Permission.EducationPlan)
  async plan(@CurrentCaller() caller: Caller, @Body() body: PlanActivityDto, @Res({ passthrough: true }) reply: FastifyReply): Promise<ActivityView> {
    const activity = await this.planning.plan(caller, body);
    void reply.header('location', `/${API_PREFIX}/education/activities/${activity.id}`);
    return activity;
  }

  @Get()
  @RequirePermission(Permission.EducationRead)
  list(@CurrentCaller() caller: Caller, @Query() query: ActivityListQuery): Promise<Page<ActivityView>> {
    return this.queries.list(caller, query);
  }

  @Get(':activityId')
  @RequirePermission(Permission.EducationRead)
  get(@CurrentCaller() caller: Caller, @UuidParam('activityId') activityId: string): Promise<ActivityView> {
    return this.queries.get(caller, activityId);
  }

  @Patch(':activityId')
  @RequirePermission(Permission.EducationPlan)
  update(
    @CurrentCaller() caller: Caller,
    @UuidParam('activityId') activityId: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: UpdateActivityDto,
  ): Promise<ActivityView> {
    return this.planning.update(caller, activityId, expectedVersion(ifMatch, body.version), body);
  }

  @Post(':activityId/cancel')
  @RequirePermission(Permission.EducationPlan)
  @HttpCode(200)
  cancel(
    @CurrentCaller() caller: Caller,
    @UuidParam('activityId') activityId: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: CancelActivityDto,
  ): Promise<ActivityView> {
    return this.planning.cancel(caller, activityId, expectedVersion(ifMatch, body.version), body);
  }
}
