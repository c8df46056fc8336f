import { Body, Controller, Delete, Get, HttpCode, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { API_PREFIX, type Page, PageQuery, Post, UuidParam } from '#core';
import { type Caller, CurrentCaller, Permission, RequirePermission } from '#access';
import { type AnchorDispatchSent, type AnchorDispatchView, type AnchorRecipientView, CreateAnchorRecipientDto } from './anchor-dispatch.dtos.js';
import { AnchorDispatchService } from './anchor-dispatch.service.js';

/** Where the school's signed audit anchor goes outside the system, and when it went. */
@ApiTags('audit')
@Controller()
export class AnchorDispatchController {
  constructor(private readonly anchors: AnchorDispatchService) {}

  @Get('audit-anchor-recipients')
  @RequirePermission(Permission.AuditAnchorDispatch)
  @ApiOperation({ operationId: 'listAuditAnchorRecipients', summary: 'List the email addresses the audit anchor is sent to, oldest first' })
  listRecipients(@CurrentCaller() caller: Caller, @Query() page: PageQuery): Promise<Page<AnchorRecipientView>> {
    return this.anchors.listRecipients(caller, page);
  }

  @Post('audit-anchor-recipients')
  @RequirePermission(Permission.AuditAnchorDispatch)
  @ApiOperation({
    operationId: 'createAuditAnchorRecipient',
    summary: 'Add an email address (the district bureau\'s, say) that receives the audit anchor before each holiday and at term end',
    description: 'At most 10 per school. Webhooks subscribed to `audit.anchor` receive it too. Audited.',
  })
  async addRecipient(@CurrentCaller() caller: Caller, @Body() body: CreateAnchorRecipientDto, @Res({ passthrough: true }) reply: FastifyReply): Promise<AnchorRecipientView> {
    const recipient = await this.anchors.addRecipient(caller, body);
    void reply.header('location', `/${API_PREFIX}/audit-anchor-recipients/${recipient.id}`);
    return recipient;
  }

  @Delete('audit-anchor-recipients/:recipientId')
  @RequirePermission(Permission.AuditAnchorDispatch)
  @HttpCode(204)
  @ApiOperation({ operationId: 'deleteAuditAnchorRecipient', summary: 'Stop sending the audit anchor to an address', description: 'Audited.' })
  async removeRecipient(@CurrentCaller() caller: Caller, @UuidParam('recipientId') id: string): Promise<void> {
    await this.anchors.removeRecipient(caller, id);
  }

  @Get('audit-anchor-dispatches')
  @RequirePermission(Permission.AuditAnchorDispatch)
  @ApiOperation({ operationId: 'listAuditAnchorDispatches', summary: 'List when the audit anchor was sent out and to how many, newest first' })
  listDispatches(@CurrentCaller() caller: Caller, @Query() page: PageQuery): Promise<Page<AnchorDispatchView>> {
    return this.anchors.listDispatches(caller, page);
  }

  @Post('audit-anchor-dispatches')
  @RequirePermission(Permission.AuditAnchorDispatch)
  @ApiOperation({
    operationId: 'dispatchAuditAnchor',
    summary: 'Take the audit anchor now and send it to the recipients and the subscribed webhooks',
    description: 'Besides the automatic sending before each holiday and after each term. Audited.',
  })
  dispatch(@CurrentCaller() caller: Caller): Promise<AnchorDispatchSent> {
    return this.anchors.dispatchNow(caller);
  }
}
