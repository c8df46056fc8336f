import { Controller, Delete, Get, Header, Headers, HttpCode, Param, Post, Res } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { BadRequestProblem, Public } from '#core';
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

  /** A new secret subscription address (the token is shown once); the old one stops working. */
  @Post('calendar-feed-token')
  @RequirePermission(Permission.CounselorCalendarExport)
  @Header('cache-control', 'no-store')
  async rotate(
    @CurrentCaller() caller: Caller,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CalendarFeedToken> {
    // An answer kept for replays keeps its Location (the feed address) in plain text, and the
    // token must exist only as a hash. Rotating again is harmless, so a retry needs no key.
    if (idempotencyKey !== undefined) {
      throw new BadRequestProblem('idempotency.not_supported', 'This answer holds a secret and is never stored: retry without Idempotency-Key');
    }
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
