import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMinSize, IsDateString, IsOptional, IsString, Length } from 'class-validator';
import { Trim } from '#core';
import { CAMPAIGN_NAME_MAX_LENGTH, CONSENT_TEXT_MAX_LENGTH, MAX_CAMPAIGN_INSTRUMENTS, MAX_CAMPAIGN_TARGETS, UuidList } from './campaign-fields.js';

export class CreateCampaignDto {
  @ApiProperty({ minLength: 1, maxLength: CAMPAIGN_NAME_MAX_LENGTH, example: '2026秋季新生心理健康筛查' })
  @Trim()
  @IsString()
  @Length(1, CAMPAIGN_NAME_MAX_LENGTH)
  name: string;

  @ApiProperty({ format: 'date-time', description: 'When students may start answering (ISO 8601 with offset)' })
  @IsDateString({ strict: true })
  opensAt: string;

  @ApiProperty({ format: 'date-time', description: 'When answering ends; after opensAt and in the future' })
  @IsDateString({ strict: true })
  closesAt: string;

  @ApiPropertyOptional({
    type: [String],
    format: 'uuid',
    maxItems: MAX_CAMPAIGN_TARGETS,
    uniqueItems: true,
    description: 'Grades of your school; with classIds, at least one target',
  })
  @IsOptional()
  @UuidList(MAX_CAMPAIGN_TARGETS)
  gradeIds?: string[];

  @ApiPropertyOptional({ type: [String], format: 'uuid', maxItems: MAX_CAMPAIGN_TARGETS, uniqueItems: true, description: 'Classes of your school' })
  @IsOptional()
  @UuidList(MAX_CAMPAIGN_TARGETS)
  classIds?: string[];

  @ApiProperty({
    type: [String],
    format: 'uuid',
    minItems: 1,
    maxItems: MAX_CAMPAIGN_INSTRUMENTS,
    uniqueItems: true,
    description: 'Active instrument versions, in the order the survey shows them',
  })
  @UuidList(MAX_CAMPAIGN_INSTRUMENTS)
  @ArrayMinSize(1)
  instrumentIds: string[];

  @ApiProperty({ minLength: 1, maxLength: CONSENT_TEXT_MAX_LENGTH, description: 'The consent the student gives before answering' })
  @Trim()
  @IsString()
  @Length(1, CONSENT_TEXT_MAX_LENGTH)
  consentTextZh: string;

  @ApiPropertyOptional({ minLength: 1, maxLength: CONSENT_TEXT_MAX_LENGTH, description: 'The consent in English, for students who read it' })
  @IsOptional()
  @Trim()
  @IsString()
  @Length(1, CONSENT_TEXT_MAX_LENGTH)
  consentTextEn?: string;

  @ApiPropertyOptional({
    type: [String],
    format: 'uuid',
    maxItems: 50,
    uniqueItems: true,
    description: 'Other counselors of your school on the team (you are on it already)',
  })
  @IsOptional()
  @UuidList(50)
  counselorIds?: string[];
}
