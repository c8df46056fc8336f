import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, Length } from 'class-validator';
import { IsOmittable, PageQuery, Trim, type Uuid, VersionedUpdateDto } from '#core';
import { AGENCY_KINDS } from '../entities/referral-agency.entity.js';

export type AgencyKind = (typeof AGENCY_KINDS)[number];

export class CreateReferralAgencyDto {
  @ApiProperty({ example: '市精神卫生中心', description: 'Unique within the school', minLength: 1, maxLength: 100 })
  @Trim()
  @IsString()
  @Length(1, 100)
  name: string;

  @ApiProperty({ enum: AGENCY_KINDS, enumName: 'AgencyKind' })
  @IsIn(AGENCY_KINDS)
  kind: AgencyKind;

  @ApiPropertyOptional({ type: 'string', nullable: true, minLength: 1, maxLength: 40, example: '021-12345678' })
  @IsOptional()
  @Trim()
  @IsString()
  @Length(1, 40)
  phone?: string | null;

  @ApiPropertyOptional({ type: 'string', nullable: true, minLength: 1, maxLength: 200 })
  @IsOptional()
  @Trim()
  @IsString()
  @Length(1, 200)
  address?: string | null;

  @ApiPropertyOptional({ type: 'string', nullable: true, minLength: 1, maxLength: 100, example: '王医生' })
  @IsOptional()
  @Trim()
  @IsString()
  @Length(1, 100)
  contactPerson?: string | null;
}

export class UpdateReferralAgencyDto extends VersionedUpdateDto {
  @ApiPropertyOptional({ description: 'Unique within the school', minLength: 1, maxLength: 100 })
  @IsOmittable()
  @Trim()
  @IsString()
  @Length(1, 100)
  name?: string;

  @ApiPropertyOptional({ enum: AGENCY_KINDS, enumName: 'AgencyKind' })
  @IsOmittable()
  @IsIn(AGENCY_KINDS)
  kind?: AgencyKind;

  @ApiPropertyOptional({ type: 'string', nullable: true, minLength: 1, maxLength: 40, description: 'null clears it' })
  @IsOptional()
  @Trim()
  @IsString()
  @Length(1, 40)
  phone?: string | null;

  @ApiPropertyOptional({ type: 'string', nullable: true, minLength: 1, maxLength: 200, description: 'null clears it' })
  @IsOptional()
  @Trim()
  @IsString()
  @Length(1, 200)
  address?: string | null;

  @ApiPropertyOptional({ type: 'string', nullable: true, minLength: 1, maxLength: 100, description: 'null clears it' })
  @IsOptional()
  @Trim()
  @IsString()
  @Length(1, 100)
  contactPerson?: string | null;

  @ApiPropertyOptional({ description: 'false takes the agency off the list for new referrals; agencies are never deleted' })
  @IsOmittable()
  @IsBoolean()
  active?: boolean;
}

export class ReferralAgencyListQuery extends PageQuery {
  @ApiPropertyOptional({ type: 'boolean', description: 'Include agencies no longer in use', default: false })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  includeInactive?: boolean;
}

export interface ReferralAgencyView {
  id: Uuid;
  name: string;
  kind: AgencyKind;
  phone: string | null;
  address: string | null;
  contactPerson: string | null;
  active: boolean;
  createdAt: Date;
  updatedAt: Date;
  version: number;
}
