import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsDateString, IsObject, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { Trim } from '#core';

/** One paper form of one instrument, typed in by a counselor. */
export class EnterPaperResponseDto {
  @ApiProperty({ format: 'uuid', description: 'A student invited to this campaign' })
  @IsUUID()
  studentId: string;

  @ApiProperty({ example: 'phq9', description: "One of the campaign's instruments" })
  @Trim()
  @IsString()
  @Length(1, 64)
  instrumentCode: string;

  @ApiProperty({ description: 'Answers by item key', example: { item1: 0, item2: 1 } })
  @IsObject()
  answers: Record<string, unknown>;

  @ApiPropertyOptional({ example: { asksForCounseling: true } })
  @IsOptional()
  @IsObject()
  flags?: Record<string, unknown>;

  @ApiProperty({ description: 'When the student filled the form in: within the campaign window, not in the future' })
  @IsDateString({ strict: true })
  administeredAt: string;
}
