import { IsIn, ValidateBy, ValidateIf, type ValidationArguments } from 'class-validator';
import { ConfigValidationError, validateEnvironment } from '#core';
import { DEVELOPMENT_KEY_ID, developmentKeyRing, type KeyRing, parseKeyList } from './key-ring.js';

/** The field encryption keys, validated at boot like every other variable. */
export class CryptoConfig {
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  /** `keyId:base64key,...`: the active key and every older key values may still be under. */
  @ValidateIf((config: CryptoConfig) => config.NODE_ENV === 'production' || config.FIELD_ENCRYPTION_KEYS !== undefined)
  @IsKeyList()
  FIELD_ENCRYPTION_KEYS?: string;

  /** The key new values are encrypted with; may be left out when there is only one key. */
  @IsActiveKey()
  FIELD_ENCRYPTION_ACTIVE_KEY?: string;
}

export function loadCryptoConfig(env: Record<string, unknown> = process.env): CryptoConfig {
  return validateEnvironment(CryptoConfig, env);
}

/** The key ring a validated config describes: the development key when none are set outside production. */
export function keyRingOf(config: CryptoConfig): KeyRing {
  if (config.FIELD_ENCRYPTION_KEYS === undefined) return developmentKeyRing();
  const parsed = parseKeyList(config.FIELD_ENCRYPTION_KEYS);
  if ('error' in parsed) throw new ConfigValidationError(`Invalid configuration: FIELD_ENCRYPTION_KEYS ${parsed.error}`);
  return { keys: parsed.keys, activeKeyId: config.FIELD_ENCRYPTION_ACTIVE_KEY ?? [...parsed.keys.keys()][0] };
}

function keyListProblem(value: unknown, config: CryptoConfig): string | undefined {
  if (value === undefined) {
    return 'FIELD_ENCRYPTION_KEYS is required in production: comma-separated keyId:base64key pairs of 32-byte keys';
  }
  if (typeof value !== 'string') return 'FIELD_ENCRYPTION_KEYS must be a string';
  const parsed = parseKeyList(value);
  if ('error' in parsed) return `FIELD_ENCRYPTION_KEYS ${parsed.error}`;
  if (config.NODE_ENV === 'production') {
    const developmentKey = [...developmentKeyRing().keys.values()][0];
    if ([...parsed.keys.values()].some((key) => key.equals(developmentKey))) {
      return 'FIELD_ENCRYPTION_KEYS holds the public development key, which production refuses';
    }
  }
  return undefined;
}

function activeKeyProblem(value: unknown, config: CryptoConfig): string | undefined {
  const ids = usableKeyIds(config);
  if (!ids) return undefined; // FIELD_ENCRYPTION_KEYS reports its own problem
  if (value === undefined) {
    return ids.length === 1 ? undefined : 'FIELD_ENCRYPTION_ACTIVE_KEY is required when FIELD_ENCRYPTION_KEYS holds several keys';
  }
  if (typeof value === 'string' && ids.includes(value)) return undefined;
  return config.FIELD_ENCRYPTION_KEYS === undefined
    ? 'FIELD_ENCRYPTION_ACTIVE_KEY names a key, but FIELD_ENCRYPTION_KEYS is not set'
    : 'FIELD_ENCRYPTION_ACTIVE_KEY must be the id of one of the keys in FIELD_ENCRYPTION_KEYS';
}

function usableKeyIds(config: CryptoConfig): string[] | undefined {
  const keys = config.FIELD_ENCRYPTION_KEYS;
  if (keys === undefined) return config.NODE_ENV === 'production' ? undefined : [DEVELOPMENT_KEY_ID];
  if (keyListProblem(keys, config)) return undefined;
  const parsed = parseKeyList(keys);
  return 'keys' in parsed ? [...parsed.keys.keys()] : undefined;
}

/** A validator whose message says what is wrong without ever echoing the value. */
function checkedBy(name: string, problem: (value: unknown, config: CryptoConfig) => string | undefined): PropertyDecorator {
  const problemOf = (args?: ValidationArguments) => problem(args?.value, args?.object as CryptoConfig);
  return ValidateBy({
    name,
    validator: {
      validate: (_value: unknown, args?: ValidationArguments) => problemOf(args) === undefined,
      defaultMessage: (args?: ValidationArguments) => problemOf(args) ?? `${args?.property} is invalid`,
    },
  });
}

function IsKeyList(): PropertyDecorator {
  return checkedBy('isFieldEncryptionKeyList', keyListProblem);
}

function IsActiveKey(): PropertyDecorator {
  return checkedBy('isFieldEncryptionActiveKey', activeKeyProblem);
}
