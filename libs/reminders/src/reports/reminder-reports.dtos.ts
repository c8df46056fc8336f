import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { PageQuery, ToArray } from '#core';
import type { Role } from '#access';
import { KEY_WINDOW_KINDS, type KeyWindowKind } from '#holidays';
import type { ReminderStatus } from '../entities/reminder.entity.js';
import type { ReminderView } from '../inbox/reminder-inbox.dtos.js';

export class ReminderCountsQuery {
  @ApiPropertyOptional({ format: 'uuid', description: 'One holiday; default every holiday' })
  @IsOptional()
  @IsUUID()
  holidayId?: string;
}

export class OverdueRemindersQuery extends PageQuery {
  @ApiPropertyOptional({ enum: KEY_WINDOW_KINDS, isArray: true, description: 'Any of' })
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
  rule: { id: string; code: string; titleZh: string; titleEn: string };
  byStatus: Record<ReminderStatus, number>;
  total: number;
  overdue: number;
}

export interface OverdueReminderView extends ReminderView {
  recipient: { id: string; displayName: string; role: Role };
}
