import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsISO8601, IsOptional, IsString, IsUUID, Matches, Max, Min, ValidateNested } from 'class-validator';

const HEX_SHA256 = /^[0-9a-fA-F]{64}$/;

/** An anchor exactly as `GET /audit-events/anchor` gave it. */
export class AuditAnchorDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  schoolId: string;

  @ApiProperty({ example: '1042', description: 'Sequence number of the chain head when the anchor was taken' })
  @IsString()
  @Matches(/^[0-9]{1,18}$/, { message: 'seq must be a sequence number' })
  seq: string;

  @ApiProperty({ description: 'Hash of that entry, hex' })
  @IsString()
  @Matches(HEX_SHA256, { message: 'hash must be 64 hex digits' })
  hash: string;

  @ApiProperty({ example: 1042, description: "Entries of the school's chain up to and including it" })
  @IsInt()
  @Min(1)
  @Max(Number.MAX_SAFE_INTEGER)
  count: number;

  @ApiProperty({ format: 'date-time' })
  @IsISO8601({ strict: true })
  at: string;

  @ApiProperty({ description: 'HMAC-SHA256, hex' })
  @IsString()
  @Matches(HEX_SHA256, { message: 'signature must be 64 hex digits' })
  signature: string;
}

/** `POST /audit-events/verify`: the chain check, and with an anchor, whether the trail kept what it held then. */
export class VerifyAuditTrailDto {
  @ApiPropertyOptional({ type: AuditAnchorDto, description: 'An anchor taken earlier and kept outside the system' })
  @IsOptional()
  @ValidateNested()
  @Type(() => AuditAnchorDto)
  anchor?: AuditAnchorDto;
}
