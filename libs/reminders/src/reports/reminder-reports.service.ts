import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Clock, type Page, toPage } from '#core';
import type { Caller } from '#access';
import { AuditService } from '#audit';
import { REMINDER_STATUSES, type ReminderStatus } from '../entities/reminder.entity.js';
import { reminderViewOf } from '../inbox/reminder-row.js';
import type { OverdueReminderView, OverdueRemindersQuery, ReminderCounts, ReminderCountsQuery, ReminderCountsRow } from './reminder-reports.dtos.js';
import { ReminderReportsRepository } from './reminder-reports.repository.js';

const zeroByStatus = () => Object.fromEntries(REMINDER_STATUSES.map((s) => [s, 0])) as Record<ReminderStatus, number>;

/** For administrators and the head of counseling: how the school's reminders stand, and which are late. */
@Injectable()
export class ReminderReportsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly reports: ReminderReportsRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async counts(caller: Caller, query: ReminderCountsQuery): Promise<ReminderCounts> {
    const groups = await this.reports.counts(this.dataSource.manager, caller.schoolId, query.holidayId, this.clock.now());
    // The query groups by status too; fold the statuses of one window and rule into one row, keeping its order.
    const rows = new Map<string, ReminderCountsRow>();
    for (const g of groups) {
      const key = `${g.windowKind}/${g.ruleId}`;
      let row = rows.get(key);
      if (!row) {
        row = { windowKind: g.windowKind, rule: { id: g.ruleId, code: g.code, titleZh: g.titleZh, titleEn: g.titleEn }, byStatus: zeroByStatus(), total: 0, overdue: 0 };
        rows.set(key, row);
      }
      row.byStatus[g.status] = g.count;
      row.total += g.count;
      row.overdue += g.overdue;
    }
    return { items: [...rows.values()] };
  }

  async overdue(caller: Caller, query: OverdueRemindersQuery): Promise<Page<OverdueReminderView>> {
    return this.dataSource.transaction(async (manager) => {
      const now = this.clock.now();
      const rows = await this.reports.overdue(manager, caller, { windows: query.window, ruleId: query.ruleId }, now, query);
      const page = toPage(rows, query, (r) => [new Date(r.dueAt).toISOString(), r.id], (r) => ({
        ...reminderViewOf(r, now),
        recipient: { id: r.recipientId, displayName: r.recipientName, role: r.recipientRole },
      }));
      const aboutStudents = rows.slice(0, query.limit).filter((r) => r.studentId !== null).length;
      if (aboutStudents > 0) {
        await this.audit.record(manager, caller, { action: 'reminder.list_overdue', entityType: 'reminder', reason: `${aboutStudents} reminders about students` });
      }
      return page;
    });
  }
}
