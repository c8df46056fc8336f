import { Controller, Get, HttpCode, Param, Res } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ApiHtmlAnswer, Post, Public, routeRateLimit, sendLinkPage } from '#core';
import { AckLinkService } from './ack-link.service.js';
import { ackPageOf } from './ack-page.html.js';

/** The page a paged person opens from their SMS or email: `/a/{token}`, outside `/api/v1`, no sign-in. */
@ApiTags('alert pages')
@Controller('a')
export class AckLinkController {
  constructor(private readonly links: AckLinkService) {}

  @Get(':token')
  @Public()
  @RouteConfig({ rateLimit: routeRateLimit('survey') })
  @ApiOperation({
    operationId: 'getAlertPage',
    summary: 'What the first response to a paged alert needs, with an "I\'m on it" button',
    description: 'Opened from the link in a page; the token is the credential. Opening it does not use it up (link previews open it too); the read is audited.',
  })
  @ApiProduces('text/html')
  @ApiHtmlAnswer(200, 'The alert, the student, whom to call, and the button')
  @ApiHtmlAnswer(404, 'No such link: a notice page')
  @ApiHtmlAnswer(409, 'The link was used, or someone else acknowledged the alert: a notice page')
  @ApiHtmlAnswer(410, 'The link has expired: a notice page')
  async open(@Param('token') token: string, @Res() reply: FastifyReply): Promise<void> {
    sendLinkPage(reply, ackPageOf(await this.links.open(token), token));
  }

  @Post(':token')
  @Public()
  @HttpCode(200)
  @RouteConfig({ rateLimit: routeRateLimit('survey') })
  @ApiOperation({
    operationId: 'acknowledgeAlertFromPage',
    summary: '"I\'m on it": acknowledge the paged alert as the person paged',
    description: 'The form of the page posts here (any body is ignored). The link works once; the alert stops escalating. Audited as the person paged.',
  })
  @ApiProduces('text/html')
  @ApiHtmlAnswer(200, 'Acknowledged: a confirmation page')
  @ApiHtmlAnswer(404, 'No such link: a notice page')
  @ApiHtmlAnswer(409, 'The link was used, or someone else acknowledged the alert first: a notice page')
  @ApiHtmlAnswer(410, 'The link has expired: a notice page')
  async acknowledge(@Param('token') token: string, @Res() reply: FastifyReply): Promise<void> {
    sendLinkPage(reply, ackPageOf(await this.links.acknowledge(token), token));
  }
}
