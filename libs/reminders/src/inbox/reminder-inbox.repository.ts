import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { decodeCursorAs, type PageQuery } from '#core';
import type { Caller } from '#access';
import type { KeyWindowKind } from '#holidays';
import { SqlParameters } from '#org';
import type { ReminderStatus } from '../entities/reminder.entity.js';
import type { InboxView } from './reminder-inbox.dtos.js';
import type { ReminderRow } from './reminder-row.js';
import { REMINDER_JOINS, reminderColumns, studentNameVisibleCondition } from './reminder-subject.sql.js';

export interface InboxFilter {
  view: InboxView;
  statuses: readonly ReminderStatus[];
  windows?: readonly KeyWindowKind[];
  holidayId?: string;
}

/** A state change of one reminder, applied only if nobody changed it since it was read. */
export interface ReminderChange {
  id: string;
  version: number;
  status: ReminderStatus;
  at: Date;
  snoozedUntil?: Date;
  completedBy?: string;
  completionNote?: string;
}

/**
 * Who may see a reminder at all: its recipient, and the superiors it was escalated to (within the
 * school). Anyone else gets nothing, exactly as for a missing id.
 */
function inScopeCondition(caller: Caller, params: SqlParameters, view: InboxView | 'either'): string {
  const school = `r.school_id = ${params.bind(caller.schoolId)}`;
  const me = params.bind(caller.userId);
  const mine = `r.recipient_id = ${me}`;
  // `escalated_at IS NOT NULL` lets reminders_school_escalated_idx (partial) serve the escalated view.
  const escalated = `r.escalated_at IS NOT NULL AND ${me}::uuid = ANY(r.escalated_to)`;
  if (view === 'mine') return `${school} AND ${mine}`;
  if (view === 'escalated') return `${school} AND ${escalated}`;
  return `${school} AND (${mine} OR (${escalated}))`;
}

/** The inbox's reads and the conditional updates of its actions. */
@Injectable()
export class ReminderInboxRepository {
  /** One page by (due_at, id): reminders_recipient_status_due_idx serves "mine", reminders_school_escalated_idx "escalated". */
  async list(manager: EntityManager, caller: Caller, filter: InboxFilter, page: PageQuery): Promise<ReminderRow[]> {
    const params = new SqlParameters();
    const where = [inScopeCondition(caller, params, filter.view), `r.status = ANY(${params.bind(filter.statuses)}::text[])`];
    if (filter.windows?.length) where.push(`r.window_kind = ANY(${params.bind(filter.windows)}::text[])`);
    if (filter.holidayId) where.push(`r.holiday_id = ${params.bind(filter.holidayId)}`);
    if (page.cursor) {
      const [dueAt, id] = decodeCursorAs(page.cursor, ['timestamptz', 'uuid']);
      where.push(`(r.due_at, r.id) > (${params.bind(dueAt)}::timestamptz, ${params.bind(id)}::uuid)`);
    }
    const visible = studentNameVisibleCondition(caller, params.bind);
    return manager.query<ReminderRow[]>(
      `SELECT ${reminderColumns(visible)} FROM reminders r ${REMINDER_JOINS}
        WHERE ${where.join(' AND ')}
        ORDER BY r.due_at, r.id
        LIMIT ${params.bind(page.limit + 1)}`,
      params.values,
    );
  }

  /** The reminder if the caller is its recipient or a superior it was escalated to; else null. */
  async findInScope(manager: EntityManager, caller: Caller, reminderId: string): Promise<ReminderRow | null> {
    const params = new SqlParameters();
    const id = params.bind(reminderId);
    const scope = inScopeCondition(caller, params, 'either');
    const visible = studentNameVisibleCondition(caller, params.bind);
    const rows = await manager.query<ReminderRow[]>(`SELECT ${reminderColumns(visible)} FROM reminders r ${REMINDER_JOINS} WHERE r.id = ${id} AND ${scope}`, params.values);
    return rows[0] ?? null;
  }

  /**
   * Moves the reminder only if it is still at the version and status it was read with: of two
   * concurrent completions, the second waits for the first's row lock, then matches nothing.
   */
  async applyChange(manager: EntityManager, from: { status: ReminderStatus }, change: ReminderChange): Promise<boolean> {
    const rows = await manager.query<{ id: string }[]>(
      `WITH changed AS (
         UPDATE reminders
            SET status = $4, updated_at = $5, version = version + 1,
                acknowledged_at = CASE WHEN $4 = 'acknowledged' THEN $5 ELSE acknowledged_at END,
                snoozed_until = $6,
                completed_at = CASE WHEN $4 = 'done' THEN $5 END,
                completed_by = $7,
                completion_note = $8
          WHERE id = $1 AND version = $2 AND status = $3
          RETURNING id)
       SELECT id FROM changed`,
      [change.id, change.version, from.status, change.status, change.at, change.snoozedUntil ?? null, change.completedBy ?? null, change.completionNote ?? null],
    );
    return rows.length > 0;
  }

  /** The status now, read past any change committed since (READ COMMITTED: a fresh snapshot per statement). */
  async currentStatus(manager: EntityManager, reminderId: string): Promise<ReminderStatus | null> {
    const rows = await manager.query<{ status: ReminderStatus }[]>('SELECT status FROM reminders WHERE id = $1', [reminderId]);
    return rows[0]?.status ?? null;
  }
}
