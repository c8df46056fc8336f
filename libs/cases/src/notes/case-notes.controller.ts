import { Body, Controller, Get, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { API_PREFIX, type Page, Post, UuidParam } from '#core';
import { type Caller, CurrentCaller, Permission, RequirePermission } from '#access';
import { AddCaseNoteDto, CaseNoteListQuery, type CaseNoteReceipt, type CaseNoteView } from './case-note.dto.js';
import { CaseNotesService } from './case-notes.service.js';

/** Case notes: written by the case team; read by the team and break-glass, every read audited. */
@ApiTags('cases')
@Controller('cases/:caseId/notes')
export class CaseNotesController {
  constructor(private readonly notes: CaseNotesService) {}

  /**
   * Answers the note without its body: an answer kept for an `Idempotency-Key` is stored as is,
   * and the body must never rest anywhere unencrypted.
   */
  @Post()
  @RequirePermission(Permission.CaseWork)
  @ApiOperation({
    operationId: 'addCaseNote',
    summary: 'Add a note to a case',
    description: 'Never edited: a correction is a new note. The answer leaves the body out; on the timeline and audited.',
  })
  async add(
    @CurrentCaller() caller: Caller,
    @UuidParam('caseId') caseId: string,
    @Body() body: AddCaseNoteDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CaseNoteReceipt> {
    const note = await this.notes.add(caller, caseId, body);
    void reply.header('location', `/${API_PREFIX}/cases/${caseId}/notes/${note.id}`);
    return note;
  }

  /** Newest first, decrypted. */
  @Get()
  @RequirePermission(Permission.CaseRead)
  @ApiOperation({ operationId: 'listCaseNotes', summary: "List a case's notes, newest first, decrypted", description: 'Every read is audited.' })
  list(@CurrentCaller() caller: Caller, @UuidParam('caseId') caseId: string, @Query() query: CaseNoteListQuery): Promise<Page<CaseNoteView>> {
    return this.notes.list(caller, caseId, query);
  }

  @Get(':noteId')
  @RequirePermission(Permission.CaseRead)
  @ApiOperation({ operationId: 'getCaseNote', summary: 'Get one note of a case', description: 'Every read is audited.' })
  get(@CurrentCaller() caller: Caller, @UuidParam('caseId') caseId: string, @UuidParam('noteId') noteId: string): Promise<CaseNoteView> {
    return this.notes.get(caller, caseId, noteId);
  }
}
