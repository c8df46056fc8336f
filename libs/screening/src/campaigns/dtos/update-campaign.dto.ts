import { ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMinSize, IsDateString, IsOptional, IsString, Length } from 'class-validator';
import { IsOmittable, Trim, VersionedUpdateDto } from '#core';
import { CAMPAIGN_NAME_MAX_LENGTH, CONSENT_TEXT_MAX_LENGTH, MAX_CAMPAIGN_INSTRUMENTS, MAX_CAMPAIGN_TARGETS, UuidList } from './campaign-fields.js';

/** A draft's fields; a given list replaces the stored one. */
export class UpdateCampaignDto extends VersionedUpdateDto {
  @ApiPropertyOptional({ maxLength: CAMPAIGN_NAME_MAX_LENGTH })
  @IsOmittable()
  @Trim()
  @IsString()
  @Length(1, CAMPAIGN_NAME_MAX_LENGTH)
  name?: string;

  @ApiPropertyOptional()
  @IsOmittable()
  @IsDateString({ strict: true })
  opensAt?: string;

  @ApiPropertyOptional()
  @IsOmittable()
  @IsDateString({ strict: true })
  closesAt?: string;

  @ApiPropertyOptional({ type: [String], format: 'uuid' })
  @IsOmittable()
  @UuidList(MAX_CAMPAIGN_TARGETS)
  gradeIds?: string[];

  @ApiPropertyOptional({ type: [String], format: 'uuid' })
  @IsOmittable()
  @UuidList(MAX_CAMPAIGN_TARGETS)
  classIds?: string[];

  @ApiPropertyOptional({ type: [String], format: 'uuid' })
  @IsOmittable()
  @UuidList(MAX_CAMPAIGN_INSTRUMENTS)
  @ArrayMinSize(1)
  instrumentIds?: string[];

  @ApiPropertyOptional({ maxLength: CONSENT_TEXT_MAX_LENGTH })
  @IsOmittable()
  @Trim()
  @IsString()
  @Length(1, CONSENT_TEXT_MAX_LENGTH)
  consentTextZh?: string;

  @ApiPropertyOptional({ maxLength: CONSENT_TEXT_MAX_LENGTH, nullable: true, description: 'null removes it' })
  @IsOptional()
  @Trim()
  @IsString()
  @Length(1, CONSENT_TEXT_MAX_LENGTH)
  consentTextEn?: string | null;

  @ApiPropertyOptional({ type: [String], format: 'uuid', description: 'The team besides the campaign creator' })
  @IsOmittable()
  @UuidList(50)
  counselorIds?: string[];
}
