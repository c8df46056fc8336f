import { Body, Controller, Get, Headers, Query, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { API_PREFIX, expectedVersion, type Page, Post, UuidParam } from '#core';
import { type Caller, CurrentCaller, Permission, RequirePermission } from '#access';
import { ConfirmationListQuery, type ConfirmationView, ConfirmDeliveryDto, type DeliveryView } from './confirmation.dtos.js';
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
  get(@CurrentCaller() caller: Caller, @UuidParam('deliveryId') deliveryId: string): Promise<DeliveryView> {
    return this.queries.get(caller, deliveryId);
  }

  /** The first confirmation, or a correction of the current one (a new revision; the history stays). */
  @Post(':deliveryId/confirmations')
  @RequirePermission(Permission.EducationConfirm)
  async confirm(
    @CurrentCaller() caller: Caller,
    @UuidParam('deliveryId') deliveryId: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: ConfirmDeliveryDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ConfirmationView> {
    const confirmation = await this.confirmations.confirm(caller, deliveryId, expectedVersion(ifMatch, body.version), body);
    void reply.header('location', `/${API_PREFIX}/education/deliveries/${deliveryId}/confirmations/${confirmation.id}`);
    return confirmation;
  }

  @Get(':deliveryId/confirmations')
  @RequirePermission(Permission.EducationRead)
  history(
    @CurrentCaller() caller: Caller,
    @UuidParam('deliveryId') deliveryId: string,
    @Query() query: ConfirmationListQuery,
  ): Promise<Page<ConfirmationView>> {
    return this.queries.history(caller, deliveryId, query);
  }

  @Get(':deliveryId/confirmations/:confirmationId')
  @RequirePermission(Permission.EducationRead)
  confirmation(
    @CurrentCaller() caller: Caller,
    @UuidParam('deliveryId') deliveryId: string,
    @UuidParam('confirmationId') confirmationId: string,
  ): Promise<ConfirmationView> {
    return this.queries.confirmation(caller, deliveryId, confirmationId);
  }
}
