import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsInt, Max, Min } from 'class-validator';
import { IsOmittable, VersionedUpdateDto } from '#core';

export class UpdateCounselingSettingsDto extends VersionedUpdateDto {
  @ApiPropertyOptional({ description: 'During holidays, only phone or video sessions may be booked' })
  @IsOmittable()
  @IsBoolean()
  remoteOnlyDuringHolidays?: boolean;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 168, description: 'Hours a freed slot is held for the first waiting request' })
  @IsOmittable()
  @IsInt()
  @Min(1)
  @Max(168)
  offerHoldHours?: number;
}

export interface CounselingSettingsView {
  /** The school's IANA time zone (set with the school, not here). */
  timeZone: string;
  remoteOnlyDuringHolidays: boolean;
  offerHoldHours: number;
  version: number;
}
