import { randomUUID } from 'node:crypto';
import { AlertsService } from '#alerts';
import { ManualClock } from '#core';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { bearer, createSchoolWorld, createUser } from '../support/factories.js';

describe('crisis alerts reach the officer on holiday duty', () => {
  // 12:00 in Shanghai on a holiday day: inside the day shift (08:00-20:00).
  const clock = new ManualClock(new Date('2027-01-20T04:00:00Z'));
  let t: TestApp;
  let w: Awaited<ReturnType<typeof createSchoolWorld>>;
  let offDuty: { id: string };

  beforeAll(async () => {
    t = await createTestApp({ clock });
    w = await createSchoolWorld(t);
    offDuty = await createUser(t, { schoolId: w.school.id, role: 'duty_officer' });
    const admin = { authorization: await bearer(t, w.admin) };
    await t.http.post('/api/v1/calendar/holidays').set(admin).send({ kind: 'winter', name: '寒假', startsOn: '2027-01-16', endsOn: '2027-02-20' });
    for (const [dutyDate, shift, officerId] of [
      ['2027-01-20', 'day', w.duty.id],
      ['2027-01-20', 'night', offDuty.id],
      ['2027-03-01', 'day', w.duty.id],
    ]) {
      const res = await t.http.post('/api/v1/duty-roster').set(admin).send({ dutyDate, shift, officerId, phone: '138-0000-0000' });
      expect(res.status).toBe(201);
    }
  });
  afterAll(async () => t.close());

  const as = async (user: { id: string }) => ({ authorization: await bearer(t, user) });
  const raise = () =>
    t.dataSource.transaction((m) =>
      t.app.get(AlertsService).raise(m, { schoolId: w.school.id }, {
        schoolId: w.school.id, studentId: w.studentA.id, severity: 'critical', sourceType: 'manual', sourceId: randomUUID(), reasonCode: 'manual',
      }),
    );
  const notifiedOf = (alertId: string | null) =>
    t.dataSource.query<{ recipient_id: string; kind: string }[]>(`SELECT recipient_id, kind FROM notifications WHERE entity_id = $1 ORDER BY kind`, [alertId]);

  it('notifies the officer on duty inside a holiday, besides the counselors', async () => {
    clock.set('2027-01-20T04:00:00Z');
    const alertId = await raise();
    const notified = await notifiedOf(alertId);
    expect(notified).toContainEqual({ recipient_id: w.duty.id, kind: 'alert.routed_to_duty' });
    expect(notified).toContainEqual({ recipient_id: w.counselor.id, kind: 'alert.raised' });
    expect(notified.some((n) => n.recipient_id === offDuty.id)).toBe(false);
  });

  it('notifies no officer outside a holiday, even one on a shift', async () => {
    clock.set('2027-03-01T04:00:00Z');
    const alertId = await raise();
    expect((await notifiedOf(alertId)).filter((n) => n.kind === 'alert.routed_to_duty')).toEqual([]);
  });

  it('lets the officer read and acknowledge what was routed to them; anyone else on the roster gets 404', async () => {
    clock.set('2027-01-20T05:00:00Z');
    const alertId = await raise();
    const officer = await as(w.duty);
    expect((await t.http.get(`/api/v1/alerts/${alertId}`).set(officer)).status).toBe(200);
    const listed = await t.http.get('/api/v1/alerts').set(officer);
    expect(listed.body.items.every((a: { raisedAt: string }) => a.raisedAt.startsWith('2027-01-20'))).toBe(true);

    const other = await as(offDuty);
    const outOfScope = await t.http.get(`/api/v1/alerts/${alertId}`).set(other);
    expect(outOfScope.status).toBe(404);
    expect(outOfScope.body.code).toBe('alert.not_found');
    expect((await t.http.post(`/api/v1/alerts/${alertId}/acknowledge`).set(other).send({ note: '已电话联系' })).status).toBe(404);
    expect((await t.http.get('/api/v1/alerts').set(other)).body.items).toEqual([]);

    const ack = await t.http.post(`/api/v1/alerts/${alertId}/acknowledge`).set(officer).send({ note: '已电话联系家长' });
    expect(ack.status).toBe(200);
    expect(ack.body).toMatchObject({ status: 'acknowledged', acknowledgedBy: w.duty.id, acknowledgementNote: '已电话联系家长' });
  });
});
