import { Body, Controller, Get, Headers, HttpCode, Patch, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { API_PREFIX, ApiIfMatchHeader, expectedVersion, type Page, Post, UuidParam } from '#core';
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
  @ApiOperation({
    operationId: 'planEducationActivity',
    summary: 'Plan an education activity for target classes or grades',
    description:
      'One delivery per target class; grades are expanded to their classes now. A class teacher may target only the classes they teach. Audited.',
  })
  async plan(@CurrentCaller() caller: Caller, @Body() body: PlanActivityDto, @Res({ passthrough: true }) reply: FastifyReply): Promise<ActivityView> {
    const activity = await this.planning.plan(caller, body);
    void reply.header('location', `/${API_PREFIX}/education/activities/${activity.id}`);
    return activity;
  }

  @Get()
  @RequirePermission(Permission.EducationRead)
  @ApiOperation({
    operationId: 'listEducationActivities',
    summary: 'List education activities, latest start first, with their topics and target classes',
    description: 'Class teachers see the activities that reach a class they teach, and only those classes among the deliveries.',
  })
  list(@CurrentCaller() caller: Caller, @Query() query: ActivityListQuery): Promise<Page<ActivityView>> {
    return this.queries.list(caller, query);
  }

  @Get(':activityId')
  @RequirePermission(Permission.EducationRead)
  @ApiOperation({ operationId: 'getEducationActivity', summary: 'Get an education activity with its topics and target classes' })
  get(@CurrentCaller() caller: Caller, @UuidParam('activityId') activityId: string): Promise<ActivityView> {
    return this.queries.get(caller, activityId);
  }

  @Patch(':activityId')
  @RequirePermission(Permission.EducationPlan)
  @ApiOperation({
    operationId: 'updateEducationActivity',
    summary: 'Change a planned activity (its targets stay)',
    description:
      'Only until a class confirms it; a class teacher changes only what they planned. Moving the start moves every delivery. Audited.',
  })
  @ApiIfMatchHeader()
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
  @ApiOperation({
    operationId: 'cancelEducationActivity',
    summary: 'Cancel a planned activity, with a reason',
    description: 'Cancels the deliveries not yet confirmed; confirmed ones stay delivered. Audited with the reason.',
  })
  @ApiIfMatchHeader()
  cancel(
    @CurrentCaller() caller: Caller,
    @UuidParam('activityId') activityId: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: CancelActivityDto,
  ): Promise<ActivityView> {
    return this.planning.cancel(caller, activityId, expectedVersion(ifMatch, body.version), body);
  }
}
