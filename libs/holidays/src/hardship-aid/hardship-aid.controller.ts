import { Body, Controller, Get, HttpCode, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { API_PREFIX, type Page, Post, UuidParam } from '#core';
import { type Caller, CurrentCaller, Permission, RequirePermission } from '#access';
import { ApplyHardshipAidDto, type HardshipAidDetail, HardshipAidListQuery, type HardshipAidView, TransitionHardshipAidDto } from './hardship-aid.dtos.js';
import { HardshipAidService } from './hardship-aid.service.js';

/**
 * Temporary hardship aid for disaster-affected students: class teachers (their classes),
 * counselors and administrators apply; administrators review and record payment.
 */
@ApiTags('hardship-aid')
@Controller('calendar/holidays/:holidayId/hardship-aid')
export class HardshipAidController {
  constructor(private readonly aid: HardshipAidService) {}

  @Post()
  @RequirePermission(Permission.HardshipAidApply)
  @ApiOperation({
    operationId: 'applyForHardshipAid',
    summary: 'Apply for temporary hardship aid for a disaster-affected student',
    description: 'A student may have one open (submitted or approved) application per holiday. The circumstances are encrypted at rest. Audited.',
  })
  async apply(
    @CurrentCaller() caller: Caller,
    @UuidParam('holidayId') holidayId: string,
    @Body() body: ApplyHardshipAidDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<HardshipAidDetail> {
    const application = await this.aid.apply(caller, holidayId, body);
    void reply.status(201).header('location', `/${API_PREFIX}/calendar/holidays/${holidayId}/hardship-aid/${application.id}`);
    return application;
  }

  @Get()
  @RequirePermission(Permission.HardshipAidRead)
  @ApiOperation({
    operationId: 'listHardshipAidApplications',
    summary: 'List the hardship-aid applications of a holiday',
    description:
      'Class teachers see the applications they made, counselors and administrators the whole school. Only reviewers (administrators) get the amounts, circumstances, rejection reason and payment.',
  })
  list(@CurrentCaller() caller: Caller, @UuidParam('holidayId') holidayId: string, @Query() query: HardshipAidListQuery): Promise<Page<HardshipAidView>> {
    return this.aid.list(caller, holidayId, query);
  }

  @Get(':applicationId')
  @RequirePermission(Permission.HardshipAidRead)
  @ApiOperation({
    operationId: 'getHardshipAidApplication',
    summary: 'Get a hardship-aid application with its history',
    description: 'Who sees it and which fields as in the list.',
  })
  get(@CurrentCaller() caller: Caller, @UuidParam('holidayId') holidayId: string, @UuidParam('applicationId') applicationId: string): Promise<HardshipAidDetail> {
    return this.aid.get(caller, holidayId, applicationId);
  }

  /** submitted -> approved | rejected (with a reason) -> paid (approved only, with amount and reference). */
  @Post(':applicationId/transitions')
  @RequirePermission(Permission.HardshipAidReview)
  @HttpCode(200)
  @ApiOperation({
    operationId: 'transitionHardshipAidApplication',
    summary: 'Approve or reject a hardship-aid application, or record its payment',
    description:
      'submitted → approved, or rejected with a reason; approved → paid with the amount and reference. Whoever applied may not approve it. Audited.',
  })
  transition(
    @CurrentCaller() caller: Caller,
    @UuidParam('holidayId') holidayId: string,
    @UuidParam('applicationId') applicationId: string,
    @Body() body: TransitionHardshipAidDto,
  ): Promise<HardshipAidDetail> {
    return this.aid.transition(caller, holidayId, applicationId, body);
  }
}
