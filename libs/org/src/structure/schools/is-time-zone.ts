import { ValidateBy, type ValidationOptions } from 'class-validator';

const CANONICAL_ZONES = new Set(Intl.supportedValuesOf('timeZone'));
/** `Area/Location` names (and UTC): the IANA form, not abbreviations like `EST` or offsets. */
const IANA_SHAPE = /^(?:UTC|[A-Z][A-Za-z_-]*(?:\/[A-Z][A-Za-z0-9_+-]*)+)$/;

/**
 * ICU lists only its own canonical names (`Asia/Calcutta`), so current IANA names and aliases
 * (`Asia/Kolkata`) are accepted when ICU can format dates in them.
 */
export function isIanaTimeZone(value: unknown): boolean {
  if (typeof value !== 'string' || !IANA_SHAPE.test(value)) return false;
  if (CANONICAL_ZONES.has(value)) return true;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

export const IsIanaTimeZone = (options?: ValidationOptions): PropertyDecorator =>
  ValidateBy(
    {
      name: 'isIanaTimeZone',
      validator: {
        validate: isIanaTimeZone,
        defaultMessage: () => 'must be an IANA time zone, e.g. Asia/Shanghai',
      },
    },
    options,
  );
