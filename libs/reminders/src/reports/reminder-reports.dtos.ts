import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { PageQuery, ToArray, type Uuid } from '#core';
import type { Role } from '#access';
import { KEY_WINDOW_KINDS, type KeyWindowKind } from '#holidays';
import type { ReminderStatus } from '../entities/reminder.entity.js';
import type { ReminderRuleRef, ReminderView } from '../inbox/reminder-inbox.dtos.js';

export class ReminderCountsQuery {
  @ApiPropertyOptional({ format: 'uuid', description: 'One holiday; default every holiday' })
  @IsOptional()
  @IsUUID()
  holidayId?: string;
}

export class OverdueRemindersQuery extends PageQuery {
  @ApiPropertyOptional({ enum: KEY_WINDOW_KINDS, enumName: 'KeyWindowKind', isArray: true, description: 'Any of' })
  @IsOptional()
  @ToArray()
  @IsIn(KEY_WINDOW_KINDS, { each: true })
  window?: KeyWindowKind[];

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  ruleId?: string;
}

/** One rule's reminders in one window, by status, and how many of those not done are past due. */
export interface ReminderCountsRow {
  windowKind: KeyWindowKind;
  rule: ReminderRuleRef;
  /** Every status, zero included. */
  byStatus: Record<ReminderStatus, number>;
  total: number;
  overdue: number;
}

/** `GET /reminders/counts`: one row per window and rule that has reminders. */
export interface ReminderCounts {
  items: ReminderCountsRow[];
}

/** Whom an overdue reminder waits on. */
export interface OverdueReminderRecipient {
  id: Uuid;
  displayName: string;
  role: Role;
}

export interface OverdueReminderView extends ReminderView {
  recipient: OverdueReminderRecipient;
}
