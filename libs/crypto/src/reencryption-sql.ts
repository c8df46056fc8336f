import type { EntityManager } from 'typeorm';
import type { EncryptedColumn } from './encrypted-columns.js';

/** An encrypted column checked against the catalog, with its SQL names ready to splice. */
export interface ResolvedColumn extends EncryptedColumn {
  sql: { table: string; column: string; idColumn: string; idType: string };
}

export interface StoredValue {
  id: string;
  value: string;
}

export interface Replacement {
  id: string;
  /** The value as it was read: the row is only written while it still holds exactly this. */
  oldValue: string;
  newValue: string;
}

const quote = (identifier: string) => `"${identifier.replaceAll('"', '""')}"`;

/**
 * Looks the column up in the catalog: a registry entry that does not match the schema fails
 * here with its name, and the id's type lets the batch update compare ids without a cast per row.
 */
export async function resolveColumn(manager: EntityManager, entry: EncryptedColumn): Promise<ResolvedColumn> {
  const rows = await manager.query<{ name: string; type: string }[]>(
    `SELECT a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type
       FROM pg_attribute a
      WHERE a.attrelid = to_regclass($1) AND a.attname = ANY($2::text[]) AND a.attnum > 0 AND NOT a.attisdropped`,
    [quote(entry.table), [entry.column, entry.idColumn]],
  );
  const typeOf = new Map(rows.map((row) => [row.name, row.type]));
  const idType = typeOf.get(entry.idColumn);
  if (!idType || !typeOf.has(entry.column)) {
    throw new Error(`Encrypted column ${entry.table}.${entry.column} (id ${entry.idColumn}) is not in the database schema`);
  }
  return {
    ...entry,
    sql: { table: quote(entry.table), column: quote(entry.column), idColumn: quote(entry.idColumn), idType },
  };
}

/** The next `limit` non-null values in id order after `afterId` (from the start when undefined). */
export async function readValues(
  manager: EntityManager,
  target: ResolvedColumn,
  afterId: string | undefined,
  limit: number,
): Promise<StoredValue[]> {
  const { table, column, idColumn, idType } = target.sql;
  const after = afterId === undefined ? '' : `AND t.${idColumn} > $2::${idType}`;
  return manager.query<StoredValue[]>(
    `SELECT t.${idColumn}::text AS id, t.${column} AS value
       FROM ${table} AS t
      WHERE t.${column} IS NOT NULL ${after}
      ORDER BY t.${idColumn}
      LIMIT $1`,
    afterId === undefined ? [limit] : [limit, afterId],
  );
}

/**
 * Writes a batch in one statement, each row only while it still holds the value that was read:
 * a concurrent edit wins and its row is simply left out. Returns the ids that were written.
 * (Arrays through unnest rather than a VALUES list: three parameters whatever the batch size.)
 */
export async function replaceUnchangedValues(
  manager: EntityManager,
  target: ResolvedColumn,
  replacements: readonly Replacement[],
): Promise<Set<string>> {
  if (replacements.length === 0) return new Set();
  const { table, column, idColumn, idType } = target.sql;
  // Wrapped in a CTE because TypeORM answers a bare UPDATE with [rows, count] instead of rows.
  const rows = await manager.query<{ id: string }[]>(
    `WITH replaced AS (
       UPDATE ${table} AS t SET ${column} = v.new_value
         FROM unnest($1::${idType}[], $2::text[], $3::text[]) AS v(id, old_value, new_value)
        WHERE t.${idColumn} = v.id AND t.${column} = v.old_value
       RETURNING t.${idColumn}::text AS id
     )
     SELECT id FROM replaced`,
    [replacements.map((r) => r.id), replacements.map((r) => r.oldValue), replacements.map((r) => r.newValue)],
  );
  return new Set(rows.map((row) => row.id));
}
