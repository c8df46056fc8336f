import { Controller, Delete, Get, Header, HttpCode, Param, Res } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { NotReplayable, Post, Public } from '#core';
import { type Caller, CurrentCaller, Permission, RequirePermission } from '#access';
import { type CalendarFeedToken, CalendarFeedService } from './calendar-feed.service.js';

const CALENDAR_TYPE = 'text/calendar; charset=utf-8';

@ApiTags('counseling')
@Controller('counselors/me')
export class MyCalendarFeedController {
  constructor(private readonly feeds: CalendarFeedService) {}

  /** One's own sessions as iCalendar (RFC 5545), without student names or clinical detail. */
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
  @Post('calendar-feed-token')
  @RequirePermission(Permission.CounselorCalendarExport)
  @NotReplayable('This answer holds a secret shown once and is never stored: send it without Idempotency-Key (posting again gives a new address)')
  @Header('cache-control', 'no-store')
  async rotate(@CurrentCaller() caller: Caller, @Res({ passthrough: true }) reply: FastifyReply): Promise<CalendarFeedToken> {
    const feed = await this.feeds.rotate(caller);
    void reply.header('location', feed.url);
    return feed;
  }

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

  @Get(':feedFile')
  @Public()
  @RouteConfig({ rateLimit: { max: 60, timeWindow: 60_000 } })
  @Header('content-type', CALENDAR_TYPE)
  @Header('cache-control', 'private, no-store')
  feed(@Param('feedFile') feedFile: string): Promise<string> {
    return this.feeds.byToken(feedFile);
  }
}
