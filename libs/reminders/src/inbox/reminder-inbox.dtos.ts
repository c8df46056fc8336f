import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsDateString, IsIn, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { PageQuery, ToArray, Trim, type Uuid } from '#core';
import { KEY_WINDOW_KINDS, type KeyWindowKind } from '#holidays';
import { REMINDER_STATUSES, type ReminderStatus, type ReminderSubjectType } from '../entities/reminder.entity.js';

export const NOTE_MAX_LENGTH = 2000;
const INBOX_VIEWS = ['mine', 'escalated'] as const;
export type InboxView = (typeof INBOX_VIEWS)[number];

export class ReminderInboxQuery extends PageQuery {
  @ApiPropertyOptional({ enum: REMINDER_STATUSES, enumName: 'ReminderStatus', isArray: true, description: 'Any of; default every status but done' })
  @IsOptional()
  @ToArray()
  @IsIn(REMINDER_STATUSES, { each: true })
  status?: ReminderStatus[];

  @ApiPropertyOptional({ enum: KEY_WINDOW_KINDS, enumName: 'KeyWindowKind', isArray: true, description: 'Any of' })
  @IsOptional()
  @ToArray()
  @IsIn(KEY_WINDOW_KINDS, { each: true })
  window?: KeyWindowKind[];

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  holidayId?: string;

  @ApiPropertyOptional({ enum: INBOX_VIEWS, enumName: 'InboxView', default: 'mine', description: 'mine: my reminders; escalated: reminders overdue elsewhere that went to me' })
  @IsOptional()
  @IsIn(INBOX_VIEWS)
  view?: InboxView;
}

export class SnoozeReminderDto {
  @ApiProperty({ format: 'date-time', description: 'After now and not after the due time', example: '2027-01-20T01:00:00Z' })
  @IsDateString({ strict: true })
  until: string;
}

export class CompleteReminderDto {
  @ApiProperty({ description: 'What was done; encrypted at rest', minLength: 1, maxLength: NOTE_MAX_LENGTH })
  @Trim()
  @IsString()
  @Length(1, NOTE_MAX_LENGTH)
  note: string;
}

/** What a reminder is about: a class, a student, a case or the school. */
export interface ReminderSubjectView {
  type: ReminderSubjectType;
  id: Uuid;
  /** The class's or school's name; a student's only where the caller may see the student. */
  name?: string;
  /** The student's class, beside their name. */
  className?: string;
}

/** The rule a reminder comes from, named in both languages. */
export interface ReminderRuleRef {
  id: Uuid;
  code: string;
  titleZh: string;
  titleEn: string;
}

export interface ReminderView {
  id: Uuid;
  rule: ReminderRuleRef;
  windowKind: KeyWindowKind;
  holidayId: Uuid;
  /** Which period of the window, from 0; a rule that does not repeat has only period 0. */
  periodNo: number;
  /** Start of that period. */
  periodFrom: Date;
  dueAt: Date;
  status: ReminderStatus;
  snoozedUntil: Date | null;
  acknowledgedAt: Date | null;
  completedAt: Date | null;
  /** Closed by the sweep because its condition was met, not by a person. */
  completedAutomatically: boolean;
  subject: ReminderSubjectView;
  escalatedAt: Date | null;
  overdue: boolean;
}

export interface ReminderDetail extends ReminderView {
  recipientId: Uuid;
  completedBy: Uuid | null;
  /** Decrypted for the recipient and for whoever completed it; null otherwise or when none. */
  completionNote: string | null;
  version: number;
}
