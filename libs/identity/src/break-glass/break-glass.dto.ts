import { ApiProperty } from '@nestjs/swagger';
import { IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { Trim } from '#core';

export const MIN_BREAK_GLASS_REASON = 20;

export class RequestBreakGlassDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  studentId: string;

  @ApiProperty({ minLength: MIN_BREAK_GLASS_REASON, description: 'Why emergency access is needed; read by administrators' })
  @Trim()
  @IsString()
  @MinLength(MIN_BREAK_GLASS_REASON, { message: `must be at least ${MIN_BREAK_GLASS_REASON} characters` })
  @MaxLength(1000)
  reason: string;
}

export interface BreakGlassGrantView {
  id: string;
  userId: string;
  studentId: string;
  reason: string;
  expiresAt: Date;
  createdAt: Date;
}
