import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Clock, ConflictProblem, ForbiddenProblem, validationProblem } from '#core';
import type { Caller } from '#access';
import { AuditService } from '#audit';
import { FieldCipher } from '#crypto';
import type { ReminderStatus } from '../entities/reminder.entity.js';
import type { ReminderDetail } from './reminder-inbox.dtos.js';
import { type ReminderChange, ReminderInboxRepository } from './reminder-inbox.repository.js';
import { reminderNotFound, ReminderInboxService } from './reminder-inbox.service.js';
import { completionNoteBinding } from './reminder-note.js';
import type { ReminderRow } from './reminder-row.js';

type ReminderAction = 'acknowledge' | 'snooze' | 'complete';

/** Which statuses each action starts from; done is final. */
const ALLOWED_FROM: Record<ReminderAction, readonly ReminderStatus[]> = {
  acknowledge: ['open'],
  snooze: ['open', 'acknowledged', 'snoozed'],
  complete: ['open', 'acknowledged', 'snoozed'],
};

const alreadyDone = () => new ConflictProblem('reminder.already_done', 'The reminder is done already');
const illegalTransition = (action: ReminderAction, status: ReminderStatus) =>
  new ConflictProblem('reminder.illegal_transition', `A reminder ${status} cannot be ${action === 'snooze' ? 'snoozed' : `${action}d`}`, {
    reminderStatus: status,
  });

/**
 * What a recipient does with a reminder: acknowledge, snooze within its due time, complete with a
 * note. Superiors it was escalated to may complete it too. Each is one conditional UPDATE and its
 * audit entry in one transaction.
 */
@Injectable()
export class ReminderActionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly reminders: ReminderInboxRepository,
    private readonly inbox: ReminderInboxService,
    private readonly audit: AuditService,
    private readonly cipher: FieldCipher,
    private readonly clock: Clock,
  ) {}

  acknowledge(caller: Caller, reminderId: string): Promise<ReminderDetail> {
    return this.act(caller, reminderId, 'acknowledge', (row, at) => ({ id: row.id, version: row.version, status: 'acknowledged', at }));
  }

  snooze(caller: Caller, reminderId: string, until: string): Promise<ReminderDetail> {
    return this.act(caller, reminderId, 'snooze', (row, at) => {
      const snoozedUntil = new Date(until);
      if (snoozedUntil.getTime() <= at.getTime()) throw validationProblem([{ field: 'until', message: 'must be in the future' }]);
      if (snoozedUntil.getTime() > new Date(row.dueAt).getTime()) throw validationProblem([{ field: 'until', message: 'must not be after the due time' }]);
      return { id: row.id, version: row.version, status: 'snoozed', at, snoozedUntil };
    });
  }

  complete(caller: Caller, reminderId: string, note: string): Promise<ReminderDetail> {
    return this.act(caller, reminderId, 'complete', (row, at) => ({
      id: row.id,
      version: row.version,
      status: 'done',
      at,
      completedBy: caller.userId,
      completionNote: this.cipher.encrypt(note, completionNoteBinding(row.id)),
    }));
  }

  private act(caller: Caller, reminderId: string, action: ReminderAction, changeOf: (row: ReminderRow, at: Date) => ReminderChange): Promise<ReminderDetail> {
    return this.dataSource.transaction(async (manager) => {
      const row = await this.reminders.findInScope(manager, caller, reminderId);
      if (!row) throw reminderNotFound();
      if (row.recipientId !== caller.userId && action !== 'complete') {
        throw new ForbiddenProblem('reminder.recipient_only', 'Only the recipient may acknowledge or snooze a reminder; a superior it was escalated to may complete it');
      }
      if (row.status === 'done') throw alreadyDone();
      if (!ALLOWED_FROM[action].includes(row.status)) throw illegalTransition(action, row.status);
      const change = changeOf(row, this.clock.now());
      if (!(await this.reminders.applyChange(manager, row, change))) {
        // Someone (another request, or the sweep closing it) changed it since it was read.
        const now = await this.reminders.currentStatus(manager, row.id);
        if (now === 'done') throw alreadyDone();
        if (now !== null && !ALLOWED_FROM[action].includes(now)) throw illegalTransition(action, now);
        throw new ConflictProblem('reminder.version_conflict', 'The reminder changed since it was read; reload and try again');
      }
      await this.audit.record(manager, caller, {
        action: `reminder.${action}`,
        entityType: 'reminder',
        entityId: row.id,
        studentId: row.studentId ?? undefined,
        changedFields: ['status', ...(action === 'snooze' ? ['snoozedUntil'] : []), ...(action === 'complete' ? ['completionNote'] : [])],
      });
      return this.inbox.detail(manager, caller, row.id);
    });
  }
}
