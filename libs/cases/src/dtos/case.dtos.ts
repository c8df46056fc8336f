import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Length, ValidateIf } from 'class-validator';
import { INT4_MAX, IsVersion, PageQuery, ToArray, Trim } from '#core';
import { CASE_RISK_LEVELS, CASE_SOURCES, CASE_STATES, type CaseRiskLevel, type CaseSignalSource, type CaseState } from '../entities/case.entity.js';

const SIGNAL_SOURCES = CASE_SOURCES.filter((s) => s !== 'manual');

export class OpenCaseDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  studentId: string;

  @ApiProperty({ enum: CASE_RISK_LEVELS, enumName: 'CaseRiskLevel' })
  @IsIn(CASE_RISK_LEVELS)
  riskLevel: CaseRiskLevel;

  @ApiPropertyOptional({ format: 'uuid', description: 'An active counselor of the school; defaults to the caller' })
  @IsOptional()
  @IsUUID()
  ownerId?: string;

  @ApiPropertyOptional({ enum: SIGNAL_SOURCES, enumName: 'CaseSignalSource', description: 'What led to a case and stays linked to it' })
  @IsOptional()
  @IsIn(SIGNAL_SOURCES)
  sourceType?: CaseSignalSource;

  @ApiPropertyOptional({ format: 'uuid', description: 'The alert, flag, response or appointment; required with `sourceType`' })
  @ValidateIf((dto: OpenCaseDto) => dto.sourceType !== undefined)
  @IsUUID()
  sourceId?: string;

  @ApiPropertyOptional({ description: 'Why (encrypted)', minLength: 1, maxLength: 2000 })
  @IsOptional()
  @Trim()
  @IsString()
  @Length(1, 2000)
  reason?: string;
}

class VersionedDto {
  @ApiProperty({ type: 'integer', minimum: 1, maximum: INT4_MAX, description: 'The version of the case the change is based on' })
  @IsVersion()
  version: number;
}

export class TransitionCaseDto extends VersionedDto {
  @ApiProperty({ enum: CASE_STATES, enumName: 'CaseState', description: "One of the case's `allowedTransitions`" })
  @IsIn(CASE_STATES)
  to: CaseState;

  @ApiPropertyOptional({ description: 'Encrypted', minLength: 1, maxLength: 2000 })
  @IsOptional()
  @Trim()
  @IsString()
  @Length(1, 2000)
  reason?: string;
}

export class ReopenCaseDto extends VersionedDto {
  @ApiProperty({ description: 'Why the case is reopened (encrypted)', minLength: 5, maxLength: 2000 })
  @Trim()
  @IsString()
  @Length(5, 2000)
  reason: string;
}

export class ChangeCaseRiskDto extends VersionedDto {
  @ApiProperty({ enum: CASE_RISK_LEVELS, enumName: 'CaseRiskLevel' })
  @IsIn(CASE_RISK_LEVELS)
  riskLevel: CaseRiskLevel;

  @ApiProperty({ description: 'Why (encrypted); every change of risk keeps its reason', minLength: 5, maxLength: 2000 })
  @Trim()
  @IsString()
  @Length(5, 2000)
  reason: string;
}

export class ReassignCaseDto extends VersionedDto {
  @ApiProperty({ format: 'uuid', description: 'An active counselor of the school' })
  @IsUUID()
  ownerId: string;

  @ApiProperty({ description: 'Why (encrypted)', minLength: 5, maxLength: 2000 })
  @Trim()
  @IsString()
  @Length(5, 2000)
  reason: string;
}

export class AddTeamMemberDto {
  @ApiProperty({ format: 'uuid', description: 'An active counselor of the school' })
  @IsUUID()
  userId: string;
}

export class RequestClosureDto extends VersionedDto {
  @ApiProperty({ description: 'Why it is safe to close (encrypted)', minLength: 10, maxLength: 4000 })
  @Trim()
  @IsString()
  @Length(10, 4000)
  reason: string;

  @ApiPropertyOptional({ description: 'Why no guardian contact is recorded; required when no guardian was reached (encrypted)', minLength: 10, maxLength: 2000 })
  @IsOptional()
  @Trim()
  @IsString()
  @Length(10, 2000)
  guardianContactWaiver?: string;
}

export class DecideClosureDto {
  @ApiPropertyOptional({ description: 'Encrypted; kept on the case timeline', minLength: 1, maxLength: 2000 })
  @IsOptional()
  @Trim()
  @IsString()
  @Length(1, 2000)
  note?: string;
}

export class CaseListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: CASE_STATES, enumName: 'CaseState', isArray: true, description: 'Repeat for any of' })
  @IsOptional()
  @ToArray()
  @IsIn(CASE_STATES, { each: true })
  state?: CaseState[];

  @ApiPropertyOptional({ enum: CASE_RISK_LEVELS, enumName: 'CaseRiskLevel', isArray: true, description: 'Repeat for any of' })
  @IsOptional()
  @ToArray()
  @IsIn(CASE_RISK_LEVELS, { each: true })
  riskLevel?: CaseRiskLevel[];

  @ApiPropertyOptional({ format: 'uuid', description: 'Only the cases this counselor owns' })
  @IsOptional()
  @IsUUID()
  ownerId?: string;
  @ApiPropertyOptional({ format: 'uuid', description: "Only this student's cases (of those whose team you are on)" })
  @IsOptional()
  @IsUUID()
  studentId?: string;
}
