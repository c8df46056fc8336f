import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import { IsOmittable, Trim, type Uuid, VersionedUpdateDto } from '#core';
import { KEY_WINDOW_KINDS, type KeyWindowKind } from '#holidays';
import { DONE_CONDITIONS, type DoneCondition, REMINDER_RECIPIENTS, REMINDER_SUBJECTS, type ReminderRecipient, type ReminderSubject } from './rule-catalogue.js';

/** The limits the table's checks enforce, repeated here so a bad value answers 400 naming its field. */
const DUE_AFTER_DAYS_MAX = 120;
const REPEAT_EVERY_DAYS_MAX = 60;
const ESCALATE_AFTER_HOURS_MAX = 720;
const TITLE_MAX_LENGTH = 200;
const RULE_CODE = /^[a-z][a-z0-9_]{1,59}$/;

export class CreateReminderRuleDto {
  @ApiProperty({ example: 'pre_holiday_dorm_check', pattern: RULE_CODE.source, description: 'Unique within the school: 2-60 of a-z, 0-9 and _, starting with a letter' })
  @IsString()
  @Matches(RULE_CODE, { message: 'must be 2-60 characters of a-z, 0-9 and _, starting with a letter' })
  code: string;

  @ApiProperty({ enum: KEY_WINDOW_KINDS, enumName: 'KeyWindowKind' })
  @IsIn(KEY_WINDOW_KINDS)
  windowKind: KeyWindowKind;

  @ApiProperty({ enum: REMINDER_SUBJECTS, enumName: 'ReminderSubject' })
  @IsIn(REMINDER_SUBJECTS)
  subjects: ReminderSubject;

  @ApiProperty({ enum: REMINDER_RECIPIENTS, enumName: 'ReminderRecipient' })
  @IsIn(REMINDER_RECIPIENTS)
  recipients: ReminderRecipient;

  @ApiProperty({ enum: DONE_CONDITIONS, enumName: 'DoneCondition' })
  @IsIn(DONE_CONDITIONS)
  doneWhen: DoneCondition;

  @ApiPropertyOptional({ type: 'integer', nullable: true, minimum: 0, maximum: DUE_AFTER_DAYS_MAX, description: 'Days after the window opens; null: when the window closes' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(DUE_AFTER_DAYS_MAX)
  dueAfterDays?: number | null;

  @ApiPropertyOptional({ type: 'integer', nullable: true, minimum: 1, maximum: REPEAT_EVERY_DAYS_MAX, description: 'A new reminder every N days of the window; null: once per window' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(REPEAT_EVERY_DAYS_MAX)
  repeatEveryDays?: number | null;

  @ApiPropertyOptional({ type: 'integer', minimum: 0, maximum: ESCALATE_AFTER_HOURS_MAX, default: 24 })
  @IsOmittable()
  @IsInt()
  @Min(0)
  @Max(ESCALATE_AFTER_HOURS_MAX)
  escalateAfterHours?: number;

  @ApiPropertyOptional({ default: true })
  @IsOmittable()
  @IsBoolean()
  enabled?: boolean;

  @ApiProperty({ minLength: 1, maxLength: TITLE_MAX_LENGTH })
  @Trim()
  @IsString()
  @Length(1, TITLE_MAX_LENGTH)
  titleZh: string;

  @ApiProperty({ minLength: 1, maxLength: TITLE_MAX_LENGTH })
  @Trim()
  @IsString()
  @Length(1, TITLE_MAX_LENGTH)
  titleEn: string;
}

export class UpdateReminderRuleDto extends VersionedUpdateDto {
  @ApiPropertyOptional()
  @IsOmittable()
  @IsBoolean()
  enabled?: boolean;

  @ApiPropertyOptional({ enum: KEY_WINDOW_KINDS, enumName: 'KeyWindowKind' })
  @IsOmittable()
  @IsIn(KEY_WINDOW_KINDS)
  windowKind?: KeyWindowKind;

  @ApiPropertyOptional({ enum: REMINDER_SUBJECTS, enumName: 'ReminderSubject' })
  @IsOmittable()
  @IsIn(REMINDER_SUBJECTS)
  subjects?: ReminderSubject;

  @ApiPropertyOptional({ enum: REMINDER_RECIPIENTS, enumName: 'ReminderRecipient' })
  @IsOmittable()
  @IsIn(REMINDER_RECIPIENTS)
  recipients?: ReminderRecipient;

  @ApiPropertyOptional({ enum: DONE_CONDITIONS, enumName: 'DoneCondition' })
  @IsOmittable()
  @IsIn(DONE_CONDITIONS)
  doneWhen?: DoneCondition;

  @ApiPropertyOptional({ type: 'integer', nullable: true, minimum: 0, maximum: DUE_AFTER_DAYS_MAX, description: 'null: due when the window closes' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(DUE_AFTER_DAYS_MAX)
  dueAfterDays?: number | null;

  @ApiPropertyOptional({ type: 'integer', nullable: true, minimum: 1, maximum: REPEAT_EVERY_DAYS_MAX, description: 'null: once per window' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(REPEAT_EVERY_DAYS_MAX)
  repeatEveryDays?: number | null;

  @ApiPropertyOptional({ type: 'integer', minimum: 0, maximum: ESCALATE_AFTER_HOURS_MAX })
  @IsOmittable()
  @IsInt()
  @Min(0)
  @Max(ESCALATE_AFTER_HOURS_MAX)
  escalateAfterHours?: number;

  @ApiPropertyOptional({ minLength: 1, maxLength: TITLE_MAX_LENGTH })
  @IsOmittable()
  @Trim()
  @IsString()
  @Length(1, TITLE_MAX_LENGTH)
  titleZh?: string;

  @ApiPropertyOptional({ minLength: 1, maxLength: TITLE_MAX_LENGTH })
  @IsOmittable()
  @Trim()
  @IsString()
  @Length(1, TITLE_MAX_LENGTH)
  titleEn?: string;
}

export interface ReminderRuleView {
  id: Uuid;
  code: string;
  windowKind: KeyWindowKind;
  subjects: ReminderSubject;
  recipients: ReminderRecipient;
  doneWhen: DoneCondition;
  /** Days after the window opens; null: when the window closes. */
  dueAfterDays: number | null;
  /** A new reminder every N days of the window; null: once per window. */
  repeatEveryDays: number | null;
  /** Hours past due before a reminder not done is escalated to the recipient's superiors. */
  escalateAfterHours: number;
  enabled: boolean;
  titleZh: string;
  titleEn: string;
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

/** What a PATCH may change: every field of the view an administrator edits. */
export type ReminderRuleChanges = Partial<
  Pick<ReminderRuleView, 'enabled' | 'windowKind' | 'subjects' | 'recipients' | 'doneWhen' | 'dueAfterDays' | 'repeatEveryDays' | 'escalateAfterHours' | 'titleZh' | 'titleEn'>
>;
