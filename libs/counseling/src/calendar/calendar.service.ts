import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Clock, decodeCursorAs, type Page, type PageQuery, toPage, validationProblem } from '#core';
import type { Caller } from '#access';
import { AuditService } from '#audit';
import { freeWindows } from '../availability/availability.js';
import { AvailabilityService } from '../availability/availability.service.js';
import { CounselingSettingsRepository } from '../settings/counseling-settings.repository.js';
import type { BookedTime, CalendarQuery, CounselorCalendar, CounselorSummary } from './calendar.dtos.js';
import { type BookedRow, CalendarRepository } from './calendar.repository.js';

export const MAX_CALENDAR_DAYS = 31;

/** A counselor's free and booked time, for booking (counselors) and for choosing when to ask (teachers). */
@Injectable()
export class CalendarService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly availability: AvailabilityService,
    private readonly calendar: CalendarRepository,
    private readonly settings: CounselingSettingsRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async counselors(caller: Caller, page: PageQuery): Promise<Page<CounselorSummary>> {
    const after = page.cursor ? decodeCursorAs(page.cursor, ['', 'uuid']) : null;
    const rows = await this.calendar.counselorsOf(this.dataSource.manager, caller.schoolId, after ? { name: String(after[0]), id: String(after[1]) } : null, page.limit);
    return toPage(rows, page, (r) => [r.displayName, r.id]);
  }

  async calendarOf(caller: Caller, counselorId: string, query: CalendarQuery): Promise<CounselorCalendar> {
    const from = new Date(query.from);
    const to = new Date(query.to);
    if (to.getTime() <= from.getTime()) throw validationProblem([{ field: 'to', message: 'must be after from' }]);
    if (to.getTime() - from.getTime() > MAX_CALENDAR_DAYS * 86_400_000) {
      throw validationProblem([{ field: 'to', message: `must be at most ${MAX_CALENDAR_DAYS} days after from` }]);
    }
    const manager = this.dataSource.manager;
    const counselor = await this.availability.counselorOf(manager, caller, counselorId);
    const { timeZone } = await this.settings.find(manager, caller.schoolId);
    const range = { start: from.getTime(), end: to.getTime() };
    const [windows, sessions] = await Promise.all([
      this.availability.windowsFor(manager, counselorId, range, timeZone),
      this.calendar.sessionsBetween(manager, counselorId, { from, to }, this.clock.now(), caller.userId),
    ]);
    const free = freeWindows(windows, sessions.map((s) => ({ start: s.startsAt.getTime(), end: s.endsAt.getTime() })));
    const named = sessions.filter((s) => s.viewerMaySeeStudent);
    if (named.length > 0) {
      // Who sees a counselor, and when, is sensitive: the read is audited when it names students.
      await this.audit.recordAlone(caller, { action: 'counselor_calendar.read', entityType: 'user', entityId: counselorId });
    }
    return {
      counselorId,
      counselorName: counselor.displayName,
      timeZone,
      from,
      to,
      free: free.map((w) => ({ startsAt: new Date(w.start), endsAt: new Date(w.end), mode: w.mode, place: w.place })),
      booked: sessions.map(bookedView),
    };
  }
}

function bookedView(row: BookedRow): BookedTime {
  if (!row.viewerMaySeeStudent) return { startsAt: row.startsAt, endsAt: row.endsAt };
  return { startsAt: row.startsAt, endsAt: row.endsAt, appointmentId: row.id, studentId: row.studentId, studentName: row.studentName, status: row.status };
}
