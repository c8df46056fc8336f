import type { BindParameter } from './sql-parameters.js';

/** An API field's column and the type its parameter is cast to. */
export type ColumnMap<F extends string> = Record<F, [column: string, type: string]>;

export interface ConditionalUpdateClauses {
  /** `col = $n::type, ...` */
  assignments: string;
  /** True when at least one given value differs from the row: unchanged rows are not rewritten. */
  anyDifference: string;
  /** An SQL text[] of the API names whose value differs between `before` and the updated row. */
  changedFields: string;
}

/**
 * The pieces of a partial, versioned UPDATE of `alias` joined to `before` (the same row as the
 * statement's snapshot saw it, so RETURNING can name what changed). Null when nothing was given.
 */
export function conditionalUpdateClauses<F extends string>(
  columns: ColumnMap<F>,
  changes: Partial<Record<F, unknown>>,
  alias: string,
  bind: BindParameter,
): ConditionalUpdateClauses | null {
  const fields = (Object.keys(columns) as F[]).filter((field) => changes[field] !== undefined);
  if (fields.length === 0) return null;
  const assignments: string[] = [];
  const differences: string[] = [];
  const changed: string[] = [];
  for (const field of fields) {
    const [column, type] = columns[field];
    const value = `${bind(changes[field])}::${type}`;
    assignments.push(`${column} = ${value}`);
    differences.push(`${alias}.${column} IS DISTINCT FROM ${value}`);
    changed.push(`CASE WHEN before.${column} IS DISTINCT FROM ${alias}.${column} THEN '${field}' END`);
  }
  return {
    assignments: assignments.join(', '),
    anyDifference: `(${differences.join(' OR ')})`,
    changedFields: `array_remove(ARRAY[${changed.join(', ')}]::text[], NULL)`,
  };
}
