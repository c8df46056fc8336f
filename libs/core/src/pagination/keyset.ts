import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { BadRequestProblem } from '../errors/problem.js';
import { textFault } from '../http/request-input.js';

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 200;

/** `?limit=&cursor=`; list query DTOs extend it with their filters. */
export class PageQuery {
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: MAX_PAGE_SIZE, default: DEFAULT_PAGE_SIZE })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  limit: number = DEFAULT_PAGE_SIZE;

  @ApiPropertyOptional({ description: 'Opaque cursor from the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(1024)
  cursor?: string;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export type CursorValue = string | number;

/** Turns a repeated query parameter ("any of") and a single one alike into an array. */
export function ToArray(): PropertyDecorator {
  return Transform(({ value }: { value: unknown }) =>
    value === undefined ? undefined : Array.isArray(value) ? value : [value],
  );
}

export function encodeCursor(values: CursorValue[]): string {
  return Buffer.from(JSON.stringify(values), 'utf8').toString('base64url');
}

/** Decodes a cursor of `arity` values; anything else (NUL in a text included) is a 400, never a 500. */
export function decodeCursor(cursor: string, arity: number): CursorValue[] {
  const invalid = () => new BadRequestProblem('pagination.invalid_cursor', 'The cursor is not one this list issued');
  let values: unknown;
  try {
    values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  if (
    !Array.isArray(values) ||
    values.length !== arity ||
    !values.every((v) => (typeof v === 'string' && v.length <= 256 && !textFault(v)) || (typeof v === 'number' && Number.isFinite(v)))
  ) {
    throw invalid();
  }
  return values as CursorValue[];
}

export interface KeysetOrder {
  /** SQL expressions of the sort key, most significant first; the last must be unique (an id). */
  columns: string[];
  direction?: 'ASC' | 'DESC';
  /** How to cast each cursor value, e.g. `timestamptz` or `uuid`. */
  casts?: string[];
}

/**
 * Applies "rows after the cursor" as one row-value comparison that the sort index serves,
 * fetching one extra row to learn whether another page exists.
 */
export function applyKeyset<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  order: KeysetOrder,
  page: PageQuery,
): SelectQueryBuilder<T> {
  const direction = order.direction ?? 'ASC';
  if (page.cursor) {
    const values = decodeCursorAs(page.cursor, order.casts ?? order.columns.map(() => ''));
    const params = Object.fromEntries(values.map((v, i) => [`keyset_${i}`, v]));
    const placeholders = values.map((_, i) => `:keyset_${i}${order.casts?.[i] ? `::${order.casts[i]}` : ''}`);
    qb.andWhere(`(${order.columns.join(', ')}) ${direction === 'ASC' ? '>' : '<'} (${placeholders.join(', ')})`, params);
  }
  order.columns.forEach((column, i) => {
    if (i === 0) qb.orderBy(column, direction);
    else qb.addOrderBy(column, direction);
  });
  return qb.limit(page.limit + 1);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function castable(value: CursorValue, cast: string | undefined): boolean {
  switch (cast) {
    case 'uuid':
      return typeof value === 'string' && UUID.test(value);
    case 'timestamptz':
      return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(value) && !Number.isNaN(Date.parse(value));
    case 'int':
    case 'integer':
    case 'bigint':
      return (typeof value === 'number' && Number.isInteger(value)) || (typeof value === 'string' && /^-?\d{1,19}$/.test(value));
    default:
      return true;
  }
}

/**
 * Decodes a cursor whose values will be cast in SQL (`uuid`, `timestamptz`, `int`): a forged
 * value answers 400 here instead of failing the cast with a 500.
 */
export function decodeCursorAs(cursor: string, casts: string[]): CursorValue[] {
  const values = decodeCursor(cursor, casts.length);
  values.forEach((value, i) => {
    if (!castable(value, casts[i])) throw new BadRequestProblem('pagination.invalid_cursor', 'The cursor is not one this list issued');
  });
  return values;
}

/** Cuts the extra row off and makes the cursor from the last row kept. */
export function toPage<R, T = R>(
  rows: R[],
  page: PageQuery,
  keyOf: (row: R) => CursorValue[],
  map: (row: R) => T = (row) => row as unknown as T,
): Page<T> {
  const hasMore = rows.length > page.limit;
  const kept = hasMore ? rows.slice(0, page.limit) : rows;
  return {
    items: kept.map(map),
    nextCursor: hasMore ? encodeCursor(keyOf(kept[kept.length - 1])) : null,
  };
}
