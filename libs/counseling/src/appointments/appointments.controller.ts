import { Body, Controller, Get, HttpCode, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { API_PREFIX, type Page, Post, UuidParam } from '#core';
import { type Caller, CurrentCaller, Permission, RequirePermission } from '#access';
import { AppointmentOutcomeService } from './appointment-outcome.service.js';
import { AppointmentQueryService } from './appointment-query.service.js';
import {
  AppointmentActionDto,
  AppointmentListQuery,
  BookAppointmentDto,
  CancelAppointmentDto,
  ConfirmAppointmentDto,
  RescheduleAppointmentDto,
  WithdrawRequestDto,
} from './appointment.dtos.js';
import type { AppointmentView } from './appointment.views.js';
import { BookingService } from './booking.service.js';

const locationOf = (id: string) => `/${API_PREFIX}/appointments/${id}`;

@ApiTags('counseling')
@Controller('appointments')
export class AppointmentsController {
  constructor(
    private readonly booking: BookingService,
    private readonly outcomes: AppointmentOutcomeService,
    private readonly queries: AppointmentQueryService,
  ) {}

  /** A counselor books a student into their own calendar. */
  @ApiOperation({
    operationId: 'bookAppointment',
    summary: "Book a student into your own calendar",
    description: "The time must lie in your availability and overlap none of yours or the student's sessions; it links the student's open case.",
  })
  @Post()
  @RequirePermission(Permission.AppointmentBook)
  async book(@CurrentCaller() caller: Caller, @Body() body: BookAppointmentDto, @Res({ passthrough: true }) reply: FastifyReply): Promise<AppointmentView> {
    const id = await this.booking.book(caller, body);
    void reply.header('location', locationOf(id));
    return this.queries.afterWrite(caller, id);
  }

  @ApiOperation({
    operationId: 'listAppointments',
    summary: 'List the appointments you may see, newest first',
    description:
      'A counselor: their own sessions and requests waiting for any counselor; a class teacher: the requests they made, in the teacher view.',
  })
  @Get()
  @RequirePermission(Permission.AppointmentRead)
  list(@CurrentCaller() caller: Caller, @Query() query: AppointmentListQuery): Promise<Page<AppointmentView>> {
    return this.queries.list(caller, query);
  }

  @ApiOperation({
    operationId: 'getAppointment',
    summary: 'Get one appointment',
    description: 'A class teacher gets the teacher view of a request they made. The read is audited.',
  })
  @Get(':appointmentId')
  @RequirePermission(Permission.AppointmentRead)
  get(@CurrentCaller() caller: Caller, @UuidParam('appointmentId') appointmentId: string): Promise<AppointmentView> {
    return this.queries.get(caller, appointmentId);
  }

  @ApiOperation({
    operationId: 'confirmAppointment',
    summary: 'Confirm a waiting request or a held slot into a scheduled session',
    description: 'Notifies the class teacher who asked.',
  })
  @Post(':appointmentId/confirm')
  @RequirePermission(Permission.AppointmentBook)
  @HttpCode(200)
  async confirm(@CurrentCaller() caller: Caller, @UuidParam('appointmentId') appointmentId: string, @Body() body: ConfirmAppointmentDto): Promise<AppointmentView> {
    await this.booking.confirm(caller, appointmentId, body);
    return this.queries.afterWrite(caller, appointmentId);
  }

  /** 201 with the new session; the old one becomes `rescheduled`, pointing to it. */
  @ApiOperation({
    operationId: 'rescheduleAppointment',
    summary: 'Move a scheduled session to a new time',
    description: 'Answers 201 with the new session; the old one becomes `rescheduled`, pointing to it. Notifies the class teacher who asked.',
  })
  @Post(':appointmentId/reschedule')
  @RequirePermission(Permission.AppointmentBook)
  async reschedule(
    @CurrentCaller() caller: Caller,
    @UuidParam('appointmentId') appointmentId: string,
    @Body() body: RescheduleAppointmentDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<AppointmentView> {
    const id = await this.booking.reschedule(caller, appointmentId, body);
    void reply.header('location', locationOf(id));
    return this.queries.afterWrite(caller, id);
  }

  @ApiOperation({
    operationId: 'declineAppointment',
    summary: 'Decline a waiting request, with a reason',
    description: 'Notifies the class teacher who asked (never the reason); a held slot goes to the next request waiting.',
  })
  @Post(':appointmentId/decline')
  @RequirePermission(Permission.AppointmentBook)
  @HttpCode(200)
  async decline(@CurrentCaller() caller: Caller, @UuidParam('appointmentId') appointmentId: string, @Body() body: CancelAppointmentDto): Promise<AppointmentView> {
    await this.outcomes.end(caller, appointmentId, 'decline', body.version, body.reason);
    return this.queries.afterWrite(caller, appointmentId);
  }

  @ApiOperation({
    operationId: 'cancelAppointment',
    summary: 'Cancel a scheduled session, with a reason',
    description: 'Notifies the class teacher who asked (never the reason); the freed time goes to the next request waiting.',
  })
  @Post(':appointmentId/cancel')
  @RequirePermission(Permission.AppointmentBook)
  @HttpCode(200)
  async cancel(@CurrentCaller() caller: Caller, @UuidParam('appointmentId') appointmentId: string, @Body() body: CancelAppointmentDto): Promise<AppointmentView> {
    await this.outcomes.end(caller, appointmentId, 'cancel', body.version, body.reason);
    return this.queries.afterWrite(caller, appointmentId);
  }

  @ApiOperation({
    operationId: 'releaseAppointmentOffer',
    summary: 'Let a slot held for a request go: the request waits again',
    description: 'The slot is offered to the next request waiting.',
  })
  @Post(':appointmentId/release-offer')
  @RequirePermission(Permission.AppointmentBook)
  @HttpCode(200)
  async releaseOffer(@CurrentCaller() caller: Caller, @UuidParam('appointmentId') appointmentId: string, @Body() body: AppointmentActionDto): Promise<AppointmentView> {
    await this.outcomes.releaseOffer(caller, appointmentId, body.version);
    return this.queries.afterWrite(caller, appointmentId);
  }

  @ApiOperation({
    operationId: 'completeAppointment',
    summary: 'Record that a session took place',
    description: 'Only once the session has started.',
  })
  @Post(':appointmentId/complete')
  @RequirePermission(Permission.AppointmentBook)
  @HttpCode(200)
  async complete(@CurrentCaller() caller: Caller, @UuidParam('appointmentId') appointmentId: string, @Body() body: AppointmentActionDto): Promise<AppointmentView> {
    await this.outcomes.complete(caller, appointmentId, body.version);
    return this.queries.afterWrite(caller, appointmentId);
  }

  @ApiOperation({
    operationId: 'markAppointmentNoShow',
    summary: 'Record that the student missed a session',
    description:
      "Only once the session has started. Raises an alert when the student is at high or critical risk, and a follow-up task on the student's open case (else a notification).",
  })
  @Post(':appointmentId/no-show')
  @RequirePermission(Permission.AppointmentBook)
  @HttpCode(200)
  async noShow(@CurrentCaller() caller: Caller, @UuidParam('appointmentId') appointmentId: string, @Body() body: AppointmentActionDto): Promise<AppointmentView> {
    await this.outcomes.markNoShow(caller, appointmentId, body.version);
    return this.queries.afterWrite(caller, appointmentId);
  }

  /** The class teacher who asked takes a request back before it is scheduled. */
  @ApiOperation({
    operationId: 'withdrawAppointmentRequest',
    summary: 'Take back your request before it is scheduled',
  })
  @Post(':appointmentId/withdraw')
  @RequirePermission(Permission.AppointmentRequest)
  @HttpCode(200)
  async withdraw(@CurrentCaller() caller: Caller, @UuidParam('appointmentId') appointmentId: string, @Body() body: WithdrawRequestDto): Promise<AppointmentView> {
    await this.outcomes.end(caller, appointmentId, 'withdraw', body.version, body.reason ?? null);
    return this.queries.afterWrite(caller, appointmentId);
  }
}
