import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length, MaxLength, MinLength } from 'class-validator';
import { Trim } from '#core';
import { MIN_PASSWORD_LENGTH } from './password-hasher.js';

export class LoginDto {
  @ApiProperty({ example: 'counselor', minLength: 1, maxLength: 100 })
  @Trim()
  @IsString()
  @Length(1, 100)
  username: string;

  @ApiProperty({ minLength: 1, maxLength: 200, format: 'password' })
  @IsString()
  @Length(1, 200)
  password: string;
}

export class RefreshDto {
  @ApiProperty({ minLength: 20, maxLength: 200, description: 'The refresh token of the last sign-in or refresh' })
  @IsString()
  @Length(20, 200)
  refreshToken: string;
}

export class ChangePasswordDto {
  @ApiProperty({ minLength: 1, maxLength: 200, format: 'password' })
  @IsString()
  @Length(1, 200)
  currentPassword: string;

  @ApiProperty({ minLength: MIN_PASSWORD_LENGTH, maxLength: 200, format: 'password' })
  @IsString()
  @MinLength(MIN_PASSWORD_LENGTH, { message: `must be at least ${MIN_PASSWORD_LENGTH} characters` })
  @MaxLength(200)
  newPassword: string;
}
