import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Length, ValidateIf } from 'class-validator';
import { IsVersion, PageQuery, ToArray, Trim } from '#core';
import { CASE_RISK_LEVELS, CASE_SOURCES, CASE_STATES, type CaseRiskLevel, type CaseSource, type CaseState } from '../entities/case.entity.js';

const SIGNAL_SOURCES = CASE_SOURCES.filter((s) => s !== 'manual');

export class OpenCaseDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  studentId: string;

  @ApiProperty({ enum: CASE_RISK_LEVELS })
  @IsIn(CASE_RISK_LEVELS)
  riskLevel: CaseRiskLevel;

  @ApiPropertyOptional({ format: 'uuid', description: 'Defaults to the caller' })
  @IsOptional()
  @IsUUID()
  ownerId?: string;

  @ApiPropertyOptional({ enum: SIGNAL_SOURCES, description: 'What led to the case; it stays linked' })
  @IsOptional()
  @IsIn(SIGNAL_SOURCES)
  sourceType?: Exclude<CaseSource, 'manual'>;

  @ApiPropertyOptional({ format: 'uuid' })
  @ValidateIf((dto: OpenCaseDto) => dto.sourceType !== undefined)
  @IsUUID()
  sourceId?: string;

  @ApiPropertyOptional({ description: 'Why (encrypted)' })
  @IsOptional()
  @Trim()
  @IsString()
  @Length(1, 2000)
  reason?: string;
}

class VersionedDto {
  @ApiProperty({ description: 'The version the change is based on' })
  @IsVersion()
  version: number;
}

export class TransitionCaseDto extends VersionedDto {
  @ApiProperty({ enum: CASE_STATES })
  @IsIn(CASE_STATES)
  to: CaseState;

  @ApiPropertyOptional({ description: 'Encrypted' })
  @IsOptional()
  @Trim()
  @IsString()
  @Length(1, 2000)
  reason?: string;
}

export class ReopenCaseDto extends VersionedDto {
  @ApiProperty({ description: 'Why the case is reopened (encrypted)' })
  @Trim()
  @IsString()
  @Length(5, 2000)
  reason: string;
}

export class ChangeCaseRiskDto extends VersionedDto {
  @ApiProperty({ enum: CASE_RISK_LEVELS })
  @IsIn(CASE_RISK_LEVELS)
  riskLevel: CaseRiskLevel;

  @ApiProperty({ description: 'Why (encrypted); every change of risk keeps its reason' })
  @Trim()
  @IsString()
  @Length(5, 2000)
  reason: string;
}

export class ReassignCaseDto extends VersionedDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  ownerId: string;

  @ApiProperty({ description: 'Why (encrypted)' })
  @Trim()
  @IsString()
  @Length(5, 2000)
  reason: string;
}

export class AddTeamMemberDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  userId: string;
}

export class RequestClosureDto extends VersionedDto {
  @ApiProperty({ description: 'Why it is safe to close (encrypted)' })
  @Trim()
  @IsString()
  @Length(10, 4000)
  reason: string;

  @ApiPropertyOptional({ description: 'Why no guardian contact is recorded, when none is (encrypted)' })
  @IsOptional()
  @Trim()
  @IsString()
  @Length(10, 2000)
  guardianContactWaiver?: string;
}

export class DecideClosureDto {
  @ApiPropertyOptional({ description: 'Encrypted' })
  @IsOptional()
  @Trim()
  @IsString()
  @Length(1, 2000)
  note?: string;
}

export class CaseListQuery extends PageQuery {
  @IsOptional()
  @ToArray()
  @IsIn(CASE_STATES, { each: true })
  state?: CaseState[];

  @IsOptional()
  @ToArray()
  @IsIn(CASE_RISK_LEVELS, { each: true })
  riskLevel?: CaseRiskLevel[];

  @IsOptional()
  @IsUUID()
  ownerId?: string;
}
