import { createHash, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { API_PREFIX, Clock, NotFoundProblem } from '#core';
import type { Caller } from '#access';
import { AuditService } from '#audit';
import { CalendarFeedRepository } from './calendar-feed.repository.js';
import { sessionsCalendar } from './ical.js';

/** What a feed covers: the recent past and the coming half year. */
const PAST_DAYS = 30;
const FUTURE_DAYS = 183;
const TOKEN = /^[A-Za-z0-9_-]{43}$/;
const CALENDAR_NAME = '心理咨询 Counseling';

export interface CalendarFeedToken {
  /** Shown once: only its hash is kept. */
  token: string;
  /** The subscription address, relative to the server: `/api/v1/calendar-feeds/{token}.ics`. */
  url: string;
}

const hashOf = (token: string) => createHash('sha256').update(token, 'utf8').digest();

/**
 * A counselor's own sessions as iCalendar: with their bearer token, or at a secret address
 * calendar applications can subscribe to. Never a student's name or anything clinical.
 */
@Injectable()
export class CalendarFeedService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly feeds: CalendarFeedRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  mine(caller: Caller): Promise<string> {
    return this.calendarOf(caller.userId);
  }

  /** The feed at a secret address; any token that is not a live one answers 404 alike. */
  async byToken(file: string): Promise<string> {
    const token = file.endsWith('.ics') ? file.slice(0, -'.ics'.length) : '';
    const feed = TOKEN.test(token) ? await this.feeds.counselorOfToken(this.dataSource.manager, hashOf(token)) : null;
    if (!feed) throw new NotFoundProblem('calendar_feed.not_found', 'No such calendar feed');
    return this.calendarOf(feed.counselorId);
  }

  /** A new secret address; the previous one stops working. */
  async rotate(caller: Caller): Promise<CalendarFeedToken> {
    const token = randomBytes(32).toString('base64url');
    await this.dataSource.transaction(async (manager) => {
      await this.feeds.saveToken(manager, { counselorId: caller.userId, schoolId: caller.schoolId, tokenHash: hashOf(token), at: this.clock.now() });
      await this.audit.record(manager, caller, { action: 'calendar_feed.rotate', entityType: 'user', entityId: caller.userId });
    });
    return { token, url: `/${API_PREFIX}/calendar-feeds/${token}.ics` };
  }

  async revoke(caller: Caller): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      if (!(await this.feeds.deleteToken(manager, caller.userId))) throw new NotFoundProblem('calendar_feed.not_found', 'You have no calendar feed address');
      await this.audit.record(manager, caller, { action: 'calendar_feed.revoke', entityType: 'user', entityId: caller.userId });
    });
  }

  private async calendarOf(counselorId: string): Promise<string> {
    const now = this.clock.now();
    const from = new Date(now.getTime() - PAST_DAYS * 86_400_000);
    const to = new Date(now.getTime() + FUTURE_DAYS * 86_400_000);
    const sessions = await this.feeds.sessionsOf(this.dataSource.manager, counselorId, from, to, now);
    return sessionsCalendar(
      sessions.map((s) => ({ ...s, tentative: s.status === 'offered', sequence: s.version })),
      CALENDAR_NAME,
    );
  }
}
