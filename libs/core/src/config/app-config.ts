import { plainToInstance, Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, MinLength, validateSync } from 'class-validator';

const toInt = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;

/** Every environment variable the server reads, validated once at boot. */
export class AppConfig {
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  /** Loopback by default: the demo accounts must not be reachable from the network by accident. */
  @IsString()
  HOST = '127.0.0.1';

  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'DATABASE_URL must be a postgres:// connection URL' })
  DATABASE_URL?: string;

  /**
   * The owner's URL, for migrations (and operator commands that rewrite what the application role
   * may not); unset: DATABASE_URL, whose user must then own the schema.
   */
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'MIGRATION_DATABASE_URL must be a postgres:// connection URL' })
  MIGRATION_DATABASE_URL?: string;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(200)
  DATABASE_POOL_SIZE = 10;

  /** On SIGTERM/SIGINT, in-flight requests (and running jobs) get this long to finish before their connections are cut. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(300)
  SHUTDOWN_TIMEOUT_SECONDS = 10;

  @Transform(toInt)
  @IsInt()
  @Min(1024)
  @Max(65535)
  EMBEDDED_PG_PORT = 54329;

  @IsString()
  EMBEDDED_PG_DIR = '.data/pg';

  /** Sign-in and refresh attempts per client address per minute (on top of per-account lockout). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  AUTH_RATE_LIMIT_PER_MINUTE = 20;

  /**
   * Student survey requests per client address per minute: a whole class may answer together
   * from one school address (NAT), so far above the sign-in limit, yet it stops token guessing.
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  SURVEY_RATE_LIMIT_PER_MINUTE = 600;

  /** Behind a reverse proxy, trust its X-Forwarded-For for client addresses (audit, rate limits). */
  @IsIn(['true', 'false'])
  TRUST_PROXY: 'true' | 'false' = 'false';

  /** Scheduled jobs (reminders, escalations, clean-ups) run on this instance; every job is safe on several. */
  @IsIn(['true', 'false'])
  JOBS_ENABLED: 'true' | 'false' = 'true';

  /** The holiday reminder sweep runs on this instance (with JOBS_ENABLED): switch it off to sweep from some instances only. */
  @IsIn(['true', 'false'])
  REMINDER_SWEEP_ENABLED: 'true' | 'false' = 'true';

  /** Password of the demo accounts seeded into an empty embedded database. */
  @IsString()
  @MinLength(12, { message: 'DEMO_PASSWORD must be at least 12 characters' })
  DEMO_PASSWORD = 'demo-password';

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';
}

export class ConfigValidationError extends Error {}

/**
 * Reads a validated config class from an environment. Unknown variables are ignored (the
 * environment holds far more than ours); a bad value of ours stops the boot with one message.
 */
export function validateEnvironment<T extends object>(
  cls: new () => T,
  env: Record<string, unknown>,
): T {
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== '' && v !== undefined));
  const config = plainToInstance(cls, present, { exposeDefaultValues: true });
  const errors = validateSync(config, { whitelist: false, skipMissingProperties: false });
  if (errors.length > 0) {
    const messages = errors.flatMap((e) => Object.values(e.constraints ?? {}).map((m) => `${e.property}: ${m}`));
    throw new ConfigValidationError(`Invalid configuration: ${messages.join('; ')}`);
  }
  return config;
}

export function loadAppConfig(env: Record<string, unknown> = process.env): AppConfig {
  return validateEnvironment(AppConfig, env);
}
