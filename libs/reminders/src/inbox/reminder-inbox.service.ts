import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { Clock, NotFoundProblem, type Page, toPage } from '#core';
import type { Caller } from '#access';
import { AuditService } from '#audit';
import { FieldCipher } from '#crypto';
import type { ReminderStatus } from '../entities/reminder.entity.js';
import type { ReminderDetail, ReminderInboxQuery, ReminderView } from './reminder-inbox.dtos.js';
import { ReminderInboxRepository } from './reminder-inbox.repository.js';
import { completionNoteBinding } from './reminder-note.js';
import { type ReminderRow, reminderViewOf } from './reminder-row.js';

const NOT_DONE: readonly ReminderStatus[] = ['open', 'acknowledged', 'snoozed'];

export const reminderNotFound = () => new NotFoundProblem('reminder.not_found', 'No such reminder');

/** A person's reminders: their own, and those escalated to them. */
@Injectable()
export class ReminderInboxService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly reminders: ReminderInboxRepository,
    private readonly audit: AuditService,
    private readonly cipher: FieldCipher,
    private readonly clock: Clock,
  ) {}

  async list(caller: Caller, query: ReminderInboxQuery): Promise<Page<ReminderView>> {
    return this.dataSource.transaction(async (manager) => {
      const filter = { view: query.view ?? 'mine', statuses: query.status ?? NOT_DONE, windows: query.window, holidayId: query.holidayId };
      const rows = await this.reminders.list(manager, caller, filter, query);
      const now = this.clock.now();
      const page = toPage(rows, query, (r) => [new Date(r.dueAt).toISOString(), r.id], (r) => reminderViewOf(r, now));
      // Reminders about students are records about those students: one entry per read, with the count.
      const aboutStudents = rows.slice(0, query.limit).filter((r) => r.studentId !== null).length;
      if (aboutStudents > 0) {
        await this.audit.record(manager, caller, { action: 'reminder.list', entityType: 'reminder', reason: `${aboutStudents} reminders about students` });
      }
      return page;
    });
  }

  async get(caller: Caller, reminderId: string): Promise<ReminderDetail> {
    return this.dataSource.transaction(async (manager) => {
      const row = await this.reminders.findInScope(manager, caller, reminderId);
      if (!row) throw reminderNotFound();
      if (row.studentId !== null) {
        await this.audit.record(manager, caller, { action: 'reminder.read', entityType: 'reminder', entityId: row.id, studentId: row.studentId });
      }
      return this.detailOf(caller, row);
    });
  }

  /** The reminder as the caller sees it now, inside the caller's transaction (after an action). */
  async detail(manager: EntityManager, caller: Caller, reminderId: string): Promise<ReminderDetail> {
    const row = await this.reminders.findInScope(manager, caller, reminderId);
    if (!row) throw reminderNotFound();
    return this.detailOf(caller, row);
  }

  private detailOf(caller: Caller, row: ReminderRow): ReminderDetail {
    const mayReadNote = row.recipientId === caller.userId || row.completedBy === caller.userId;
    return {
      ...reminderViewOf(row, this.clock.now()),
      recipientId: row.recipientId,
      completedBy: row.completedBy,
      completionNote: mayReadNote && row.completionNote !== null ? this.cipher.decrypt(row.completionNote, completionNoteBinding(row.id)) : null,
      version: row.version,
    };
  }
}
