import { INTERCEPTORS_METADATA } from '@nestjs/common/constants.js';
import { IdempotencyCleanupJob, IdempotencyInterceptor, ManualClock } from '#core';
import { registeredRoutes } from '../support/routes.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { bearer, createSchoolWorld } from '../support/factories.js';

const REASON = 'Student disclosed a plan tonight; the case owner is unreachable';

describe('Idempotency-Key on create requests', () => {
  let t: TestApp;
  let w: Awaited<ReturnType<typeof createSchoolWorld>>;
  const clock = new ManualClock(new Date());
  let auth: string;

  beforeAll(async () => {
    t = await createTestApp({ clock });
    w = await createSchoolWorld(t);
    auth = await bearer(t, w.counselor);
  });
  afterAll(async () => t.close());

  // Break-glass grants are a create route whose duplicates would be visible: a good subject.
  const grant = (key: string | undefined, body: object, authorization = auth) => {
    const req = t.http.post('/api/v1/break-glass').set('authorization', authorization);
    return (key ? req.set('idempotency-key', key) : req).send(body);
  };
  const grantsFor = async (studentId: string) =>
    (await t.dataSource.query('SELECT count(*)::int AS n FROM break_glass_grants WHERE student_id = $1', [studentId]))[0].n;

  it('is on every POST route, and on no read or other write (a chain of interceptors costs every request it is on)', () => {
    const routes = registeredRoutes(t);
    const interceptorsOf = (handler: object) => (Reflect.getMetadata(INTERCEPTORS_METADATA, handler) as unknown[] | undefined) ?? [];
    const withIdempotency = routes.filter((r) => interceptorsOf(r.handler).includes(IdempotencyInterceptor)).map((r) => r.route);
    expect(routes.filter((r) => r.method === 'POST').length).toBeGreaterThan(30);
    expect(withIdempotency).toEqual(routes.filter((r) => r.method === 'POST').map((r) => r.route));
  });

  it('answers a retry with the first answer and creates nothing more', async () => {
    const body = { studentId: w.studentA.id, reason: REASON };
    const first = await grant('retry-key-0001', body);
    const second = await grant('retry-key-0001', body);
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.body).toEqual(first.body);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(await grantsFor(w.studentA.id)).toBe(1);
    // The kept answer repeats the reason: it is stored encrypted, like the record itself.
    const [stored] = await t.dataSource.query(`SELECT response_body FROM idempotency_keys WHERE key = 'retry-key-0001'`);
    expect(stored.response_body).toMatch(/^v1\./);
    expect(stored.response_body).not.toContain('disclosed');
  });

  it('answers 422 when the key comes back with another body', async () => {
    await grant('reused-key-0001', { studentId: w.studentB.id, reason: REASON });
    const other = await grant('reused-key-0001', { studentId: w.studentB.id, reason: `${REASON}, again` });
    expect(other.status).toBe(422);
    expect(other.body.code).toBe('idempotency.key_reused');
  });

  it('keeps keys per user: another user may use the same key', async () => {
    const mine = await grant('shared-key-0001', { studentId: w.studentB.id, reason: REASON });
    const theirs = await grant('shared-key-0001', { studentId: w.studentB.id, reason: REASON }, await bearer(t, w.admin));
    expect(theirs.status).toBe(201);
    expect(theirs.body.id).not.toBe(mine.body.id);
  });

  it('frees the key when the first request fails, so a corrected retry can use it', async () => {
    const bad = await grant('fix-and-retry-01', { studentId: w.studentA.id, reason: 'too short' });
    expect(bad.status).toBe(400);
    const good = await grant('fix-and-retry-01', { studentId: w.studentA.id, reason: REASON });
    expect(good.status).toBe(201);
  });

  it('lets only one of two concurrent duplicates create', async () => {
    const student = w.studentB.id;
    const before = await grantsFor(student);
    const answers = await Promise.all([1, 2, 3].map(() => grant('concurrent-key-01', { studentId: student, reason: REASON })));
    expect(answers.map((a) => a.status).every((s) => s === 201 || s === 409)).toBe(true);
    expect(answers.some((a) => a.status === 201)).toBe(true);
    expect(await grantsFor(student)).toBe(before + 1);
  });

  it('rejects a malformed key', async () => {
    const res = await grant('short', { studentId: w.studentA.id, reason: REASON });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('idempotency.invalid_key');
  });

  it('forgets answers after a day', async () => {
    await grant('expiring-key-001', { studentId: w.studentA.id, reason: REASON });
    clock.advance(24 * 3600 * 1000 + 1);
    const [{ total }] = await t.dataSource.query('SELECT count(*)::int AS total FROM idempotency_keys');
    expect(await t.app.get(IdempotencyCleanupJob).deleteExpired()).toBe(total);
    const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM idempotency_keys WHERE key = 'expiring-key-001'`);
    expect(n).toBe(0);
  });
});
