import { randomUUID } from 'node:crypto';
import { AlertEscalationJob, AlertsService } from '#alerts';
import { ManualClock } from '#core';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { bearer, createSchoolWorld, createUser } from '../support/factories.js';

const MINUTE = 60_000;

/**
 * An escalation inside a holiday also reaches the officer on duty at that moment. The alerts are
 * raised at 07:50 in Shanghai, before the day shift (08:00-20:00) and with no night shift on the
 * roster, so nobody is on duty when they are raised: whatever reaches the officer came from the
 * escalation.
 */
describe('alert escalation reaches the officer on holiday duty', () => {
  const clock = new ManualClock(new Date('2027-01-19T23:50:00Z'));
  let t: TestApp;
  let w: Awaited<ReturnType<typeof createSchoolWorld>>;
  let lead: { id: string };

  beforeAll(async () => {
    t = await createTestApp({ clock });
    w = await createSchoolWorld(t);
    lead = await createUser(t, { schoolId: w.school.id, role: 'counseling_lead' });
    const admin = { authorization: await bearer(t, w.admin) };
    expect((await t.http.post('/api/v1/calendar/holidays').set(admin).send({ kind: 'winter', name: '寒假', startsOn: '2027-01-16', endsOn: '2027-02-20' })).status).toBe(201);
    for (const dutyDate of ['2027-01-20', '2027-03-01']) {
      expect((await t.http.post('/api/v1/duty-roster').set(admin).send({ dutyDate, shift: 'day', officerId: w.duty.id, phone: '138-0000-0000' })).status).toBe(201);
    }
  });
  afterAll(async () => t.close());

  const raise = () =>
    t.dataSource.transaction((m) =>
      t.app.get(AlertsService).raise(m, { schoolId: w.school.id }, {
        schoolId: w.school.id, studentId: w.studentA.id, severity: 'critical', sourceType: 'manual', sourceId: randomUUID(), reasonCode: 'manual',
      }),
    ) as Promise<string>;
  const escalate = () => t.app.get(AlertEscalationJob).run();
  const noticesOf = (alertId: string, userId: string) =>
    t.dataSource.query<{ kind: string }[]>('SELECT kind FROM notifications WHERE entity_id = $1 AND recipient_id = $2 ORDER BY created_at, id', [alertId, userId]);
  const stepsOf = (alertId: string) =>
    t.dataSource.query<{ level: number; notified_user_ids: string[] }[]>('SELECT level, notified_user_ids FROM alert_escalations WHERE alert_id = $1 ORDER BY level', [alertId]);
  const readAs = async (user: { id: string }, alertId: string) => t.http.get(`/api/v1/alerts/${alertId}`).set('authorization', await bearer(t, user));

  it('notifies the officer on duty at each step besides the head of counseling and the administrators, and lets them read and acknowledge it', async () => {
    clock.set('2027-01-19T23:50:00Z');
    const alertId = await raise();
    expect(await noticesOf(alertId, w.duty.id)).toEqual([]);
    expect((await readAs(w.duty, alertId)).status).toBe(404);

    clock.set('2027-01-20T00:21:00Z'); // 08:21, the day shift has begun
    await escalate();
    const [first] = await stepsOf(alertId);
    expect(first.level).toBe(1);
    expect([...first.notified_user_ids].sort()).toEqual([lead.id, w.duty.id].sort());
    expect(await noticesOf(alertId, w.duty.id)).toEqual([{ kind: 'alert.routed_to_duty' }]);
    expect(await noticesOf(alertId, lead.id)).toEqual([{ kind: 'alert.raised' }, { kind: 'alert.escalated' }]);

    clock.advance(31 * MINUTE);
    await escalate();
    const second = (await stepsOf(alertId))[1];
    expect(second.level).toBe(2);
    expect(second.notified_user_ids).toContain(w.admin.id);
    expect(second.notified_user_ids).toContain(w.duty.id);
    expect(second.notified_user_ids).not.toContain(lead.id);

    const [{ reason }] = await t.dataSource.query<{ reason: string }[]>(
      `SELECT reason FROM audit_events WHERE action = 'alert.escalate' AND entity_id = $1 ORDER BY seq LIMIT 1`,
      [alertId],
    );
    expect(reason).toMatch(/level 1, 2 notified/);

    const read = await readAs(w.duty, alertId);
    expect(read.status).toBe(200);
    expect(read.body.escalationLevel).toBe(2);
    const ack = await t.http.post(`/api/v1/alerts/${alertId}/acknowledge`).set('authorization', await bearer(t, w.duty)).send({ note: '已电话联系家长' });
    expect(ack.status).toBe(200);
    expect(ack.body.acknowledgedBy).toBe(w.duty.id);
  });

  it('notifies no officer when the escalation falls outside a holiday, even one on a shift', async () => {
    clock.set('2027-03-01T01:00:00Z'); // 09:00 on a school day, inside a rostered day shift
    const alertId = await raise();
    clock.advance(31 * MINUTE);
    await escalate();
    const [first] = await stepsOf(alertId);
    expect(first.notified_user_ids).toEqual([lead.id]);
    expect(await noticesOf(alertId, w.duty.id)).toEqual([]);
    expect((await readAs(w.duty, alertId)).status).toBe(404);
  });

  it('gives an administrator on duty one notice per step: routed at the first, the escalation at the second', async () => {
    const admin = { authorization: await bearer(t, w.admin) };
    expect((await t.http.post('/api/v1/duty-roster').set(admin).send({ dutyDate: '2027-01-21', shift: 'day', officerId: w.admin.id, phone: '138-0000-0001' })).status).toBe(201);
    clock.set('2027-01-20T23:50:00Z'); // 07:50 on 21 January: nobody on duty yet
    const alertId = await raise();
    clock.set('2027-01-21T00:21:00Z');
    await escalate();
    clock.advance(31 * MINUTE);
    await escalate();
    const second = (await stepsOf(alertId))[1];
    expect(second.notified_user_ids.filter((id) => id === w.admin.id)).toHaveLength(1);
    expect(await noticesOf(alertId, w.admin.id)).toEqual([{ kind: 'alert.routed_to_duty' }, { kind: 'alert.escalated' }]);
  });
});
