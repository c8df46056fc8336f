import type { EntityManager } from 'typeorm';

/** The row a versioned edit targets: its table, id, the scope it must lie in, and the version it was read at. */
export interface VersionedRow {
  /** A table name from the code, never from input (it is spliced into SQL). */
  table: string;
  id: string;
  /** The column and value that keep the edit in the caller's scope (`school_id`, `case_id`, ...). */
  scope: { column: string; value: string };
  version: number;
}

/**
 * Applies the defined changes (field -> column from `columns`) only if the row is still at its
 * version, bumping it and stamping `updated_at`; false when someone changed it first (the caller
 * answers 409 and nothing changed). One conditional UPDATE: no read-modify-write race.
 */
export async function updateAtVersion<C extends object>(
  manager: EntityManager,
  row: VersionedRow,
  changes: C,
  columns: Record<keyof C, string>,
  at: Date,
): Promise<boolean> {
  const entries = Object.entries(changes).filter(([, value]) => value !== undefined) as [keyof C, unknown][];
  const sets = entries.map(([field], i) => `${columns[field]} = $${i + 5}`);
  const rows = await manager.query<{ id: string }[]>(
    `WITH updated AS (
       UPDATE ${row.table} SET ${[...sets, 'updated_at = $4', 'version = version + 1'].join(', ')}
        WHERE id = $1 AND ${row.scope.column} = $2 AND version = $3
        RETURNING id)
     SELECT id FROM updated`,
    [row.id, row.scope.value, row.version, at, ...entries.map(([, value]) => value)],
  );
  return rows.length > 0;
}
