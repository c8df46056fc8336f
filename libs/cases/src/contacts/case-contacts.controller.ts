import { Body, Controller, Get, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { API_PREFIX, Post, UuidParam } from '#core';
import { type Caller, CurrentCaller, Permission, RequirePermission } from '#access';
import { CaseContactListQuery, type CaseContactPage, type CaseContactView, LogCaseContactDto } from './case-contact.dto.js';
import { CaseContactsService } from './case-contacts.service.js';

/** The contact log of a case: appended by the case team, never edited; read by the team and break-glass. */
@ApiTags('cases')
@Controller('cases/:caseId/contacts')
export class CaseContactsController {
  constructor(private readonly contacts: CaseContactsService) {}

  @Post()
  @RequirePermission(Permission.CaseWork)
  @ApiOperation({
    operationId: 'logCaseContact',
    summary: 'Log a contact with the student, a guardian, the class teacher or someone else',
    description: 'Appended, never edited; on the timeline and audited.',
  })
  async log(
    @CurrentCaller() caller: Caller,
    @UuidParam('caseId') caseId: string,
    @Body() body: LogCaseContactDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CaseContactView> {
    const contact = await this.contacts.log(caller, caseId, body);
    void reply.header('location', `/${API_PREFIX}/cases/${caseId}/contacts/${contact.id}`);
    return contact;
  }

  /** Newest first, with the unreachable count and the last time anyone was reached. */
  @Get()
  @RequirePermission(Permission.CaseRead)
  @ApiOperation({
    operationId: 'listCaseContacts',
    summary: "List a case's contacts, newest first, with a summary of who could not be reached",
    description: '`summary` covers the whole log, not only the page: the contacts still unreachable and the last time anyone was reached. Audited.',
  })
  list(@CurrentCaller() caller: Caller, @UuidParam('caseId') caseId: string, @Query() query: CaseContactListQuery): Promise<CaseContactPage> {
    return this.contacts.list(caller, caseId, query);
  }

  @Get(':contactId')
  @RequirePermission(Permission.CaseRead)
  @ApiOperation({ operationId: 'getCaseContact', summary: 'Get one contact of a case', description: 'Audited.' })
  get(@CurrentCaller() caller: Caller, @UuidParam('caseId') caseId: string, @UuidParam('contactId') contactId: string): Promise<CaseContactView> {
    return this.contacts.get(caller, caseId, contactId);
  }
}
