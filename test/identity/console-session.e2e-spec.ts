import { createTestApp, type TestApp } from '../support/test-app.js';
import { createSchool, createUser, TEST_PASSWORD, type TestUser } from '../support/factories.js';

const SESSION = '/api/v1/auth/session';
const CONSOLE = { 'x-campus-care-console': '1' };

/** The `cc_console_refresh` cookie a response sets, with its attributes. */
function refreshCookie(res: { headers: Record<string, unknown> }): { value: string; attributes: string } | null {
  const cookies = [res.headers['set-cookie'] ?? []].flat() as string[];
  const cookie = cookies.find((c) => c.startsWith('cc_console_refresh='));
  if (!cookie) return null;
  const [pair, ...attributes] = cookie.split(';').map((part) => part.trim());
  return { value: pair.slice('cc_console_refresh='.length), attributes: attributes.join('; ') };
}

describe("the console's sign-in session: refresh token in an httpOnly cookie", () => {
  let t: TestApp;
  let user: TestUser;

  const start = () => t.http.post(SESSION).set(CONSOLE).send({ username: user.username, password: TEST_PASSWORD });
  const refresh = (cookie: string) => t.http.post(`${SESSION}/refresh`).set(CONSOLE).set('cookie', `cc_console_refresh=${cookie}`).send();
  const me = (token: string) => t.http.get('/api/v1/me').set('authorization', `Bearer ${token}`);

  beforeAll(async () => {
    process.env.AUTH_RATE_LIMIT_PER_MINUTE = '1000';
    t = await createTestApp();
    user = await createUser(t, { schoolId: (await createSchool(t)).id, role: 'counselor' });
  });
  afterAll(async () => t.close());

  it('answers only the access token and sets the refresh token as an httpOnly, SameSite=Strict cookie of the session routes', async () => {
    const res = await start();
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ accessToken: expect.any(String), expiresIn: 900, tokenType: 'Bearer' });
    const cookie = refreshCookie(res);
    expect(cookie?.value).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    expect(cookie?.attributes).toContain('HttpOnly');
    expect(cookie?.attributes).toContain('SameSite=Strict');
    expect(cookie?.attributes).toContain('Path=/api/v1/auth/session');
    expect(cookie?.attributes).toMatch(/Max-Age=1209600/);
    expect((await me(res.body.accessToken)).status).toBe(200);
  });

  it('refreshes from the cookie once, rotating it; a spent cookie presented again ends the session', async () => {
    const first = refreshCookie(await start())!.value;
    const renewed = await refresh(first);
    expect(renewed.status).toBe(200);
    const second = refreshCookie(renewed)!.value;
    expect(second).not.toBe(first);
    expect((await me(renewed.body.accessToken)).status).toBe(200);

    const replay = await refresh(first);
    expect(replay.status).toBe(401);
    expect(replay.body.code).toBe('auth.invalid_refresh_token');
    // The failure clears the cookie, and the replay ended the family: the newer cookie is dead too.
    expect(refreshCookie(replay)?.attributes).toMatch(/Expires=Thu, 01 Jan 1970|Max-Age=0/);
    expect((await refresh(second)).status).toBe(401);
    expect((await me(renewed.body.accessToken)).status).toBe(401);
  });

  it('without a cookie answers 401, and without the console header 403 whatever the cookie', async () => {
    const none = await t.http.post(`${SESSION}/refresh`).set(CONSOLE).send();
    expect(none.status).toBe(401);
    expect(none.body.code).toBe('auth.invalid_refresh_token');

    const cookie = refreshCookie(await start())!.value;
    const crossSite = await t.http.post(`${SESSION}/refresh`).set('cookie', `cc_console_refresh=${cookie}`).send();
    expect(crossSite.status).toBe(403);
    expect(crossSite.body.code).toBe('auth.console_header_missing');
    const signIn = await t.http.post(SESSION).send({ username: user.username, password: TEST_PASSWORD });
    expect(signIn.status).toBe(403);
    // The refused request did not spend the cookie.
    expect((await refresh(cookie)).status).toBe(200);
  });

  it('signs out: the session ends (its access token too), the cookie is cleared and audited', async () => {
    const res = await start();
    const cookie = refreshCookie(res)!.value;
    const end = await t.http.post(`${SESSION}/end`).set(CONSOLE).set('cookie', `cc_console_refresh=${cookie}`).send();
    expect(end.status).toBe(204);
    expect(refreshCookie(end)?.value).toBe('');
    expect((await refresh(cookie)).status).toBe(401);
    expect((await me(res.body.accessToken)).status).toBe(401);
    const [audit] = await t.dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM audit_events WHERE actor_id = $1 AND action = 'auth.logout'`,
      [user.id],
    );
    expect(audit.n).toBeGreaterThanOrEqual(1);
  });

  it('refuses a wrong password like the API sign-in, setting no cookie', async () => {
    const res = await t.http.post(SESSION).set(CONSOLE).send({ username: user.username, password: 'wrong password' });
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('auth.invalid_credentials');
    expect(refreshCookie(res)).toBeNull();
  });
});
