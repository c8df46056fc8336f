import { DataSource, type EntityManager } from 'typeorm';
import { dataSourceOptions, retryTransactions } from '#core';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

/** Resolves once `count` parties have arrived: two transactions meet after their first update. */
function barrier(count: number): () => Promise<void> {
  let arrived = 0;
  let release: () => void = () => undefined;
  const all = new Promise<void>((resolve) => (release = resolve));
  return async () => {
    if (++arrived >= count) release();
    await all;
  };
}

describe('retrying transactions after a deadlock or a serialization failure', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  const warnings: unknown[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    dataSource = retryTransactions(new DataSource(dataSourceOptions({ url: database.url, poolSize: 4 })), {
      logger: { warn: (line: unknown) => warnings.push(line) },
    });
    await dataSource.initialize();
    await dataSource.query('CREATE TABLE retry_probe (id int PRIMARY KEY, value int NOT NULL)');
  });
  afterAll(async () => {
    await dataSource.destroy();
    await database.drop();
  });
  beforeEach(async () => {
    warnings.length = 0;
    await dataSource.query('TRUNCATE retry_probe');
    await dataSource.query('INSERT INTO retry_probe VALUES (1, 0), (2, 0)');
  });

  it('reruns the whole transaction that PostgreSQL chose as a deadlock victim (40P01): both commit', async () => {
    const meet = barrier(2);
    const runs: number[] = [];
    // Each takes one row, then wants the other's: a real deadlock on the first run of both.
    const crosswise = (first: number, second: number) => (manager: EntityManager) =>
      (async () => {
        runs.push(first);
        await manager.query(`SET LOCAL deadlock_timeout = '50ms'`);
        await manager.query('UPDATE retry_probe SET value = value + 1 WHERE id = $1', [first]);
        await meet();
        await manager.query('UPDATE retry_probe SET value = value + 1 WHERE id = $1', [second]);
      })();
    await Promise.all([dataSource.transaction(crosswise(1, 2)), dataSource.transaction(crosswise(2, 1))]);
    expect(runs).toHaveLength(3);
    expect(warnings).toEqual([expect.objectContaining({ code: '40P01', attempt: 1 })]);
    // Every run that committed added 1 to both rows; the victim's first run left nothing.
    expect(await dataSource.query('SELECT id, value FROM retry_probe ORDER BY id')).toEqual([
      { id: 1, value: 2 },
      { id: 2, value: 2 },
    ]);
  });

  it('reruns a serializable transaction that failed to serialize (40001), with the isolation level kept', async () => {
    const meet = barrier(2);
    const levels: string[] = [];
    // Write skew: each reads the sum, then writes a row the other read.
    const skew = (id: number) => async (manager: EntityManager) => {
      const [{ transaction_isolation: level }] = await manager.query(`SELECT current_setting('transaction_isolation') AS transaction_isolation`);
      levels.push(level);
      const [{ total }] = await manager.query('SELECT sum(value)::int AS total FROM retry_probe');
      await meet();
      await manager.query('UPDATE retry_probe SET value = $2 WHERE id = $1', [id, total + 1]);
    };
    await Promise.all([dataSource.transaction('SERIALIZABLE', skew(1)), dataSource.transaction('SERIALIZABLE', skew(2))]);
    expect(levels).toEqual(['serializable', 'serializable', 'serializable']);
    expect(warnings).toEqual([expect.objectContaining({ code: '40001', attempt: 1 })]);
    // Serial after all: the rerun saw the first one's write.
    expect((await dataSource.query('SELECT value FROM retry_probe ORDER BY value')).map((r: { value: number }) => r.value)).toEqual([1, 2]);
  });

  it('gives up after the bounded number of runs and rethrows the failure; other errors are never retried', async () => {
    let runs = 0;
    const alwaysDeadlocked = (manager: EntityManager) => {
      runs++;
      return manager.query(`DO $$ BEGIN RAISE EXCEPTION 'forced' USING ERRCODE = '40P01'; END $$`);
    };
    await expect(dataSource.transaction(alwaysDeadlocked)).rejects.toMatchObject({ driverError: expect.objectContaining({ code: '40P01' }) });
    expect(runs).toBe(4);
    runs = 0;
    await expect(dataSource.transaction(async (m) => (runs++, m.query('SELECT 1/0')))).rejects.toMatchObject({ driverError: expect.objectContaining({ code: '22012' }) });
    expect(runs).toBe(1);
  });

  it('never retries a savepoint on its own: only the outermost transaction', async () => {
    let inner = 0;
    let outer = 0;
    await expect(
      dataSource.transaction(async (manager) => {
        outer++;
        await manager.transaction(async (nested) => {
          inner++;
          await nested.query(`DO $$ BEGIN RAISE EXCEPTION 'forced' USING ERRCODE = '40001'; END $$`);
        });
      }),
    ).rejects.toBeDefined();
    expect([outer, inner]).toEqual([4, 4]);
  });
});
