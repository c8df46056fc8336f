import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsISO8601, IsOptional, IsString, IsUUID, Matches, Max, Min, ValidateNested } from 'class-validator';

const HEX_SHA256 = /^[0-9a-fA-F]{64}$/;
const SEQ = /^[0-9]{1,18}$/;

/** An anchor exactly as `GET /audit-events/anchor` gave it. */
export class AuditAnchorDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  schoolId: string;

  @ApiProperty({ example: '1042', pattern: SEQ.source, description: 'Sequence number of the chain head when the anchor was taken' })
  @IsString()
  @Matches(SEQ, { message: 'seq must be a sequence number' })
  seq: string;

  @ApiProperty({ pattern: HEX_SHA256.source, description: 'Hash of that entry, hex' })
  @IsString()
  @Matches(HEX_SHA256, { message: 'hash must be 64 hex digits' })
  hash: string;

  @ApiProperty({ type: 'integer', minimum: 1, maximum: Number.MAX_SAFE_INTEGER, example: 1042, description: "Entries of the school's chain up to and including it" })
  @IsInt()
  @Min(1)
  @Max(Number.MAX_SAFE_INTEGER)
  count: number;

  @ApiProperty({ format: 'date-time', description: 'As the anchor gave it; another offset for the same instant is accepted' })
  @IsISO8601({ strict: true })
  at: string;

  @ApiProperty({ pattern: HEX_SHA256.source, description: 'HMAC-SHA256, hex' })
  @IsString()
  @Matches(HEX_SHA256, { message: 'signature must be 64 hex digits' })
  signature: string;
}

/** `POST /audit-events/verify`: the chain check, and with an anchor, whether the trail kept what it held then. */
export class VerifyAuditTrailDto {
  @ApiPropertyOptional({ type: () => AuditAnchorDto, description: 'An anchor taken earlier and kept outside the system' })
  @IsOptional()
  @ValidateNested()
  @Type(() => AuditAnchorDto)
  anchor?: AuditAnchorDto;
}
