import { Body, Controller, Get, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { API_PREFIX, type Page, PageQuery, Post, UuidParam } from '#core';
import { type Caller, CurrentCaller, Permission, RequirePermission } from '#access';
import { type SessionNoteView, WriteSessionNoteDto } from './session-notes.dtos.js';
import { SessionNotesService } from './session-notes.service.js';

@ApiTags('counseling')
@Controller('appointments/:appointmentId/notes')
export class SessionNotesController {
  constructor(private readonly notes: SessionNotesService) {}

  @ApiOperation({
    operationId: 'createSessionNote',
    summary: 'Write a note of a session you hold',
    description: 'For a scheduled, completed or missed session. The text is encrypted and never enters the audit trail.',
  })
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

  @ApiOperation({
    operationId: 'listSessionNotes',
    summary: "List a session's notes, oldest first",
    description:
      "The session's counselor, the student's open-case team, or a break-glass grant; anyone else gets 404. Every read is audited, refused ones too.",
  })
  @Get()
  @RequirePermission(Permission.SessionNoteRead)
  list(@CurrentCaller() caller: Caller, @UuidParam('appointmentId') appointmentId: string, @Query() query: PageQuery): Promise<Page<SessionNoteView>> {
    return this.notes.list(caller, appointmentId, query);
  }

  @ApiOperation({
    operationId: 'getSessionNote',
    summary: 'Get one note of a session',
    description:
      "The session's counselor, the student's open-case team, or a break-glass grant; anyone else gets 404. Every read is audited, refused ones too.",
  })
  @Get(':noteId')
  @RequirePermission(Permission.SessionNoteRead)
  get(@CurrentCaller() caller: Caller, @UuidParam('appointmentId') appointmentId: string, @UuidParam('noteId') noteId: string): Promise<SessionNoteView> {
    return this.notes.get(caller, appointmentId, noteId);
  }
}
