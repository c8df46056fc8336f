import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsDateString, IsIn, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { PageQuery, ToArray, Trim } from '#core';
import type { CaseContactRow } from './case-contact.repository.js';
import { CONTACT_CHANNELS, CONTACT_COUNTERPARTS, CONTACT_OUTCOMES } from '../entities/case-contact.entity.js';

export type ContactCounterpart = (typeof CONTACT_COUNTERPARTS)[number];
export type ContactChannel = (typeof CONTACT_CHANNELS)[number];
export type ContactOutcome = (typeof CONTACT_OUTCOMES)[number];

export class LogCaseContactDto {
  @ApiProperty({ enum: CONTACT_COUNTERPARTS, enumName: 'ContactCounterpart' })
  @IsIn(CONTACT_COUNTERPARTS)
  counterpart: ContactCounterpart;

  @ApiPropertyOptional({ format: 'uuid', description: "Required for `guardian`, and only for it: one of the case's student's guardians" })
  @IsOptional()
  @IsUUID()
  guardianId?: string;

  @ApiPropertyOptional({ description: 'Required for `other`, and only for it, e.g. 宿管老师', minLength: 1, maxLength: 100 })
  @IsOptional()
  @Trim()
  @IsString()
  @Length(1, 100)
  counterpartName?: string;

  @ApiProperty({ enum: CONTACT_CHANNELS, enumName: 'ContactChannel' })
  @IsIn(CONTACT_CHANNELS)
  channel: ContactChannel;

  @ApiProperty({ enum: CONTACT_OUTCOMES, enumName: 'ContactOutcome' })
  @IsIn(CONTACT_OUTCOMES)
  outcome: ContactOutcome;

  @ApiProperty({ format: 'date-time', description: 'ISO 8601 with offset, not in the future' })
  @IsDateString({ strict: true })
  contactedAt: string;

  @ApiPropertyOptional({ description: 'Recorded as the guardian notification (guardian contacts only)', default: false })
  @IsOptional()
  @IsBoolean()
  isGuardianNotification?: boolean;

  @ApiPropertyOptional({ description: 'What was agreed (encrypted at rest)', minLength: 1, maxLength: 4000 })
  @IsOptional()
  @Trim()
  @IsString()
  @Length(1, 4000)
  agreed?: string;
}

export class CaseContactListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: CONTACT_OUTCOMES, enumName: 'ContactOutcome', isArray: true, description: 'Repeat for any of' })
  @IsOptional()
  @ToArray()
  @IsIn(CONTACT_OUTCOMES, { each: true })
  outcome?: ContactOutcome[];
}

/** A contact as its readers see it: the stored row with `agreed` decrypted. */
export interface CaseContactView extends CaseContactRow {
  agreed: string | null;
}

/** Unreachable contacts at a glance. */
export interface CaseContactSummary {
  /**
   * Contacts that did not reach their counterpart and after which that counterpart (the student,
   * the same guardian, the class teacher, the same named other) has not been reached since.
   */
  unreachable: number;
  /** The latest contact that reached anyone; null when none has. */
  lastReachedAt: Date | null;
}

/** A page of a case's contacts, with the summary of the whole log (not only of the page). */
export interface CaseContactPage {
  items: CaseContactView[];
  nextCursor: string | null;
  summary: CaseContactSummary;
}
