import { Controller, Delete, Get, Header, HttpCode, Param, Res } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import { ApiOperation, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { NotReplayable, Post, Public } from '#core';
import { type Caller, CurrentCaller, Permission, RequirePermission } from '#access';
import { type CalendarFeedToken, CalendarFeedService } from './calendar-feed.service.js';

const CALENDAR_TYPE = 'text/calendar; charset=utf-8';
/** The media type the document names, without the charset parameter. */
const CALENDAR_MEDIA_TYPE = 'text/calendar';

@ApiTags('counseling')
@Controller('counselors/me')
export class MyCalendarFeedController {
  constructor(private readonly feeds: CalendarFeedService) {}

  /** One's own sessions as iCalendar (RFC 5545), without student names or clinical detail. */
  @ApiOperation({
    operationId: 'exportMyCalendarIcs',
    summary: 'Export your own sessions as an iCalendar file',
    description: 'RFC 5545, without student names or anything clinical.',
  })
  @ApiProduces(CALENDAR_MEDIA_TYPE)
  @Get('calendar.ics')
  @RequirePermission(Permission.CounselorCalendarExport)
  @Header('content-type', CALENDAR_TYPE)
  @Header('cache-control', 'private, no-store')
  calendar(@CurrentCaller() caller: Caller): Promise<string> {
    return this.feeds.mine(caller);
  }

  /**
   * A new secret subscription address (the token is shown once); the old one stops working.
   * Not replayable: a kept answer would hold the token (its body sealed, its Location in plain
   * text), and sealing both would still keep the secret recoverable for a day where only its hash
   * may exist. A retry without a key is harmless: it rotates again and shows the new address.
   */
  @ApiOperation({
    operationId: 'rotateCalendarFeedToken',
    summary: 'Get a new secret calendar subscription address; the old one stops working',
    description:
      'The token is shown once (only its hash is kept); `Location` holds the address. Send no Idempotency-Key: this answer is never stored. Audited.',
  })
  @Post('calendar-feed-token')
  @RequirePermission(Permission.CounselorCalendarExport)
  @NotReplayable('This answer holds a secret shown once and is never stored: send it without Idempotency-Key (posting again gives a new address)')
  @Header('cache-control', 'no-store')
  async rotate(@CurrentCaller() caller: Caller, @Res({ passthrough: true }) reply: FastifyReply): Promise<CalendarFeedToken> {
    const feed = await this.feeds.rotate(caller);
    void reply.header('location', feed.url);
    return feed;
  }

  @ApiOperation({ operationId: 'revokeCalendarFeedToken', summary: 'Stop your calendar subscription address from working' })
  @Delete('calendar-feed-token')
  @RequirePermission(Permission.CounselorCalendarExport)
  @HttpCode(204)
  async revoke(@CurrentCaller() caller: Caller): Promise<void> {
    await this.feeds.revoke(caller);
  }
}

/** The subscription address: public (calendar applications send no token), secret, rate limited. */
@ApiTags('counseling')
@Controller('calendar-feeds')
export class CalendarFeedController {
  constructor(private readonly feeds: CalendarFeedService) {}

  @ApiOperation({
    operationId: 'getCalendarFeed',
    summary: "Get a counselor's sessions as iCalendar at their secret subscription address",
    description: 'For calendar applications, which send no token: the address is the secret. Any address that is not a live one answers 404.',
  })
  @ApiParam({ name: 'feedFile', description: 'The token with `.ics` appended, as in the address `rotateCalendarFeedToken` gave' })
  @ApiProduces(CALENDAR_MEDIA_TYPE)
  @Get(':feedFile')
  @Public()
  @RouteConfig({ rateLimit: { max: 60, timeWindow: 60_000 } })
  @Header('content-type', CALENDAR_TYPE)
  @Header('cache-control', 'private, no-store')
  feed(@Param('feedFile') feedFile: string): Promise<string> {
    return this.feeds.byToken(feedFile);
  }
}
