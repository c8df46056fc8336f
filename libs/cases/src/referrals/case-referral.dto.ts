import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { PageQuery, ToArray, Trim, type Uuid, VersionedUpdateDto } from '#core';
import { REFERRAL_STATUSES } from '../entities/case-referral.entity.js';
import type { AgencyKind } from './referral-agency.dto.js';
import type { ReferralStatus } from './referral-status.js';

export class CreateCaseReferralDto {
  @ApiProperty({ format: 'uuid', description: "An active agency of the school's list" })
  @IsUUID()
  agencyId: string;

  @ApiPropertyOptional({ description: 'Why, and what was sent (encrypted at rest)', minLength: 1, maxLength: 4000 })
  @IsOptional()
  @Trim()
  @IsString()
  @Length(1, 4000)
  note?: string;
}

export class UpdateCaseReferralDto extends VersionedUpdateDto {
  @ApiProperty({ enum: REFERRAL_STATUSES, enumName: 'ReferralStatus', description: 'pending -> accepted | declined | withdrawn; accepted -> completed | withdrawn' })
  @IsIn(REFERRAL_STATUSES)
  status: ReferralStatus;

  @ApiPropertyOptional({ description: 'Replaces the note, e.g. with what the agency said (encrypted at rest)', minLength: 1, maxLength: 4000 })
  @IsOptional()
  @Trim()
  @IsString()
  @Length(1, 4000)
  note?: string;
}

export class CaseReferralListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: REFERRAL_STATUSES, enumName: 'ReferralStatus', isArray: true, description: 'Repeat for any of' })
  @IsOptional()
  @ToArray()
  @IsIn(REFERRAL_STATUSES, { each: true })
  status?: ReferralStatus[];
}

export interface CaseReferralView {
  id: Uuid;
  caseId: Uuid;
  agencyId: Uuid;
  agencyName: string;
  agencyKind: AgencyKind;
  status: ReferralStatus;
  /** Where it may go next; empty once final. */
  allowedStatuses: readonly ReferralStatus[];
  referredAt: Date;
  statusChangedAt: Date | null;
  /** Decrypted. */
  note: string | null;
  createdBy: Uuid;
  createdAt: Date;
  updatedAt: Date;
  version: number;
}
