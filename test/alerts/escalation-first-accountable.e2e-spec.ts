import { randomUUID } from 'node:crypto';
import { AlertEscalationJob, AlertsService } from '#alerts';
import { ManualClock } from '#core';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { bearer, createClass, createSchool, createStudent, createUser, type TestUser } from '../support/factories.js';

const MINUTE = 60_000;
/** A critical alert's default time to acknowledge is 30 minutes: each run one minute past it moves it up once. */
const STEP = 31 * MINUTE;

/**
 * The last escalation level (3) pages the school's first person accountable (第一责任人), named
 * through PATCH /users/{userId}; a school that has named none stops at level 2, as before.
 * Every test makes its own school, so that what the job does to one alert never shows in another.
 */
describe('alert escalation ends with the first person accountable', () => {
  const clock = new ManualClock(new Date('2027-03-02T01:00:00Z'));
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ clock });
  });
  afterAll(async () => t.close());

  interface School {
    id: string;
    head: TestUser;
    admin: TestUser;
    lead: TestUser;
    duty: TestUser;
    studentId: string;
  }

  /** A school with a head of counseling, two administrators (one of them its head) and a duty officer. */
  async function school(options: { withHead: boolean }): Promise<School> {
    const { id } = await createSchool(t);
    const [head, admin, lead, duty] = await Promise.all([
      createUser(t, { schoolId: id, role: 'admin' }),
      createUser(t, { schoolId: id, role: 'admin' }),
      createUser(t, { schoolId: id, role: 'counseling_lead' }),
      createUser(t, { schoolId: id, role: 'duty_officer' }),
    ]);
    const student = await createStudent(t, { schoolId: id, classId: (await createClass(t, id)).id });
    if (options.withHead) await name(admin, head);
    return { id, head, admin, lead, duty, studentId: student.id };
  }

  /** `by` names `whom` the first person accountable (or, with false, takes the flag away), as an administrator does. */
  async function name(by: TestUser, whom: TestUser, flag = true): Promise<void> {
    const current = await t.http.get(`/api/v1/users/${whom.id}`).set('authorization', await bearer(t, by));
    const res = await t.http
      .patch(`/api/v1/users/${whom.id}`)
      .set('authorization', await bearer(t, by))
      .send({ firstAccountable: flag, version: current.body.version });
    expect(res.status).toBe(200);
    expect(res.body.firstAccountable).toBe(flag);
  }

  const raise = (s: School) =>
    t.dataSource.transaction((m) =>
      t.app.get(AlertsService).raise(m, { schoolId: s.id }, {
        schoolId: s.id, studentId: s.studentId, severity: 'critical', sourceType: 'manual', sourceId: randomUUID(), reasonCode: 'manual',
      }),
    ) as Promise<string>;
  const escalate = () => t.app.get(AlertEscalationJob).run();
  /** Runs the job one step later, `times` times over. */
  const stepUp = async (times: number) => {
    for (let i = 0; i < times; i++) {
      clock.advance(STEP);
      await escalate();
    }
  };
  const alertOf = async (alertId: string) =>
    (await t.dataSource.query<{ escalation_level: number; next_escalation_at: Date | null }[]>(
      'SELECT escalation_level, next_escalation_at FROM alerts WHERE id = $1',
      [alertId],
    ))[0];
  const stepsOf = (alertId: string) =>
    t.dataSource.query<{ level: number; notified_user_ids: string[] }[]>('SELECT level, notified_user_ids FROM alert_escalations WHERE alert_id = $1 ORDER BY level', [alertId]);
  const noticesOf = (alertId: string, userId: string) =>
    t.dataSource.query<{ kind: string }[]>('SELECT kind FROM notifications WHERE entity_id = $1 AND recipient_id = $2 ORDER BY created_at, id', [alertId, userId]);
  const auditOf = (alertId: string) =>
    t.dataSource.query<{ action: string; reason: string }[]>(
      `SELECT action, reason FROM audit_events WHERE entity_id = $1 AND action LIKE 'alert.escalat%' ORDER BY seq`,
      [alertId],
    );

  it('pages the first person accountable at level 3, after the administrators, and stops there', async () => {
    const s = await school({ withHead: true });
    clock.set('2027-03-02T01:00:00Z'); // 09:00 on a school day in Shanghai: no duty roster applies
    const alertId = await raise(s);

    await stepUp(2);
    const atTwo = await alertOf(alertId);
    expect(atTwo.escalation_level).toBe(2);
    expect(atTwo.next_escalation_at).toEqual(new Date(clock.now().getTime() + 30 * MINUTE));

    await stepUp(1);
    expect(await alertOf(alertId)).toEqual({ escalation_level: 3, next_escalation_at: null });
    const steps = await stepsOf(alertId);
    expect(steps.map((step) => step.level)).toEqual([1, 2, 3]);
    expect([...steps[1].notified_user_ids].sort()).toEqual([s.head.id, s.admin.id].sort());
    expect(steps[2].notified_user_ids).toEqual([s.head.id]);
    expect(await noticesOf(alertId, s.head.id)).toEqual([{ kind: 'alert.escalated' }, { kind: 'alert.escalated' }]);
    expect(await noticesOf(alertId, s.admin.id)).toEqual([{ kind: 'alert.escalated' }]);
    expect((await auditOf(alertId)).at(-1)).toEqual({ action: 'alert.escalate', reason: 'not acknowledged in time; escalated to level 3, 1 notified' });

    await stepUp(3);
    expect(await stepsOf(alertId)).toHaveLength(3);

    const read = await t.http.get(`/api/v1/alerts/${alertId}`).set('authorization', await bearer(t, s.head));
    expect(read.status).toBe(200);
    expect(read.body.escalationLevel).toBe(3);
    expect(read.body.escalations.map((step: { level: number }) => step.level)).toEqual([1, 2, 3]);
    const ack = await t.http.post(`/api/v1/alerts/${alertId}/acknowledge`).set('authorization', await bearer(t, s.head)).send({ note: '校长已联系家长和班主任' });
    expect(ack.status).toBe(200);
    expect(ack.body.acknowledgedBy).toBe(s.head.id);
  });

  it('reaches the officer on holiday duty at level 3 as well, as a routed alert', async () => {
    const s = await school({ withHead: true });
    const admin = { authorization: await bearer(t, s.admin) };
    expect((await t.http.post('/api/v1/calendar/holidays').set(admin).send({ kind: 'winter', name: '寒假', startsOn: '2027-01-16', endsOn: '2027-02-20' })).status).toBe(201);
    expect((await t.http.post('/api/v1/duty-roster').set(admin).send({ dutyDate: '2027-01-20', shift: 'day', officerId: s.duty.id, phone: '138-0000-0000' })).status).toBe(201);
    clock.set('2027-01-20T00:30:00Z'); // 08:30 on 20 January, in the holiday's day shift
    const alertId = await raise(s);

    await stepUp(3);
    const [, , last] = await stepsOf(alertId);
    expect(last.level).toBe(3);
    expect([...last.notified_user_ids].sort()).toEqual([s.head.id, s.duty.id].sort());
    // Routed when raised and at each of the three steps.
    expect(await noticesOf(alertId, s.duty.id)).toEqual(Array(4).fill({ kind: 'alert.routed_to_duty' }));
    expect((await noticesOf(alertId, s.head.id)).at(-1)).toEqual({ kind: 'alert.escalated' });
    expect((await auditOf(alertId)).at(-1)?.reason).toBe('not acknowledged in time; escalated to level 3, 2 notified');
  });

  it('stops at level 2 in a school without a first person accountable, as before', async () => {
    const s = await school({ withHead: false });
    clock.set('2027-03-03T01:00:00Z');
    const alertId = await raise(s);

    await stepUp(2);
    expect(await alertOf(alertId)).toEqual({ escalation_level: 2, next_escalation_at: null });
    await stepUp(3);
    expect((await stepsOf(alertId)).map((step) => step.level)).toEqual([1, 2]);
    expect(await noticesOf(alertId, s.head.id)).toEqual([{ kind: 'alert.escalated' }]);
  });

  it('pages whoever holds the flag when the step comes: a head named since the alert reached level 2', async () => {
    const s = await school({ withHead: true });
    clock.set('2027-03-04T01:00:00Z');
    const alertId = await raise(s);
    await stepUp(2);
    await name(s.head, s.admin); // the head names the other administrator in their place

    await stepUp(1);
    const [, , last] = await stepsOf(alertId);
    expect(last.notified_user_ids).toEqual([s.admin.id]);
  });

  it('ends the escalation at level 2, audited, when the flag was taken away after the alert got there', async () => {
    const s = await school({ withHead: true });
    clock.set('2027-03-05T01:00:00Z');
    const alertId = await raise(s);
    await stepUp(2);
    expect((await alertOf(alertId)).next_escalation_at).not.toBeNull();
    await name(s.admin, s.head, false);

    await stepUp(1);
    expect(await alertOf(alertId)).toEqual({ escalation_level: 2, next_escalation_at: null });
    expect((await stepsOf(alertId)).map((step) => step.level)).toEqual([1, 2]);
    expect((await auditOf(alertId)).at(-1)).toEqual({
      action: 'alert.escalation_stop',
      reason: 'not acknowledged in time; stays at level 2: the school has no first person accountable',
    });
    expect(await escalate()).toBe(0);
  });

  it('counts only the alerts that moved up', async () => {
    const s = await school({ withHead: true });
    clock.set('2027-03-08T01:00:00Z');
    const [first, second] = [await raise(s), await raise(s)];
    await stepUp(2);
    await name(s.admin, s.head, false);
    clock.advance(STEP);
    expect(await escalate()).toBe(0);
    expect([(await alertOf(first)).escalation_level, (await alertOf(second)).escalation_level]).toEqual([2, 2]);
  });
});
