import { Body, Controller, Delete, Get, Header, Headers, HttpCode, Patch, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { API_PREFIX, ApiIfMatchHeader, expectedVersion, NotReplayable, type Page, PageQuery, Post, UuidParam } from '#core';
import { type Caller, CurrentCaller, Permission, RequirePermission } from '#access';
import { CreateWebhookEndpointDto, UpdateWebhookEndpointDto, type WebhookEndpointView, type WebhookEndpointWithSecret, type WebhookTestQueued } from './webhook.dtos.js';
import { WebhooksService } from './webhooks.service.js';

const SECRET_ONCE = 'This answer holds a secret shown once and is never stored: send it without Idempotency-Key';

/** The school's webhook endpoints: administrators register where its events go. */
@ApiTags('webhooks')
@Controller('webhooks')
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  @ApiOperation({
    operationId: 'createWebhookEndpoint',
    summary: 'Register a webhook endpoint for some of the school\'s events; its signing secret is answered this once',
    description:
      'Deliveries are signed with the secret (Standard Webhooks: `webhook-id`, `webhook-timestamp`, `webhook-signature`). Only its encryption is kept: it is not shown again (rotate it for a new one). Send no Idempotency-Key: this answer is never stored. Audited.',
  })
  @Post()
  @RequirePermission(Permission.WebhookManage)
  @NotReplayable(SECRET_ONCE)
  @Header('cache-control', 'no-store')
  async create(@CurrentCaller() caller: Caller, @Body() body: CreateWebhookEndpointDto, @Res({ passthrough: true }) reply: FastifyReply): Promise<WebhookEndpointWithSecret> {
    const endpoint = await this.webhooks.create(caller, body);
    void reply.header('location', `/${API_PREFIX}/webhooks/${endpoint.id}`);
    return endpoint;
  }

  @ApiOperation({ operationId: 'listWebhookEndpoints', summary: "List the school's webhook endpoints, oldest first (without secrets)" })
  @Get()
  @RequirePermission(Permission.WebhookManage)
  list(@CurrentCaller() caller: Caller, @Query() page: PageQuery): Promise<Page<WebhookEndpointView>> {
    return this.webhooks.list(caller, page);
  }

  @ApiOperation({ operationId: 'getWebhookEndpoint', summary: 'Get one webhook endpoint of the school: its events, whether it is on, its failures' })
  @Get(':webhookId')
  @RequirePermission(Permission.WebhookManage)
  get(@CurrentCaller() caller: Caller, @UuidParam('webhookId') webhookId: string): Promise<WebhookEndpointView> {
    return this.webhooks.get(caller, webhookId);
  }

  @ApiOperation({
    operationId: 'updateWebhookEndpoint',
    summary: "Change an endpoint's URL, description or events, or switch it off or on again",
    description: 'Based on a version (`If-Match` or `version`); a stale one answers 409. Switching it on again starts its failure count anew. Audited.',
  })
  @ApiIfMatchHeader()
  @Patch(':webhookId')
  @RequirePermission(Permission.WebhookManage)
  update(
    @CurrentCaller() caller: Caller,
    @UuidParam('webhookId') webhookId: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: UpdateWebhookEndpointDto,
  ): Promise<WebhookEndpointView> {
    return this.webhooks.update(caller, webhookId, expectedVersion(ifMatch, body.version), body);
  }

  @ApiOperation({
    operationId: 'deleteWebhookEndpoint',
    summary: 'Remove a webhook endpoint',
    description: 'An endpoint is configuration, not a record of care, so it is deleted; messages still queued for it fail. Audited.',
  })
  @Delete(':webhookId')
  @RequirePermission(Permission.WebhookManage)
  @HttpCode(204)
  async remove(@CurrentCaller() caller: Caller, @UuidParam('webhookId') webhookId: string): Promise<void> {
    await this.webhooks.remove(caller, webhookId);
  }

  @ApiOperation({
    operationId: 'rotateWebhookSecret',
    summary: "Replace an endpoint's signing secret; the new one is answered this once",
    description:
      'From now on deliveries (retries of earlier messages too) are signed with the new secret only: update the receiver at once, or let it accept both secrets for a while. Send no Idempotency-Key: this answer is never stored. Audited.',
  })
  @Post(':webhookId/secret')
  @RequirePermission(Permission.WebhookManage)
  @NotReplayable(SECRET_ONCE)
  @HttpCode(200)
  @Header('cache-control', 'no-store')
  rotateSecret(@CurrentCaller() caller: Caller, @UuidParam('webhookId') webhookId: string): Promise<WebhookEndpointWithSecret> {
    return this.webhooks.rotateSecret(caller, webhookId);
  }

  @ApiOperation({
    operationId: 'testWebhookEndpoint',
    summary: 'Queue a `webhook.test` event for the endpoint, whatever it subscribes to',
    description: 'Delivered within seconds like any event, signed and retried alike. A switched-off endpoint answers 409. Audited.',
  })
  @Post(':webhookId/test')
  @RequirePermission(Permission.WebhookManage)
  @HttpCode(202)
  sendTest(@CurrentCaller() caller: Caller, @UuidParam('webhookId') webhookId: string): Promise<WebhookTestQueued> {
    return this.webhooks.sendTest(caller, webhookId);
  }
}
