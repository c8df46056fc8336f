import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { DEMO_FIRST_ACCOUNTABLE, DEMO_USERS, seedDemoSchool } from '#demo';
import { migrations } from '#migrations';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { createTestDatabase } from '../support/test-database.js';

const run = promisify(execFile);
const CLI = path.resolve('dist/apps/cli/src/main.js'); // `npm test` builds first

describe('first users', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());

  const cli = (args: string[], env: Record<string, string> = {}) =>
    run(process.execPath, [CLI, ...args], { env: { ...process.env, DATABASE_URL: t.database.url, LOG_LEVEL: 'silent', ...env } });

  it('creates the first administrator from the command line, who can then sign in', async () => {
    const { stdout } = await cli(['create-admin', '--school-code', 'no1', '--school-name', '第一中学', '--username', 'principal'], {
      ADMIN_PASSWORD: 'a sufficiently long secret',
    });
    expect(stdout).toMatch(/Created administrator "principal" and school "no1"/);
    const login = await t.http.post('/api/v1/auth/login').send({ username: 'principal', password: 'a sufficiently long secret' });
    expect(login.status).toBe(200);
    const me = await t.http.get('/api/v1/me').set('authorization', `Bearer ${login.body.accessToken}`);
    expect(me.body.role).toBe('admin');
    const [event] = await t.dataSource.query(`SELECT actor_id FROM audit_events WHERE action = 'user.create' AND entity_id = $1`, [me.body.id]);
    expect(event).toEqual({ actor_id: null });
  });

  it('refuses a short password, a taken user name and an unknown school with one sentence each', async () => {
    const failures = [
      cli(['create-admin', '--school-code', 'no1', '--username', 'short'], { ADMIN_PASSWORD: 'short' }),
      cli(['create-admin', '--school-code', 'no1', '--username', 'principal'], { ADMIN_PASSWORD: 'a sufficiently long secret' }),
      cli(['create-admin', '--school-code', 'nowhere', '--username', 'someone'], { ADMIN_PASSWORD: 'a sufficiently long secret' }),
    ];
    const messages = await Promise.all(failures.map((p) => p.then(() => 'succeeded', (e: { stderr: string; code: number }) => `${e.code}: ${e.stderr.trim()}`)));
    expect(messages[0]).toBe('1: The password must be at least 12 characters.');
    expect(messages[1]).toBe('1: The user name "principal" is taken: choose another.');
    expect(messages[2]).toBe('1: No school has the code "nowhere": give --school-name to create it.');
  });

  it('seeds the demo school once, with its classes, students, guardians and one user of every role, the administrator its first person accountable', async () => {
    expect(await seedDemoSchool(t.dataSource, 'demo-password')).toBe(true);
    expect(await seedDemoSchool(t.dataSource, 'demo-password')).toBe(false);
    const [counts] = await t.dataSource.query(`
      SELECT (SELECT count(*)::int FROM grades g JOIN schools s ON s.id = g.school_id WHERE s.code = 'demo') AS grades,
             (SELECT count(*)::int FROM classes c JOIN schools s ON s.id = c.school_id WHERE s.code = 'demo') AS classes,
             (SELECT count(*)::int FROM students st JOIN schools s ON s.id = st.school_id WHERE s.code = 'demo') AS students,
             (SELECT count(*)::int FROM guardians gu JOIN schools s ON s.id = gu.school_id WHERE s.code = 'demo') AS guardians`);
    expect(counts).toEqual({ grades: 2, classes: 4, students: 120, guardians: 120 });

    for (const user of DEMO_USERS) {
      const login = await t.http.post('/api/v1/auth/login').send({ username: user.username, password: 'demo-password' });
      expect(login.status).toBe(200);
      const me = await t.http.get('/api/v1/me').set('authorization', `Bearer ${login.body.accessToken}`);
      expect(me.body.role).toBe(user.role);
      if (user.username === 'teacher') expect(me.body.classes.map((c: { name: string }) => c.name)).toEqual(['高一1班']);
      if (user.username === 'teacher2') expect(me.body.classes.map((c: { name: string }) => c.name)).toEqual(['高一2班']);
    }
    const heads = await t.dataSource.query(
      `SELECT u.username FROM users u JOIN schools s ON s.id = u.school_id WHERE s.code = 'demo' AND u.first_accountable`,
    );
    expect(heads).toEqual([{ username: DEMO_FIRST_ACCOUNTABLE }]);
  });

  it('seeds a database that was never migrated from the command line, migrating it first as npm start does', async () => {
    const empty = await createTestDatabase({ migrated: false });
    const client = new pg.Client({ connectionString: empty.url });
    try {
      const seed = () => run(process.execPath, [CLI, 'seed:demo'], { env: { ...process.env, DATABASE_URL: empty.url, LOG_LEVEL: 'silent' } });
      const first = await seed();
      expect(first.stdout).toMatch(new RegExp(`^Applied ${migrations.length} migrations\\. DEMO ONLY: seeded the demo school`));
      expect((await seed()).stdout).toBe('The demo school already exists; nothing changed.\n');
      await client.connect();
      const [counts] = (await client.query(`
        SELECT (SELECT count(*)::int FROM schema_migrations) AS migrations,
               (SELECT count(*)::int FROM students st JOIN schools s ON s.id = st.school_id WHERE s.code = 'demo') AS students`)).rows;
      expect(counts).toEqual({ migrations: migrations.length, students: 120 });
    } finally {
      await client.end();
      await empty.drop();
    }
  });
});
