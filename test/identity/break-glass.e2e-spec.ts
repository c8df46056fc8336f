import { DataSource } from 'typeorm';
import { BreakGlassService } from '#identity';
import { dataSourceOptions, ManualClock } from '#core';
import type { Caller } from '#access';
import { migrations } from '#migrations';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { bearer, createSchoolWorld } from '../support/factories.js';

const REASON = 'Student disclosed a plan tonight; the case owner is unreachable';

describe('break-glass access', () => {
  let t: TestApp;
  let w: Awaited<ReturnType<typeof createSchoolWorld>>;
  const clock = new ManualClock(new Date());

  beforeAll(async () => {
    t = await createTestApp({ clock });
    w = await createSchoolWorld(t);
  });
  afterAll(async () => t.close());

  const request = async (user: { id: string }, body: object) =>
    t.http.post('/api/v1/break-glass').set('authorization', await bearer(t, user)).send(body);

  const storedReason = async (grantId: string) =>
    (await t.dataSource.query<{ reason: string }[]>('SELECT reason FROM break_glass_grants WHERE id = $1', [grantId]))[0].reason;

  it('grants a counselor an hour, audits it as high severity and notifies every administrator', async () => {
    const res = await request(w.counselor, { studentId: w.studentA.id, reason: REASON });
    expect(res.status).toBe(201);
    expect(res.body.reason).toBe(REASON);
    expect(new Date(res.body.expiresAt).getTime() - clock.now().getTime()).toBe(60 * 60 * 1000);

    // The reason is clinical text: encrypted in its row, and not copied into the (unencryptable) trail.
    const [event] = await t.dataSource.query(
      `SELECT severity, student_id, reason, break_glass_grant_id FROM audit_events WHERE action = 'break_glass.grant' AND actor_id = $1`,
      [w.counselor.id],
    );
    expect(event).toEqual({ severity: 'high', student_id: w.studentA.id, reason: null, break_glass_grant_id: res.body.id });
    expect(await storedReason(res.body.id)).toMatch(/^v1\./);
    expect(await storedReason(res.body.id)).not.toContain('unreachable');

    const inbox = await t.http.get('/api/v1/notifications').set('authorization', await bearer(t, w.admin));
    expect(inbox.body.items).toEqual([expect.objectContaining({ kind: 'break_glass.used', entityId: res.body.id })]);
    const otherInbox = await t.http.get('/api/v1/notifications').set('authorization', await bearer(t, w.otherAdmin));
    expect(otherInbox.body.items).toEqual([]);

    const adminAuth = await bearer(t, w.admin);
    const notificationId = inbox.body.items[0].id;
    expect((await t.http.post(`/api/v1/notifications/${notificationId}/read`).set('authorization', adminAuth)).status).toBe(204);
    expect((await t.http.get('/api/v1/notifications').query({ unread: 'true' }).set('authorization', adminAuth)).body.items).toEqual([]);
    // Someone else's notification is not yours to mark: 404, as for a missing one.
    const foreign = await t.http.post(`/api/v1/notifications/${notificationId}/read`).set('authorization', await bearer(t, w.otherAdmin));
    expect(foreign.status).toBe(404);
  });

  it('lets the grant lapse after 60 minutes', async () => {
    const res = await request(w.admin, { studentId: w.studentB.id, reason: REASON });
    const service = t.app.get(BreakGlassService);
    const caller = { userId: w.admin.id, schoolId: w.school.id } as Caller;
    expect(await service.activeGrantId(caller, w.studentB.id)).toBe(res.body.id);
    expect(await service.activeGrantId(caller, w.studentA.id)).toBeNull();
    clock.advance(60 * 60 * 1000 + 1);
    expect(await service.activeGrantId(caller, w.studentB.id)).toBeNull();
  });

  it('needs a reason of at least 20 characters, not counting leading and trailing spaces', async () => {
    for (const reason of ['urgent', ' '.repeat(20), `  ${'x'.repeat(19)}  `]) {
      const res = await request(w.counselor, { studentId: w.studentA.id, reason });
      expect(res.status).toBe(400);
      expect(res.body.errors[0].field).toBe('reason');
    }
  });

  it('is refused to class teachers and duty officers', async () => {
    expect((await request(w.teacher, { studentId: w.studentA.id, reason: REASON })).status).toBe(403);
    expect((await request(w.duty, { studentId: w.studentA.id, reason: REASON })).status).toBe(403);
  });

  it("answers 404 for another school's student, like a missing one, and grants nothing", async () => {
    const other = await request(w.counselor, { studentId: w.otherStudent.id, reason: REASON });
    const missing = await request(w.counselor, { studentId: '00000000-0000-4000-8000-000000000000', reason: REASON });
    expect(other.status).toBe(404);
    expect(other.body).toEqual(missing.body);
    const [{ n }] = await t.dataSource.query('SELECT count(*)::int AS n FROM break_glass_grants WHERE student_id = $1', [w.otherStudent.id]);
    expect(n).toBe(0);
  });

  it('lets administrators review the grants of their school only', async () => {
    const list = await t.http.get('/api/v1/break-glass').set('authorization', await bearer(t, w.admin));
    expect(list.status).toBe(200);
    expect(list.body.items.length).toBeGreaterThanOrEqual(2);
    expect(list.body.items.every((g: { studentId: string }) => [w.studentA.id, w.studentB.id].includes(g.studentId))).toBe(true);
    expect(list.body.items.map((g: { reason: string }) => g.reason)).toEqual(list.body.items.map(() => REASON));
    expect((await t.http.get('/api/v1/break-glass').set('authorization', await bearer(t, w.counselor))).status).toBe(403);
    expect((await t.http.get('/api/v1/break-glass').set('authorization', await bearer(t, w.otherAdmin))).body.items).toEqual([]);
  });

  // Last: it takes the schema back and forth under the running app.
  it('encrypts the reasons of grants made before reasons were encrypted, and decrypts them when migrated back', async () => {
    const grant = await request(w.counselor, { studentId: w.studentA.id, reason: `  ${REASON}  ` });
    expect(grant.body.reason).toBe(REASON);
    const owner = new DataSource(dataSourceOptions({ url: t.database.url, migrations, poolSize: 1 }));
    await owner.initialize();
    try {
      // Back to just before the migration that encrypts reasons, then forward again.
      const back = migrations.length - migrations.findIndex((m) => m.name === 'BreakGlassReasonsEncrypted1795826920000');
      expect(back).toBeLessThanOrEqual(migrations.length);
      for (let i = 0; i < back; i++) await owner.undoLastMigration({ transaction: 'each' });
      expect(await storedReason(grant.body.id)).toBe(REASON);
      expect(await owner.runMigrations({ transaction: 'each' })).toHaveLength(back);
    } finally {
      await owner.destroy();
    }
    const stored = await storedReason(grant.body.id);
    expect(stored).toMatch(/^v1\./);
    expect(stored).not.toContain('unreachable');
    const list = await t.http.get('/api/v1/break-glass').set('authorization', await bearer(t, w.admin));
    expect(list.body.items.find((g: { id: string }) => g.id === grant.body.id)).toMatchObject({ reason: REASON });
  });
});
