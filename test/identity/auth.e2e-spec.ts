import { createHash, createHmac, randomUUID } from 'node:crypto';
import { ManualClock } from '#core';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { createSchool, createUser, TEST_PASSWORD, type TestUser } from '../support/factories.js';

const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
const DEV_SECRET_HINT = 'the test app signs with the development secret';

describe('sign-in, tokens and sessions', () => {
  let t: TestApp;
  const clock = new ManualClock(new Date());
  let schoolId: string;

  const login = (username: string, password: string) => t.http.post('/api/v1/auth/login').send({ username, password });
  const me = (token: string) => t.http.get('/api/v1/me').set('authorization', `Bearer ${token}`);
  const auditActions = async (userId: string) =>
    (await t.dataSource.query<{ action: string; outcome: string }[]>(
      'SELECT action, outcome FROM audit_events WHERE actor_id = $1 ORDER BY seq',
      [userId],
    )).map((r) => `${r.action}:${r.outcome}`);

  beforeAll(async () => {
    process.env.AUTH_RATE_LIMIT_PER_MINUTE = '1000';
    t = await createTestApp({ clock });
    schoolId = (await createSchool(t)).id;
  });
  afterAll(async () => t.close());
  beforeEach(() => clock.set(new Date()));

  async function newUser(role: TestUser['role'] = 'counselor'): Promise<TestUser> {
    return createUser(t, { schoolId, role });
  }

  it('signs in with a password and reads the profile with the access token', async () => {
    const user = await newUser();
    const res = await login(user.username.toUpperCase(), TEST_PASSWORD);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ accessToken: expect.any(String), refreshToken: expect.any(String), expiresIn: 900, tokenType: 'Bearer' });
    const profile = await me(res.body.accessToken);
    expect(profile.status).toBe(200);
    expect(profile.body).toMatchObject({ id: user.id, role: 'counselor', schoolId, permissions: expect.arrayContaining(['student.read']) });
    expect(await auditActions(user.id)).toContain('auth.login:success');
  });

  it('gives unknown users and wrong passwords the same answer', async () => {
    const user = await newUser();
    const wrong = await login(user.username, 'not the password');
    const unknown = await login('nobody-by-this-name', 'not the password');
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body).toEqual(unknown.body);
    expect(wrong.body.code).toBe('auth.invalid_credentials');
  });

  it('locks an account for 15 minutes after 10 failures in 15 minutes, counted in the database', async () => {
    const user = await newUser();
    for (let i = 0; i < 10; i++) expect((await login(user.username, `wrong ${i}`)).status).toBe(401);
    const [row] = await t.dataSource.query('SELECT failed_login_count, locked_until FROM users WHERE id = $1', [user.id]);
    expect(row.failed_login_count).toBe(10);
    expect(row.locked_until).not.toBeNull();
    // Even the right password is refused while locked, with the same answer.
    const locked = await login(user.username, TEST_PASSWORD);
    expect(locked.status).toBe(401);
    expect(locked.body.code).toBe('auth.invalid_credentials');
    clock.advance(15 * 60 * 1000 + 1000);
    expect((await login(user.username, TEST_PASSWORD)).status).toBe(200);
    const [after] = await t.dataSource.query('SELECT failed_login_count, locked_until FROM users WHERE id = $1', [user.id]);
    expect(after).toEqual({ failed_login_count: 0, locked_until: null });
    expect(await auditActions(user.id)).toContain('auth.login:denied');
  });

  it('forgets failures older than the window', async () => {
    const user = await newUser();
    for (let i = 0; i < 9; i++) await login(user.username, 'wrong');
    clock.advance(16 * 60 * 1000);
    for (let i = 0; i < 9; i++) await login(user.username, 'wrong');
    expect((await login(user.username, TEST_PASSWORD)).status).toBe(200);
  });

  it('refuses a deactivated user at once, even with a live token', async () => {
    const user = await newUser();
    const { body } = await login(user.username, TEST_PASSWORD);
    await t.dataSource.query('UPDATE users SET active = false WHERE id = $1', [user.id]);
    const res = await me(body.accessToken);
    expect(res.status).toBe(401);
    expect((await login(user.username, TEST_PASSWORD)).status).toBe(401);
  });

  it('reads a changed role from the database on the next request', async () => {
    const user = await newUser('counselor');
    const { body } = await login(user.username, TEST_PASSWORD);
    expect((await me(body.accessToken)).body.role).toBe('counselor');
    await t.dataSource.query(`UPDATE users SET role = 'class_teacher' WHERE id = $1`, [user.id]);
    const res = await me(body.accessToken);
    expect(res.body.role).toBe('class_teacher');
    expect(res.body.permissions).not.toContain('break_glass.use');
  });

  describe('refresh tokens', () => {
    it('rotate: each is single use and yields a new pair', async () => {
      const user = await newUser();
      const first = (await login(user.username, TEST_PASSWORD)).body;
      const second = await t.http.post('/api/v1/auth/refresh').send({ refreshToken: first.refreshToken });
      expect(second.status).toBe(200);
      expect(second.body.refreshToken).not.toBe(first.refreshToken);
      expect((await me(second.body.accessToken)).status).toBe(200);
      const [stored] = await t.dataSource.query('SELECT count(*)::int AS n FROM refresh_tokens WHERE token_hash = $1', [
        Buffer.from(second.body.refreshToken),
      ]);
      expect(stored.n).toBe(0); // stored hashed, never as given
    });

    it('revoke the whole family when a spent one is replayed, and audit it', async () => {
      const user = await newUser();
      const first = (await login(user.username, TEST_PASSWORD)).body;
      const second = (await t.http.post('/api/v1/auth/refresh').send({ refreshToken: first.refreshToken })).body;
      const replay = await t.http.post('/api/v1/auth/refresh').send({ refreshToken: first.refreshToken });
      expect(replay.status).toBe(401);
      // The thief's or the user's newer token is dead too, and so are its access tokens.
      expect((await t.http.post('/api/v1/auth/refresh').send({ refreshToken: second.refreshToken })).status).toBe(401);
      expect((await me(second.accessToken)).status).toBe(401);
      const [event] = await t.dataSource.query(`SELECT severity, outcome FROM audit_events WHERE actor_id = $1 AND action = 'auth.refresh_reuse'`, [user.id]);
      expect(event).toEqual({ severity: 'high', outcome: 'denied' });
    });

    it('expire', async () => {
      const user = await newUser();
      const { refreshToken } = (await login(user.username, TEST_PASSWORD)).body;
      clock.advance(15 * 24 * 3600 * 1000);
      expect((await t.http.post('/api/v1/auth/refresh').send({ refreshToken })).status).toBe(401);
    });

    it('are refused when unknown or malformed', async () => {
      expect((await t.http.post('/api/v1/auth/refresh').send({ refreshToken: 'x'.repeat(43) })).status).toBe(401);
      expect((await t.http.post('/api/v1/auth/refresh').send({ refreshToken: 'short' })).status).toBe(400);
    });
  });

  it('logout ends the session: its refresh and access tokens stop working', async () => {
    const user = await newUser();
    const tokens = (await login(user.username, TEST_PASSWORD)).body;
    const res = await t.http.post('/api/v1/auth/logout').set('authorization', `Bearer ${tokens.accessToken}`);
    expect(res.status).toBe(204);
    expect((await me(tokens.accessToken)).status).toBe(401);
    expect((await t.http.post('/api/v1/auth/refresh').send({ refreshToken: tokens.refreshToken })).status).toBe(401);
  });

  it('changes the password: the old one stops working and every session ends', async () => {
    const user = await newUser();
    const tokens = (await login(user.username, TEST_PASSWORD)).body;
    const auth = `Bearer ${tokens.accessToken}`;
    expect((await t.http.post('/api/v1/me/password').set('authorization', auth).send({ currentPassword: 'wrong', newPassword: 'a new long passphrase' })).status).toBe(401);
    expect((await t.http.post('/api/v1/me/password').set('authorization', auth).send({ currentPassword: TEST_PASSWORD, newPassword: 'short' })).status).toBe(400);
    const changed = await t.http.post('/api/v1/me/password').set('authorization', auth).send({ currentPassword: TEST_PASSWORD, newPassword: 'a new long passphrase' });
    expect(changed.status).toBe(204);
    expect((await me(tokens.accessToken)).status).toBe(401);
    expect((await login(user.username, TEST_PASSWORD)).status).toBe(401);
    expect((await login(user.username, 'a new long passphrase')).status).toBe(200);
    const [hash] = await t.dataSource.query('SELECT password_hash FROM users WHERE id = $1', [user.id]);
    expect(hash.password_hash).toMatch(/^\$argon2id\$v=19\$/);
    expect(hash.password_hash).toMatch(/[$,]m=19456[,$]/);
    expect(hash.password_hash).toMatch(/[$,]t=2[,$]/);
  });

  describe('access tokens that must be refused', () => {
    let valid: string;
    let user: TestUser;

    beforeAll(async () => {
      user = await newUser();
      valid = (await login(user.username, TEST_PASSWORD)).body.accessToken;
    });

    const forge = (header: object, payload: object, key: Buffer | string) => {
      const unsigned = `${b64(header)}.${b64(payload)}`;
      return `${unsigned}.${createHmac('sha256', key).update(unsigned).digest('base64url')}`;
    };
    const claimsOf = (token: string) => JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString());
    // The test app has no JWT_SECRET, so it signs with the development secret.
    const devKey = createHash('sha256').update('campus-care development-only JWT secret').digest();

    it('alg none', async () => {
      const token = `${b64({ alg: 'none', typ: 'JWT' })}.${b64(claimsOf(valid))}.`;
      expect((await me(token)).status).toBe(401);
    });

    it('a wrong key', async () => {
      expect((await me(forge({ alg: 'HS256', typ: 'JWT' }, claimsOf(valid), 'not the secret at all, not at all!'))).status).toBe(401);
    });

    it('a wrong audience or issuer (signed with the right key)', async () => {
      expect((await me(forge({ alg: 'HS256' }, claimsOf(valid), devKey))).status).toBe(200); // the forge itself is sound
      expect((await me(forge({ alg: 'HS256' }, { ...claimsOf(valid), aud: 'another-api' }, devKey))).status).toBe(401);
      expect((await me(forge({ alg: 'HS256' }, { ...claimsOf(valid), iss: 'someone-else' }, devKey))).status).toBe(401);
      expect((await me(forge({ alg: 'HS512' }, claimsOf(valid), devKey))).status).toBe(401);
    }, 10_000);

    describe('signed with the right key (defence in depth)', () => {
      const signed = (changes: object) => forge({ alg: 'HS256', typ: 'JWT' }, { ...claimsOf(valid), ...changes }, devKey);

      it('one whose sid names no session, or another user\'s session', async () => {
        expect((await me(signed({}))).status).toBe(200);
        const unknown = await me(signed({ sid: randomUUID() }));
        expect(unknown.status).toBe(401);
        expect(unknown.body.code).toBe('auth.session_invalid');
        const other = await newUser();
        const othersSession = claimsOf((await login(other.username, TEST_PASSWORD)).body.accessToken).sid;
        expect((await me(signed({ sid: othersSession }))).status).toBe(401);
        expect(await auditActions(user.id)).toContain('access.refused:denied');
      });

      it('one whose exp lies past the configured lifetime, or issued in the future', async () => {
        const now = Math.floor(clock.now().getTime() / 1000);
        expect((await me(signed({ iat: now, exp: now + 900 }))).status).toBe(200);
        expect((await me(signed({ iat: now, exp: now + 901 }))).status).toBe(401);
        expect((await me(signed({ iat: now, exp: now + 365 * 86_400 }))).status).toBe(401);
        expect((await me(signed({ iat: now + 3600, exp: now + 3600 + 900 }))).status).toBe(401);
      });
    });

    it('an expired one', async () => {
      clock.advance(16 * 60 * 1000);
      expect((await me(valid)).status).toBe(401);
    });

    it('none at all, or garbage', async () => {
      expect((await t.http.get('/api/v1/me')).status).toBe(401);
      expect((await t.http.get('/api/v1/me').set('authorization', 'Bearer garbage')).body.code).toBe('auth.unauthenticated');
      expect((await t.http.get('/api/v1/me').set('authorization', `Basic ${DEV_SECRET_HINT}`)).status).toBe(401);
    });
  });
});

describe('rate limiting of sign-in per client address', () => {
  let t: TestApp;

  beforeAll(async () => {
    process.env.AUTH_RATE_LIMIT_PER_MINUTE = '5';
    t = await createTestApp();
  });
  afterAll(async () => {
    delete process.env.AUTH_RATE_LIMIT_PER_MINUTE;
    await t.close();
  });

  it('answers 429 with Retry-After once the limit is used up', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await t.http.post('/api/v1/auth/login').send({ username: 'x', password: 'y' })).status);
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    const limited = await t.http.post('/api/v1/auth/login').send({ username: 'x', password: 'y' });
    expect(limited.status).toBe(429);
    expect(limited.body.code).toBe('rate_limit.exceeded');
    expect(limited.headers['retry-after']).toBeDefined();
    expect(limited.headers['content-type']).toMatch(/problem\+json/);
  });
});
