import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, Length, Matches, MaxLength, MinLength } from 'class-validator';
import { IsOmittable, PageQuery, ToArray, Trim, type Uuid, VersionedUpdateDto } from '#core';
import { type Role, ROLES } from '#access';
import { MIN_PASSWORD_LENGTH } from '../auth/password-hasher.js';

const USERNAME = /^[a-z0-9._-]+$/;
/** Digits with an optional leading +, spaces or dashes: mobile and landline numbers alike. */
const PHONE = /^\+?[0-9][0-9 -]{4,23}$/;

/** `?active=true|false`; anything else stays as given and fails the boolean check. */
const toBoolean = ({ value }: { value: unknown }): unknown => (value === 'true' ? true : value === 'false' ? false : value);

export class ListUsersQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ROLES, enumName: 'Role', isArray: true, description: 'Repeat for any of several roles' })
  @IsOptional()
  @ToArray()
  @IsIn(ROLES, { each: true })
  role?: Role[];

  @ApiPropertyOptional({ description: 'true: only active accounts; false: only deactivated ones' })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  active?: boolean;
}

export class CreateUserDto {
  @ApiProperty({
    example: 'wang.li',
    minLength: 3,
    maxLength: 50,
    pattern: USERNAME.source,
    description: '3-50 of a-z 0-9 . _ -; unique across all schools, ignoring case',
  })
  @Trim()
  @IsString()
  @Length(3, 50)
  @Matches(USERNAME, { message: 'may contain only a-z, 0-9, ".", "_" and "-"' })
  username: string;

  @ApiProperty({ example: '王丽', minLength: 1, maxLength: 100 })
  @Trim()
  @IsString()
  @Length(1, 100)
  displayName: string;

  @ApiProperty({ enum: ROLES, enumName: 'Role' })
  @IsIn(ROLES)
  role: Role;

  @ApiPropertyOptional({ example: '13800138000', pattern: PHONE.source })
  @IsOptional()
  @IsString()
  @Matches(PHONE, { message: 'must be a phone number' })
  phone?: string;

  @ApiProperty({ minLength: MIN_PASSWORD_LENGTH, maxLength: 200, format: 'password', description: 'The initial password; stored only as an argon2id hash' })
  @IsString()
  @MinLength(MIN_PASSWORD_LENGTH, { message: `must be at least ${MIN_PASSWORD_LENGTH} characters` })
  @MaxLength(200)
  password: string;
}

export class UpdateUserDto extends VersionedUpdateDto {
  @ApiPropertyOptional({ minLength: 1, maxLength: 100 })
  @IsOmittable()
  @Trim()
  @IsString()
  @Length(1, 100)
  displayName?: string;

  @ApiPropertyOptional({ enum: ROLES, enumName: 'Role', description: 'A new role signs the user out everywhere at once' })
  @IsOmittable()
  @IsIn(ROLES)
  role?: Role;

  @ApiPropertyOptional({ description: 'false signs the user out everywhere at once' })
  @IsOmittable()
  @IsBoolean()
  active?: boolean;

  @ApiPropertyOptional({ type: String, nullable: true, pattern: PHONE.source, description: 'null removes the number' })
  @IsOptional()
  @IsString()
  @Matches(PHONE, { message: 'must be a phone number' })
  phone?: string | null;

  @ApiPropertyOptional({
    description:
      "true names this active administrator the school's first person accountable (第一责任人), the last step of every " +
      'alert escalation; whoever held it before loses it in the same change. false removes it. While they hold it, ' +
      'their role may not change nor their account be deactivated unless the same request sends false',
  })
  @IsOmittable()
  @IsBoolean()
  firstAccountable?: boolean;
}

/** A staff account as other staff see it: no password hash, no failed-sign-in bookkeeping. */
export interface UserView {
  id: Uuid;
  username: string;
  displayName: string;
  role: Role;
  active: boolean;
  phone: string | null;
  /** The school's first person accountable (第一责任人), paged at the last alert escalation level: at most one active administrator per school. */
  firstAccountable: boolean;
  /** Refused at sign-in after too many failures, until it expires or an administrator unlocks it. */
  locked: boolean;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}
