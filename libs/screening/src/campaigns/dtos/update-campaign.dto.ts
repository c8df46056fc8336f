import { ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMinSize, IsDateString, IsOptional, IsString, Length } from 'class-validator';
import { IsOmittable, Trim, VersionedUpdateDto } from '#core';
import { CAMPAIGN_NAME_MAX_LENGTH, CONSENT_TEXT_MAX_LENGTH, MAX_CAMPAIGN_INSTRUMENTS, MAX_CAMPAIGN_TARGETS, UuidList } from './campaign-fields.js';

/** A draft's fields; a given list replaces the stored one. */
export class UpdateCampaignDto extends VersionedUpdateDto {
  @ApiPropertyOptional({ minLength: 1, maxLength: CAMPAIGN_NAME_MAX_LENGTH })
  @IsOmittable()
  @Trim()
  @IsString()
  @Length(1, CAMPAIGN_NAME_MAX_LENGTH)
  name?: string;

  @ApiPropertyOptional({ format: 'date-time' })
  @IsOmittable()
  @IsDateString({ strict: true })
  opensAt?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'After opensAt and in the future' })
  @IsOmittable()
  @IsDateString({ strict: true })
  closesAt?: string;

  @ApiPropertyOptional({ type: [String], format: 'uuid', maxItems: MAX_CAMPAIGN_TARGETS, uniqueItems: true })
  @IsOmittable()
  @UuidList(MAX_CAMPAIGN_TARGETS)
  gradeIds?: string[];

  @ApiPropertyOptional({ type: [String], format: 'uuid', maxItems: MAX_CAMPAIGN_TARGETS, uniqueItems: true })
  @IsOmittable()
  @UuidList(MAX_CAMPAIGN_TARGETS)
  classIds?: string[];

  @ApiPropertyOptional({
    type: [String],
    format: 'uuid',
    minItems: 1,
    maxItems: MAX_CAMPAIGN_INSTRUMENTS,
    uniqueItems: true,
    description: 'Active instrument versions, in the order the survey shows them',
  })
  @IsOmittable()
  @UuidList(MAX_CAMPAIGN_INSTRUMENTS)
  @ArrayMinSize(1)
  instrumentIds?: string[];

  @ApiPropertyOptional({ minLength: 1, maxLength: CONSENT_TEXT_MAX_LENGTH })
  @IsOmittable()
  @Trim()
  @IsString()
  @Length(1, CONSENT_TEXT_MAX_LENGTH)
  consentTextZh?: string;

  @ApiPropertyOptional({ type: String, minLength: 1, maxLength: CONSENT_TEXT_MAX_LENGTH, nullable: true, description: 'null removes it' })
  @IsOptional()
  @Trim()
  @IsString()
  @Length(1, CONSENT_TEXT_MAX_LENGTH)
  consentTextEn?: string | null;

  @ApiPropertyOptional({ type: [String], format: 'uuid', maxItems: 50, uniqueItems: true, description: 'The team besides the campaign creator' })
  @IsOmittable()
  @UuidList(50)
  counselorIds?: string[];
}
