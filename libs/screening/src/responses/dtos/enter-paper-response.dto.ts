import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsDateString, IsObject, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { Trim } from '#core';
import { ANSWERS_SCHEMA, INPUT_FLAGS_SCHEMA } from './answer-schemas.js';

/** One paper form of one instrument, typed in by a counselor. */
export class EnterPaperResponseDto {
  @ApiProperty({ format: 'uuid', description: 'A student invited to this campaign' })
  @IsUUID()
  studentId: string;

  @ApiProperty({ example: 'phq9', minLength: 1, maxLength: 64, description: "The code of one of the campaign's instruments" })
  @Trim()
  @IsString()
  @Length(1, 64)
  instrumentCode: string;

  @ApiProperty({ ...ANSWERS_SCHEMA, example: { item1: 0, item2: 1 } })
  @IsObject()
  answers: Record<string, unknown>;

  @ApiPropertyOptional({ ...INPUT_FLAGS_SCHEMA, example: { asksForCounseling: true } })
  @IsOptional()
  @IsObject()
  flags?: Record<string, unknown>;

  @ApiProperty({ format: 'date-time', description: 'When the student filled the form in: within the campaign window, not in the future' })
  @IsDateString({ strict: true })
  administeredAt: string;
}
