import { createHash } from 'node:crypto';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, Min, MinLength } from 'class-validator';

const toInt = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;

/** Sign-in settings. Without JWT_SECRET outside production, a fixed development secret is used. */
export class IdentityConfig {
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'JWT_SECRET must be at least 32 characters' })
  JWT_SECRET?: string;

  @IsString()
  JWT_ISSUER = 'campus-care';

  @IsString()
  JWT_AUDIENCE = 'campus-care-api';

  /** At most 15 minutes: access tokens cannot be revoked, so they must not live long. */
  @Transform(toInt)
  @IsInt()
  @Min(60)
  @Max(900)
  ACCESS_TOKEN_TTL_SECONDS = 900;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(90)
  REFRESH_TOKEN_TTL_DAYS = 14;

  /** The signing key; refuses to run in production on the development secret. */
  signingKey(): Uint8Array {
    if (this.JWT_SECRET) return new TextEncoder().encode(this.JWT_SECRET);
    if (this.NODE_ENV === 'production') throw new Error('JWT_SECRET must be set in production');
    return createHash('sha256').update('campus-care development-only JWT secret').digest();
  }
}
