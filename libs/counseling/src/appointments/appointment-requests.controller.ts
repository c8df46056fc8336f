import { Body, Controller, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { API_PREFIX, Post } from '#core';
import { type Caller, CurrentCaller, Permission, RequirePermission } from '#access';
import { AppointmentQueryService } from './appointment-query.service.js';
import { AppointmentRequestService } from './appointment-request.service.js';
import { RequestAppointmentDto } from './appointment.dtos.js';
import type { AppointmentView } from './appointment.views.js';

@ApiTags('counseling')
@Controller('appointment-requests')
export class AppointmentRequestsController {
  constructor(
    private readonly requests: AppointmentRequestService,
    private readonly queries: AppointmentQueryService,
  ) {}

  /** A class teacher asks for a session for a student of their class: 201, the request waiting (`/appointments/{id}`). */
  @ApiOperation({
    operationId: 'requestAppointment',
    summary: 'Ask for a counseling session for a student of your class',
    description: 'Answers 201 with the request waiting, at `/appointments/{appointmentId}`, in the teacher view.',
  })
  @Post()
  @RequirePermission(Permission.AppointmentRequest)
  async request(@CurrentCaller() caller: Caller, @Body() body: RequestAppointmentDto, @Res({ passthrough: true }) reply: FastifyReply): Promise<AppointmentView> {
    const id = await this.requests.request(caller, body);
    void reply.header('location', `/${API_PREFIX}/appointments/${id}`);
    return this.queries.afterWrite(caller, id);
  }
}
