import type { FieldError } from '#core';

export type UnknownRecord = Record<string, unknown>;

export const isRecord = (value: unknown): value is UnknownRecord => typeof value === 'object' && value !== null && !Array.isArray(value);

export const ITEM_KEY = /^[a-z][A-Za-z0-9]*$/;
export const CODE = /^[a-z][a-z0-9_]*$/;

/** Collects what is wrong with a definition, by path (`items[8].options[0].value`). */
export class Issues {
  readonly list: FieldError[] = [];

  add(field: string, message: string): void {
    this.list.push({ field, message });
  }

  /** Misspelt keys would otherwise be ignored silently (`equal` for `equals` never matches). */
  onlyKeys(record: UnknownRecord, allowed: readonly string[], path: string): void {
    for (const key of Object.keys(record)) {
      if (!allowed.includes(key)) this.add(join(path, key), 'is not a field of this object');
    }
  }

  text(record: UnknownRecord, key: string, path: string): void {
    const value = record[key];
    if (typeof value !== 'string' || value.trim() === '') this.add(join(path, key), 'must be a non-empty string');
  }

  array(record: UnknownRecord, key: string, path: string, options: { nonEmpty: boolean }): unknown[] {
    const value = record[key];
    if (!Array.isArray(value)) {
      this.add(join(path, key), 'must be an array');
      return [];
    }
    if (options.nonEmpty && value.length === 0) this.add(join(path, key), 'must not be empty');
    return value;
  }

  /** Inclusive integer bounds, min <= max; with `required`, at least one of them. */
  bounds(record: UnknownRecord, path: string, options: { required: boolean }): void {
    const { min, max } = record;
    for (const [key, value] of [['min', min], ['max', max]] as const) {
      if (value !== undefined && !Number.isInteger(value)) this.add(join(path, key), 'must be an integer');
    }
    if (options.required && min === undefined && max === undefined) this.add(path, 'must have min, max or both');
    if (typeof min === 'number' && typeof max === 'number' && min > max) this.add(join(path, 'max'), 'must not be below min');
  }
}

export const join = (path: string, key: string | number) =>
  typeof key === 'number' ? `${path}[${key}]` : path ? `${path}.${key}` : key;
