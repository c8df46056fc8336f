import { Body, Controller, Get, Query, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { API_PREFIX, type Page, PageQuery, Post, UuidParam } from '#core';
import { type Caller, CurrentCaller, Permission, RequirePermission } from '#access';
import { type SessionNoteView, WriteSessionNoteDto } from './session-notes.dtos.js';
import { SessionNotesService } from './session-notes.service.js';

@ApiTags('counseling')
@Controller('appointments/:appointmentId/notes')
export class SessionNotesController {
  constructor(private readonly notes: SessionNotesService) {}

  @Post()
  @RequirePermission(Permission.SessionNoteWrite)
  async write(
    @CurrentCaller() caller: Caller,
    @UuidParam('appointmentId') appointmentId: string,
    @Body() body: WriteSessionNoteDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SessionNoteView> {
    const note = await this.notes.write(caller, appointmentId, body);
    void reply.header('location', `/${API_PREFIX}/appointments/${appointmentId}/notes/${note.id}`);
    return note;
  }

  @Get()
  @RequirePermission(Permission.SessionNoteRead)
  list(@CurrentCaller() caller: Caller, @UuidParam('appointmentId') appointmentId: string, @Query() query: PageQuery): Promise<Page<SessionNoteView>> {
    return this.notes.list(caller, appointmentId, query);
  }

  @Get(':noteId')
  @RequirePermission(Permission.SessionNoteRead)
  get(@CurrentCaller() caller: Caller, @UuidParam('appointmentId') appointmentId: string, @UuidParam('noteId') noteId: string): Promise<SessionNoteView> {
    return this.notes.get(caller, appointmentId, noteId);
  }
}
