import { Controller, Get, HttpCode, Param, Res } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ApiHtmlAnswer, Post, Public, routeRateLimit, sendLinkPage } from '#core';
import { ReachabilityLinkService } from './reachability-link.service.js';
import { reachabilityPageOf } from './reachability-page.html.js';

/** The page a duty officer opens from the test message before a holiday: `/r/{token}`, outside `/api/v1`, no sign-in. */
@ApiTags('duty reachability')
@Controller('r')
export class ReachabilityLinkController {
  constructor(private readonly links: ReachabilityLinkService) {}

  @Get(':token')
  @Public()
  @RouteConfig({ rateLimit: routeRateLimit('survey') })
  @ApiOperation({
    operationId: 'getReachabilityCheckPage',
    summary: 'The reachability check of a duty officer: their shifts and an "I\'m reachable" button',
    description: 'Opened from the link in the test message sent before a holiday; the token is the credential. Opening it changes nothing (link previews open it too).',
  })
  @ApiProduces('text/html')
  @ApiHtmlAnswer(200, "The officer's shifts of the holiday and the button, or that they have confirmed")
  @ApiHtmlAnswer(404, 'No such link: a notice page')
  @ApiHtmlAnswer(410, 'The holiday is over: a notice page')
  async open(@Param('token') token: string, @Res() reply: FastifyReply): Promise<void> {
    sendLinkPage(reply, reachabilityPageOf(await this.links.open(token), token));
  }

  @Post(':token')
  @Public()
  @HttpCode(200)
  @RouteConfig({ rateLimit: routeRateLimit('survey') })
  @ApiOperation({
    operationId: 'confirmReachableFromPage',
    summary: '"I\'m reachable": confirm the reachability check as the officer',
    description:
      "The form of the page posts here (any body is ignored). Confirms the check and every shift of the officer's in the holiday " +
      '(`lastConfirmedReachableAt`), once; audited as the officer.',
  })
  @ApiProduces('text/html')
  @ApiHtmlAnswer(200, 'Confirmed: a confirmation page')
  @ApiHtmlAnswer(404, 'No such link: a notice page')
  @ApiHtmlAnswer(409, 'The link was used already (the check is confirmed): a notice page')
  @ApiHtmlAnswer(410, 'The holiday is over: a notice page')
  async confirm(@Param('token') token: string, @Res() reply: FastifyReply): Promise<void> {
    sendLinkPage(reply, reachabilityPageOf(await this.links.confirm(token), token));
  }
}
