import { SELF_ONLY_PAGE_CSP } from '#core';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { bearer, createSchoolWorld } from '../support/factories.js';
import { expectProblem } from '../support/problems.js';

type Answer = { headers: Record<string, string> };

/** What every answer carries, whatever its kind. */
function expectBaseHeaders(res: Answer): void {
  expect(res.headers['x-content-type-options']).toBe('nosniff');
  expect(res.headers['x-frame-options']).toBeDefined();
  expect(res.headers['referrer-policy']).toBe('no-referrer');
}

function expectApiHeaders(res: Answer): void {
  expectBaseHeaders(res);
  expect(res.headers['cache-control']).toBe('no-store');
  expect(res.headers['content-security-policy']).toMatch(/default-src 'none'/);
  expect(res.headers['content-security-policy']).toMatch(/frame-ancestors 'none'/);
}

describe('security headers on every kind of answer', () => {
  let t: TestApp;
  let w: Awaited<ReturnType<typeof createSchoolWorld>>;

  beforeAll(async () => {
    t = await createTestApp();
    w = await createSchoolWorld(t);
  });
  afterAll(async () => t.close());

  it('a JSON answer: nosniff, no-store and the API CSP', async () => {
    const res = await t.http.get('/api/v1/me').set('authorization', await bearer(t, w.counselor));
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expectApiHeaders(res);
    expectApiHeaders(await t.http.get('/health/live'));
  });

  it('problems: 401, 404 (unknown route), 400 (malformed body)', async () => {
    const unauthenticated = await t.http.get('/api/v1/me');
    expectProblem(unauthenticated, 401, 'auth.unauthenticated');
    expectApiHeaders(unauthenticated);
    const missing = await t.http.get('/api/v1/no-such-route');
    expect(missing.status).toBe(404);
    expectApiHeaders(missing);
    const malformed = await t.http.post('/api/v1/auth/login').set('content-type', 'application/json').send('{"username":');
    expect(malformed.status).toBe(400);
    expectApiHeaders(malformed);
  });

  it('a CSV export and an iCalendar feed keep their type and disposition, with the same headers', async () => {
    const csv = await t.http.get('/api/v1/education/coverage.csv').query({ from: '2026-06-01', to: '2026-06-30' }).set('authorization', await bearer(t, w.admin));
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.headers['content-disposition']).toMatch(/^attachment/);
    expectApiHeaders(csv);
    const ics = await t.http.get('/api/v1/counselors/me/calendar.ics').set('authorization', await bearer(t, w.counselor));
    expect(ics.status).toBe(200);
    expect(ics.headers['content-type']).toMatch(/^text\/calendar/);
    expectBaseHeaders(ics);
    expect(ics.headers['cache-control']).toMatch(/no-store/);
  });

  it('the Swagger UI gets a CSP that lets it load its own files, and nothing from elsewhere', async () => {
    const page = await t.http.get('/api/docs');
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expectBaseHeaders(page);
    const csp = page.headers['content-security-policy'];
    expect(csp).toMatch(/default-src 'self'/);
    expect(csp).toMatch(/script-src 'self'(;|$)/);
    expect(csp).toMatch(/frame-ancestors 'none'/);
    expect(csp).not.toMatch(/https:|\*/);
    const script = await t.http.get('/api/docs/swagger-ui-init.js');
    expect(script.status).toBe(200);
    expectBaseHeaders(script);
    const json = await t.http.get('/api/docs-json');
    expect(json.status).toBe(200);
    expectApiHeaders(json);
  });

  it("the survey page keeps its own strict CSP", async () => {
    const page = await t.http.get(`/s/${'A'.repeat(43)}`);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.headers['content-security-policy']).toBe(SELF_ONLY_PAGE_CSP);
    expect(page.headers['x-frame-options']).toBe('DENY');
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.headers['x-content-type-options']).toBe('nosniff');
  });
});
