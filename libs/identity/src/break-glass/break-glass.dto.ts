import { ApiProperty } from '@nestjs/swagger';
import { IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { Trim, type Uuid } from '#core';

export const MIN_BREAK_GLASS_REASON = 20;

export class RequestBreakGlassDto {
  @ApiProperty({ format: 'uuid', description: 'The student of your school whose clinical records you need' })
  @IsUUID()
  studentId: string;

  @ApiProperty({ minLength: MIN_BREAK_GLASS_REASON, maxLength: 1000, description: 'Why emergency access is needed; read by administrators' })
  @Trim()
  @IsString()
  @MinLength(MIN_BREAK_GLASS_REASON, { message: `must be at least ${MIN_BREAK_GLASS_REASON} characters` })
  @MaxLength(1000)
  reason: string;
}

/** A grant of emergency access: who, to which student, why, until when. */
export interface BreakGlassGrantView {
  id: Uuid;
  userId: Uuid;
  studentId: Uuid;
  reason: string;
  expiresAt: Date;
  createdAt: Date;
}
