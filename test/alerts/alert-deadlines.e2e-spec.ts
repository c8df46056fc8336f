import { randomUUID } from 'node:crypto';
import { AlertsService } from '#alerts';
import { ManualClock } from '#core';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { bearer, createSchoolWorld, createUser } from '../support/factories.js';

describe('alert deadlines per school and severity', () => {
  let t: TestApp;
  let w: Awaited<ReturnType<typeof createSchoolWorld>>;
  const clock = new ManualClock(new Date('2026-12-01T02:00:00Z'));

  beforeAll(async () => {
    t = await createTestApp({ clock });
    w = await createSchoolWorld(t);
  });
  afterAll(async () => t.close());

  const as = async (user: { id: string }) => ({ authorization: await bearer(t, user) });

  it('starts from the defaults: 30 minutes for critical, 24 hours for high', async () => {
    const res = await t.http.get('/api/v1/alert-deadlines').set(await as(w.counselor));
    expect(res.body).toEqual([
      { severity: 'critical', ackMinutes: 30, isDefault: true },
      { severity: 'high', ackMinutes: 1440, isDefault: true },
    ]);
  });

  it('lets an administrator or the head of counseling set them; new alerts use them', async () => {
    const set = await t.http.put('/api/v1/alert-deadlines/critical').set(await as(w.admin)).send({ ackMinutes: 15 });
    expect(set.body).toEqual({ severity: 'critical', ackMinutes: 15, isDefault: false });
    const lead = await createUser(t, { schoolId: w.school.id, role: 'counseling_lead' });
    expect((await t.http.put('/api/v1/alert-deadlines/high').set(await as(lead)).send({ ackMinutes: 240 })).status).toBe(200);

    const id = await t.dataSource.transaction((m) =>
      t.app.get(AlertsService).raise(m, { schoolId: w.school.id }, {
        schoolId: w.school.id, studentId: w.studentA.id, severity: 'critical', sourceType: 'manual', sourceId: randomUUID(), reasonCode: 'manual',
      }),
    );
    const [row] = await t.dataSource.query('SELECT ack_due_at FROM alerts WHERE id = $1', [id]);
    expect(row.ack_due_at.getTime() - clock.now().getTime()).toBe(15 * 60_000);
    // Another school keeps its own (default) deadlines.
    expect((await t.http.get('/api/v1/alert-deadlines').set(await as(w.otherCounselor))).body[0]).toEqual({ severity: 'critical', ackMinutes: 30, isDefault: true });
  });

  it('refuses counselors and bad values', async () => {
    expect((await t.http.put('/api/v1/alert-deadlines/critical').set(await as(w.counselor)).send({ ackMinutes: 20 })).status).toBe(403);
    const admin = await as(w.admin);
    expect((await t.http.put('/api/v1/alert-deadlines/critical').set(admin).send({ ackMinutes: 2 })).status).toBe(400);
    expect((await t.http.put('/api/v1/alert-deadlines/medium').set(admin).send({ ackMinutes: 20 })).body.errors[0].field).toBe('severity');
  });
});
