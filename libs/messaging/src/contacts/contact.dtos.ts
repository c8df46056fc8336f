import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsEmail, IsIn, IsOptional, IsString, Matches, MaxLength, registerDecorator, ValidateIf, ValidateNested } from 'class-validator';
import { IsOmittable, Trim, VersionedUpdateDto } from '#core';
import { PERSONAL_CHANNELS, type PersonalChannel } from '../entities/staff-contact.entity.js';

/** A mainland mobile number: 11 digits from 1[3-9]. */
export const MOBILE = /^1[3-9][0-9]{9}$/;
const WALL_TIME = /^([01][0-9]|2[0-3]):[0-5][0-9]$/;

/** Quiet hours that end when they begin are no span at all (staff_contacts refuses them too). */
function DiffersFrom(other: string): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'differsFrom',
      target: target.constructor,
      propertyName: String(propertyName),
      validator: {
        validate: (value: unknown, args) => value !== (args?.object as Record<string, unknown> | undefined)?.[other],
        defaultMessage: () => `must differ from ${other}`,
      },
    });
}

export class QuietHoursDto {
  @ApiProperty({ example: '22:00', pattern: WALL_TIME.source, description: 'Start, in the school’s time zone' })
  @IsString()
  @Matches(WALL_TIME, { message: 'must be a time HH:MM' })
  from: string;

  @ApiProperty({ example: '07:00', pattern: WALL_TIME.source, description: 'End (exclusive); before `from` when the span wraps midnight' })
  @IsString()
  @Matches(WALL_TIME, { message: 'must be a time HH:MM' })
  @DiffersFrom('from')
  until: string;
}

export class UpdateContactDetailsDto extends VersionedUpdateDto {
  @ApiPropertyOptional({ type: String, nullable: true, format: 'email', maxLength: 254, description: 'A new address must be verified again; null removes it' })
  @IsOptional()
  @Trim()
  @IsEmail({}, { message: 'must be an email address' })
  @MaxLength(254)
  email?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, pattern: MOBILE.source, example: '13800138000', description: 'A new number must be verified again; null removes it' })
  @IsOptional()
  @IsString()
  @Matches(MOBILE, { message: 'must be an 11-digit mainland mobile number' })
  mobile?: string | null;

  @ApiPropertyOptional({ enum: PERSONAL_CHANNELS, enumName: 'PersonalChannel', description: 'Where messages go first; pages go to every verified channel' })
  @IsOmittable()
  @IsIn(PERSONAL_CHANNELS)
  preferredChannel?: PersonalChannel;

  @ApiPropertyOptional({ type: QuietHoursDto, nullable: true, description: 'When only pages and urgent messages arrive; null for none' })
  @IsOptional()
  @ValidateIf((_o: object, value: unknown) => value !== null)
  @ValidateNested()
  @Type(() => QuietHoursDto)
  quietHours?: QuietHoursDto | null;
}

export class RequestVerificationDto {
  @ApiProperty({ enum: PERSONAL_CHANNELS, enumName: 'PersonalChannel' })
  @IsIn(PERSONAL_CHANNELS)
  channel: PersonalChannel;
}

export class ConfirmVerificationDto {
  @ApiProperty({ enum: PERSONAL_CHANNELS, enumName: 'PersonalChannel' })
  @IsIn(PERSONAL_CHANNELS)
  channel: PersonalChannel;

  @ApiProperty({ example: '042137', pattern: '^[0-9]{6}$', description: 'The six digits that were sent' })
  @IsString()
  @Matches(/^[0-9]{6}$/, { message: 'must be the six digits that were sent' })
  code: string;
}

export interface ContactDetailsView {
  email: string | null;
  /** When a code sent to the address came back; null while unverified. Only verified addresses get messages. */
  emailVerifiedAt: Date | null;
  mobile: string | null;
  mobileVerifiedAt: Date | null;
  preferredChannel: PersonalChannel;
  quietHours: { from: string; until: string } | null;
  version: number;
}

export interface VerificationSentView {
  channel: PersonalChannel;
  /** The address the code went to. */
  address: string;
  expiresAt: Date;
}
