import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsIn, IsISO8601, IsOptional, IsString, IsUUID, Length, Matches, ValidateBy } from 'class-validator';
import { PageQuery, ToArray, Trim } from '#core';
import { AUDIT_OUTCOMES, type AuditOutcome } from '../entities/audit-event.entity.js';

/** A full timestamp with an offset: a bare date or time would be read in UTC or the server's zone, not the school's. */
const TIMESTAMP_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

const IsTimestampWithOffset = () =>
  applyDecorators(
    IsISO8601({ strict: true }),
    Matches(TIMESTAMP_WITH_OFFSET, { message: '$property must be an ISO 8601 timestamp with an offset, e.g. 2026-09-01T08:00:00+08:00' }),
  );

/** An id is searched within its type: the index is `(school_id, entity_type, entity_id, seq)`. */
const RequiresEntityType = () =>
  ValidateBy({
    name: 'requiresEntityType',
    validator: {
      validate: (_value, args) => (args?.object as ListAuditEventsQuery).entityType !== undefined,
      defaultMessage: () => 'entityId needs entityType too',
    },
  });

/** `GET /audit-events` filters; all optional, combined with AND. */
export class ListAuditEventsQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid', description: 'The user who acted' })
  @IsOptional()
  @IsUUID()
  actorId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'The student the event concerns' })
  @IsOptional()
  @IsUUID()
  studentId?: string;

  @ApiPropertyOptional({ minLength: 1, maxLength: 100, example: 'student', description: 'The kind of record the event concerns' })
  @IsOptional()
  @Trim()
  @IsString()
  @Length(1, 100)
  entityType?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Only together with entityType' })
  @IsOptional()
  @IsUUID()
  @RequiresEntityType()
  entityId?: string;

  @ApiPropertyOptional({
    type: 'array',
    items: { type: 'string', minLength: 1, maxLength: 100 },
    maxItems: 20,
    example: ['student.read'],
    description: 'Repeat for "any of" (at most 20)',
  })
  @IsOptional()
  @ToArray()
  @ArrayMaxSize(20)
  @Trim()
  @IsString({ each: true })
  @Length(1, 100, { each: true })
  action?: string[];

  @ApiPropertyOptional({ enum: AUDIT_OUTCOMES, enumName: 'AuditOutcome' })
  @IsOptional()
  @IsIn(AUDIT_OUTCOMES)
  outcome?: AuditOutcome;

  @ApiPropertyOptional({ format: 'date-time', pattern: TIMESTAMP_WITH_OFFSET.source, description: 'Occurred at or after (inclusive); with an offset' })
  @IsOptional()
  @IsTimestampWithOffset()
  from?: string;

  @ApiPropertyOptional({ format: 'date-time', pattern: TIMESTAMP_WITH_OFFSET.source, description: 'Occurred before (exclusive); with an offset' })
  @IsOptional()
  @IsTimestampWithOffset()
  to?: string;
}
