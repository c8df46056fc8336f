import { Transform } from 'class-transformer';

const trimmed = (value: unknown): unknown => (typeof value === 'string' ? value.trim() : value);

/**
 * Trims a text (or each text of a list) before it is validated and stored, so that a minimum
 * length counts what was written: a break-glass reason of 20 spaces is empty. For free text;
 * never for passwords. A test finds every minimum length without it.
 */
export const Trim = (): PropertyDecorator =>
  Transform(({ value }: { value: unknown }) => (Array.isArray(value) ? value.map(trimmed) : trimmed(value)));
