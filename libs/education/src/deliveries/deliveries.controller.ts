import { Body, Controller, Get, Headers, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { API_PREFIX, ApiIfMatchHeader, expectedVersion, type Page, Post, UuidParam } from '#core';
import { type Caller, CurrentCaller, Permission, RequirePermission } from '#access';
import { ConfirmationListQuery, type DeliveryConfirmationView, ConfirmDeliveryDto, type DeliveryView } from './confirmation.dtos.js';
import { DeliveryConfirmationService } from './delivery-confirmation.service.js';
import { DeliveryQueriesService } from './delivery-queries.service.js';

/** One target class of an activity: its class teacher (or a counselor or administrator) confirms it took place. */
@ApiTags('education')
@Controller('education/deliveries')
export class DeliveriesController {
  constructor(
    private readonly confirmations: DeliveryConfirmationService,
    private readonly queries: DeliveryQueriesService,
  ) {}

  @Get(':deliveryId')
  @RequirePermission(Permission.EducationRead)
  @ApiOperation({ operationId: 'getEducationDelivery', summary: "Get one target class's delivery of an activity, with its current confirmation" })
  get(@CurrentCaller() caller: Caller, @UuidParam('deliveryId') deliveryId: string): Promise<DeliveryView> {
    return this.queries.get(caller, deliveryId);
  }

  /** The first confirmation, or a correction of the current one (a new revision; the history stays). */
  @Post(':deliveryId/confirmations')
  @RequirePermission(Permission.EducationConfirm)
  @ApiOperation({
    operationId: 'confirmEducationDelivery',
    summary: 'Confirm that the activity took place in the class, or correct the confirmation',
    description:
      'Each call adds a revision, based on the delivery version. Students marked missed need a catch-up; a correction withdraws the catch-ups of students no longer missed. Not for a cancelled delivery or before the activity starts. Audited.',
  })
  @ApiIfMatchHeader()
  async confirm(
    @CurrentCaller() caller: Caller,
    @UuidParam('deliveryId') deliveryId: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: ConfirmDeliveryDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<DeliveryConfirmationView> {
    const confirmation = await this.confirmations.confirm(caller, deliveryId, expectedVersion(ifMatch, body.version), body);
    void reply.header('location', `/${API_PREFIX}/education/deliveries/${deliveryId}/confirmations/${confirmation.id}`);
    return confirmation;
  }

  @Get(':deliveryId/confirmations')
  @RequirePermission(Permission.EducationRead)
  @ApiOperation({ operationId: 'listEducationDeliveryConfirmations', summary: 'List the confirmation of a delivery and its corrections, latest revision first' })
  history(
    @CurrentCaller() caller: Caller,
    @UuidParam('deliveryId') deliveryId: string,
    @Query() query: ConfirmationListQuery,
  ): Promise<Page<DeliveryConfirmationView>> {
    return this.queries.history(caller, deliveryId, query);
  }

  @Get(':deliveryId/confirmations/:confirmationId')
  @RequirePermission(Permission.EducationRead)
  @ApiOperation({ operationId: 'getEducationDeliveryConfirmation', summary: 'Get one revision of a delivery confirmation' })
  confirmation(
    @CurrentCaller() caller: Caller,
    @UuidParam('deliveryId') deliveryId: string,
    @UuidParam('confirmationId') confirmationId: string,
  ): Promise<DeliveryConfirmationView> {
    return this.queries.confirmation(caller, deliveryId, confirmationId);
  }
}
