import { IsIn, IsOptional, IsString, IsUrl, MinLength } from 'class-validator';

/** Public on purpose: used only outside production, where no real student is invited. */
const DEVELOPMENT_TOKEN_SECRET = 'campus-care development-only survey token secret';

/** The key survey tokens are derived with. Without SURVEY_TOKEN_SECRET outside production, a fixed development secret is used. */
export class SurveyConfig {
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'SURVEY_TOKEN_SECRET must be at least 32 characters' })
  SURVEY_TOKEN_SECRET?: string;

  /**
   * Where students open their links (`https://care.example.edu`): printed slips link there.
   * Without it, a slip page links to the origin it was requested from.
   */
  @IsOptional()
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false }, { message: 'PUBLIC_BASE_URL must be an http(s) URL' })
  PUBLIC_BASE_URL?: string;

  /** The configured public origin (scheme, host, port), or null. */
  publicOrigin(): string | null {
    return this.PUBLIC_BASE_URL ? new URL(this.PUBLIC_BASE_URL).origin : null;
  }

  /** The HMAC key of survey tokens; refuses to run in production on the development secret. */
  tokenSecret(): string {
    if (this.SURVEY_TOKEN_SECRET) return this.SURVEY_TOKEN_SECRET;
    if (this.NODE_ENV === 'production') throw new Error('SURVEY_TOKEN_SECRET must be set in production');
    return DEVELOPMENT_TOKEN_SECRET;
  }
}
