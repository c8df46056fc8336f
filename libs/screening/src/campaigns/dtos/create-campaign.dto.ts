import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMinSize, IsDateString, IsOptional, IsString, Length } from 'class-validator';
import { Trim } from '#core';
import { CAMPAIGN_NAME_MAX_LENGTH, CONSENT_TEXT_MAX_LENGTH, MAX_CAMPAIGN_INSTRUMENTS, MAX_CAMPAIGN_TARGETS, UuidList } from './campaign-fields.js';

export class CreateCampaignDto {
  @ApiProperty({ maxLength: CAMPAIGN_NAME_MAX_LENGTH, example: '2026秋季新生心理健康筛查' })
  @Trim()
  @IsString()
  @Length(1, CAMPAIGN_NAME_MAX_LENGTH)
  name: string;

  @ApiProperty({ description: 'When students may start answering (ISO 8601 with offset)' })
  @IsDateString({ strict: true })
  opensAt: string;

  @ApiProperty({ description: 'When answering ends; after opensAt and in the future' })
  @IsDateString({ strict: true })
  closesAt: string;

  @ApiPropertyOptional({ type: [String], format: 'uuid', description: 'Grades of your school; with classIds, at least one target' })
  @IsOptional()
  @UuidList(MAX_CAMPAIGN_TARGETS)
  gradeIds?: string[];

  @ApiPropertyOptional({ type: [String], format: 'uuid', description: 'Classes of your school' })
  @IsOptional()
  @UuidList(MAX_CAMPAIGN_TARGETS)
  classIds?: string[];

  @ApiProperty({ type: [String], format: 'uuid', description: 'Active instrument versions, in the order the survey shows them' })
  @UuidList(MAX_CAMPAIGN_INSTRUMENTS)
  @ArrayMinSize(1)
  instrumentIds: string[];

  @ApiProperty({ maxLength: CONSENT_TEXT_MAX_LENGTH, description: 'The consent the student gives before answering' })
  @Trim()
  @IsString()
  @Length(1, CONSENT_TEXT_MAX_LENGTH)
  consentTextZh: string;

  @ApiPropertyOptional({ maxLength: CONSENT_TEXT_MAX_LENGTH })
  @IsOptional()
  @Trim()
  @IsString()
  @Length(1, CONSENT_TEXT_MAX_LENGTH)
  consentTextEn?: string;

  @ApiPropertyOptional({ type: [String], format: 'uuid', description: 'Other counselors of your school on the team (you are on it already)' })
  @IsOptional()
  @UuidList(50)
  counselorIds?: string[];
}
