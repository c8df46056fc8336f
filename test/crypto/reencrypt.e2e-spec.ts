import { randomBytes, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '#core';
import { type EncryptedColumn, EncryptedColumns, FieldCipher, ReencryptionService } from '#crypto';
import { readValues, replaceUnchangedValues, resolveColumn } from '../../libs/crypto/src/reencryption-sql.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

const keys = new Map([
  ['a', randomBytes(32)],
  ['b', randomBytes(32)],
]);
const underA = new FieldCipher({ keys, activeKeyId: 'a' });
const underB = new FieldCipher({ keys, activeKeyId: 'b' });
const underForgottenKey = new FieldCipher({ keys: new Map([['c', randomBytes(32)]]), activeKeyId: 'c' });

const body: EncryptedColumn = { table: 'scratch_notes', column: 'body', idColumn: 'id' };
const summary: EncryptedColumn = { table: 'scratch_notes', column: 'summary', idColumn: 'id' };

const bound = (column: EncryptedColumn, rowId: string) => ({ table: column.table, column: column.column, rowId });

describe('re-encryption after a key rotation (PostgreSQL)', () => {
  let database: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase();
    dataSource = new DataSource(dataSourceOptions({ url: database.url, poolSize: 4 }));
    await dataSource.initialize();
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  beforeEach(async () => {
    await dataSource.query('DROP TABLE IF EXISTS scratch_notes');
    await dataSource.query('CREATE TABLE scratch_notes (id uuid PRIMARY KEY, body text, summary text)');
  });

  async function insertRows(rows: { id: string; body: string | null; summary: string | null }[]): Promise<void> {
    await dataSource.query('INSERT INTO scratch_notes (id, body, summary) SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[])', [
      rows.map((r) => r.id),
      rows.map((r) => r.body),
      rows.map((r) => r.summary),
    ]);
  }

  async function storedRows(): Promise<{ id: string; body: string | null; summary: string | null }[]> {
    return dataSource.query('SELECT id::text AS id, body, summary FROM scratch_notes ORDER BY id');
  }

  function service(columns: EncryptedColumn[] = [body, summary]): ReencryptionService {
    return new ReencryptionService(underB, new EncryptedColumns(columns));
  }

  it('moves every value under the old key onto the active one, batch by batch, and leaves the rest alone', async () => {
    const plaintext = new Map<string, string>();
    const rows = Array.from({ length: 1_200 }, (_, i) => {
      const id = randomUUID();
      plaintext.set(id, `第${i}次会谈记录：情绪稳定 (session ${i})`);
      return {
        id,
        body: underA.encrypt(plaintext.get(id) as string, bound(body, id)),
        summary: i % 2 === 0 ? underA.encrypt(`summary ${i}`, bound(summary, id)) : null,
      };
    });
    const alreadyRotated = Array.from({ length: 3 }, () => {
      const id = randomUUID();
      plaintext.set(id, 'written after the rotation');
      return { id, body: underB.encrypt('written after the rotation', bound(body, id)), summary: null };
    });
    const forgottenKeyId = randomUUID();
    const copiedFromAnotherRowId = randomUUID();
    const broken = [
      { id: forgottenKeyId, body: underForgottenKey.encrypt('lost', bound(body, forgottenKeyId)), summary: null },
      { id: copiedFromAnotherRowId, body: rows[0].body, summary: null },
    ];
    await insertRows([...rows, ...alreadyRotated, ...broken]);

    const results = await service().reencryptAll(dataSource);

    expect(results).toEqual([
      {
        table: 'scratch_notes',
        column: 'body',
        examined: 1_205,
        reencrypted: 1_200,
        changedConcurrently: 0,
        undecryptableRowIds: expect.arrayContaining([forgottenKeyId, copiedFromAnotherRowId]),
      },
      { table: 'scratch_notes', column: 'summary', examined: 600, reencrypted: 600, changedConcurrently: 0, undecryptableRowIds: [] },
    ]);
    expect(results[0].undecryptableRowIds).toHaveLength(2);

    const brokenIds = new Set<string>([forgottenKeyId, copiedFromAnotherRowId]);
    for (const row of await storedRows()) {
      if (brokenIds.has(row.id)) continue;
      expect(underB.keyIdOf(row.body as string)).toBe('b');
      expect(underB.decrypt(row.body as string, bound(body, row.id))).toBe(plaintext.get(row.id));
      if (row.summary !== null) {
        expect(underB.keyIdOf(row.summary)).toBe('b');
        expect(underB.decrypt(row.summary, bound(summary, row.id))).toMatch(/^summary \d+$/);
      }
    }
    const [stillBroken] = await dataSource.query('SELECT body FROM scratch_notes WHERE id = $1', [copiedFromAnotherRowId]);
    expect(stillBroken.body).toBe(rows[0].body);

    // A second run finds nothing left to do.
    const again = await service().reencryptAll(dataSource);
    expect(again.map((r) => r.reencrypted)).toEqual([0, 0]);
  });

  it('writes a row only while it still holds the value that was read', async () => {
    const ids = [randomUUID(), randomUUID(), randomUUID()];
    await insertRows(ids.map((id) => ({ id, body: underA.encrypt('original', bound(body, id)), summary: null })));
    const target = await resolveColumn(dataSource.manager, body);
    const read = await readValues(dataSource.manager, target, undefined, 10);

    // Between the read and the write, a counselor saves a new text in the second row.
    const edited = underB.encrypt('edited meanwhile', bound(body, ids[1]));
    await dataSource.query('UPDATE scratch_notes SET body = $2 WHERE id = $1', [ids[1], edited]);

    const replacements = read.map(({ id, value }) => ({
      id,
      oldValue: value,
      newValue: underB.encrypt(underB.decrypt(value, bound(body, id)), bound(body, id)),
    }));
    const written = await replaceUnchangedValues(dataSource.manager, target, replacements);

    expect([...written].sort()).toEqual([ids[0], ids[2]].sort());
    const [row] = await dataSource.query('SELECT body FROM scratch_notes WHERE id = $1', [ids[1]]);
    expect(row.body).toBe(edited);
  });

  it('does not overwrite an edit committed while its batch waits for the row', async () => {
    const ids = Array.from({ length: 20 }, () => randomUUID());
    await insertRows(ids.map((id) => ({ id, body: underA.encrypt(`note ${id}`, bound(body, id)), summary: null })));
    const editedId = ids[7];

    // A server not yet restarted with the new key edits a row and holds its lock a moment.
    const editor = dataSource.createQueryRunner();
    await editor.connect();
    try {
      await editor.startTransaction();
      await editor.query('UPDATE scratch_notes SET body = $2 WHERE id = $1', [editedId, underA.encrypt('edited during rotation', bound(body, editedId))]);

      const running = service([body]).reencryptAll(dataSource, { batchSize: 1_000 });
      await waitUntilSomeoneWaitsForALock(dataSource);
      await editor.commitTransaction();
      const [result] = await running;

      expect(result).toMatchObject({ examined: 20, reencrypted: 19, changedConcurrently: 1, undecryptableRowIds: [] });
      const [row] = await dataSource.query('SELECT body FROM scratch_notes WHERE id = $1', [editedId]);
      expect(underB.decrypt(row.body, bound(body, editedId))).toBe('edited during rotation');
      expect(underB.keyIdOf(row.body)).toBe('a');
    } finally {
      await editor.release();
    }

    // The next run picks the edited row up.
    const [next] = await service([body]).reencryptAll(dataSource);
    expect(next).toMatchObject({ reencrypted: 1, changedConcurrently: 0 });
  });

  it('walks small batches without skipping or repeating a row', async () => {
    const ids = Array.from({ length: 23 }, () => randomUUID());
    await insertRows(ids.map((id) => ({ id, body: underA.encrypt(id, bound(body, id)), summary: null })));

    const [result] = await service([body]).reencryptAll(dataSource, { batchSize: 5 });

    expect(result).toMatchObject({ examined: 23, reencrypted: 23 });
    for (const row of await storedRows()) expect(underB.decrypt(row.body as string, bound(body, row.id))).toBe(row.id);
  });

  it('stops with the column named when the registry does not match the schema', async () => {
    const missing = { table: 'scratch_notes', column: 'no_such_column', idColumn: 'id' };
    await expect(service([missing]).reencryptAll(dataSource)).rejects.toThrow(/scratch_notes\.no_such_column .* not in the database schema/);
  });
});

async function waitUntilSomeoneWaitsForALock(dataSource: DataSource): Promise<void> {
  for (let attempt = 0; attempt < 250; attempt++) {
    const [{ waiting }] = await dataSource.query<{ waiting: number }[]>(
      `SELECT count(*)::int AS waiting FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
    );
    if (waiting > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error('the re-encryption never reached the locked row');
}
