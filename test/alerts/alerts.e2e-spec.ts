import { randomUUID } from 'node:crypto';
import { AlertEscalationJob, AlertsService, type AlertSeverity } from '#alerts';
import { ManualClock } from '#core';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { bearer, createSchoolWorld, createUser } from '../support/factories.js';

const MINUTE = 60_000;

describe('alerts', () => {
  let t: TestApp;
  let w: Awaited<ReturnType<typeof createSchoolWorld>>;
  let lead: Awaited<ReturnType<typeof createUser>>;
  const clock = new ManualClock(new Date('2026-12-01T02:00:00Z'));

  beforeAll(async () => {
    t = await createTestApp({ clock });
    w = await createSchoolWorld(t);
    lead = await createUser(t, { schoolId: w.school.id, role: 'counseling_lead' });
  });
  afterAll(async () => t.close());

  /** Raises an alert the way the screening or flag modules do: inside their own transaction. */
  const raise = (severity: AlertSeverity, studentId = w.studentA.id, sourceId: string | null = randomUUID(), schoolId = w.school.id) =>
    t.dataSource.transaction((m) =>
      t.app.get(AlertsService).raise(m, { schoolId }, { schoolId, studentId, severity, sourceType: 'screening_response', sourceId, reasonCode: 'critical_item' }),
    );
  const escalate = () => t.app.get(AlertEscalationJob).run();
  const inbox = async (user: { id: string }) =>
    (await t.http.get('/api/v1/notifications').set('authorization', await bearer(t, user))).body.items as { kind: string; entityId: string }[];
  const alertRow = async (id: string) =>
    (await t.dataSource.query('SELECT status, escalation_level, next_escalation_at, ack_due_at FROM alerts WHERE id = $1', [id]))[0];

  it('raises one alert per source, due in 30 minutes when critical, and tells the counselors', async () => {
    const source = randomUUID();
    const id = await raise('critical', w.studentA.id, source);
    expect(await raise('critical', w.studentA.id, source)).toBeNull();
    const [{ n }] = await t.dataSource.query('SELECT count(*)::int AS n FROM alerts WHERE source_id = $1', [source]);
    expect(n).toBe(1);
    const row = await alertRow(id as string);
    expect(row.ack_due_at.getTime() - clock.now().getTime()).toBe(30 * MINUTE);
    expect((await inbox(w.counselor)).some((n) => n.kind === 'alert.raised' && n.entityId === id)).toBe(true);
    expect((await inbox(lead)).some((n) => n.entityId === id)).toBe(true);
    expect((await inbox(w.teacher)).some((n) => n.entityId === id)).toBe(false);
  });

  it('is rolled back with the transaction that raised it', async () => {
    const source = randomUUID();
    await expect(
      t.dataSource.transaction(async (m) => {
        await t.app.get(AlertsService).raise(m, { schoolId: w.school.id }, {
          schoolId: w.school.id, studentId: w.studentA.id, severity: 'critical', sourceType: 'screening_response', sourceId: source, reasonCode: 'critical_item',
        });
        throw new Error('the response failed to store');
      }),
    ).rejects.toThrow('the response failed to store');
    const [{ n }] = await t.dataSource.query('SELECT count(*)::int AS n FROM alerts WHERE source_id = $1', [source]);
    expect(n).toBe(0);
  });

  it('uses a deadline the school set for the severity', async () => {
    await t.dataSource.query(`INSERT INTO alert_deadlines (school_id, severity, ack_minutes) VALUES ($1, 'high', 120)`, [w.school.id]);
    const id = await raise('high');
    expect((await alertRow(id as string)).ack_due_at.getTime() - clock.now().getTime()).toBe(120 * MINUTE);
    const other = await raise('high', w.otherStudent.id, randomUUID(), w.otherSchool.id);
    expect((await alertRow(other as string)).ack_due_at.getTime() - clock.now().getTime()).toBe(24 * 60 * MINUTE);
  });

  describe('acknowledgement', () => {
    it('records who and when, keeps the note encrypted, and stops escalation', async () => {
      const id = (await raise('critical')) as string;
      const res = await t.http
        .post(`/api/v1/alerts/${id}/acknowledge`)
        .set('authorization', await bearer(t, w.counselor))
        .send({ note: '已电话联系学生与家长，学生安全' });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ status: 'acknowledged', acknowledgedBy: w.counselor.id, acknowledgementNote: '已电话联系学生与家长，学生安全' });
      const [stored] = await t.dataSource.query('SELECT acknowledgement_note FROM alerts WHERE id = $1', [id]);
      expect(stored.acknowledgement_note).toMatch(/^v1\./);
      expect(stored.acknowledgement_note).not.toContain('学生');
      clock.advance(3 * 60 * MINUTE);
      await escalate();
      expect((await alertRow(id)).escalation_level).toBe(0);
      clock.advance(-3 * 60 * MINUTE);
    });

    it('answers 409 the second time and 404 for another school, like a missing alert', async () => {
      const id = (await raise('critical')) as string;
      const auth = await bearer(t, w.counselor);
      expect((await t.http.post(`/api/v1/alerts/${id}/acknowledge`).set('authorization', auth).send({ note: 'seen' })).status).toBe(200);
      const again = await t.http.post(`/api/v1/alerts/${id}/acknowledge`).set('authorization', auth).send({ note: 'seen' });
      expect(again.status).toBe(409);
      expect(again.body.code).toBe('alert.already_acknowledged');
      const otherAuth = await bearer(t, w.otherCounselor);
      const foreign = await t.http.post(`/api/v1/alerts/${id}/acknowledge`).set('authorization', otherAuth).send({ note: 'seen' });
      const missing = await t.http.post(`/api/v1/alerts/${randomUUID()}/acknowledge`).set('authorization', otherAuth).send({ note: 'seen' });
      expect(foreign.status).toBe(404);
      expect(foreign.body).toEqual(missing.body);
    });

    it('is refused to class teachers and duty officers outside their duty', async () => {
      const id = (await raise('high')) as string;
      // Class teachers never reach alerts (403); a duty officer reaches only the alerts routed to
      // them on holiday duty, so any other answers 404 like a missing one.
      for (const [user, status] of [[w.teacher, 403], [w.duty, 404]] as const) {
        expect((await t.http.get(`/api/v1/alerts/${id}`).set('authorization', await bearer(t, user))).status).toBe(status);
        expect((await t.http.post(`/api/v1/alerts/${id}/acknowledge`).set('authorization', await bearer(t, user)).send({ note: 'x1' })).status).toBe(status);
      }
    });

    it('shows administrators who acknowledged, not what was written', async () => {
      const id = (await raise('critical')) as string;
      await t.http.post(`/api/v1/alerts/${id}/acknowledge`).set('authorization', await bearer(t, w.counselor)).send({ note: 'clinical detail' });
      const res = await t.http.get(`/api/v1/alerts/${id}`).set('authorization', await bearer(t, w.admin));
      expect(res.body).toMatchObject({ acknowledgedBy: w.counselor.id, acknowledgementNote: null });
    });
  });

  describe('escalation', () => {
    it('moves an unacknowledged alert to the head of counseling, then to the administrators, recording each step', async () => {
      const id = (await raise('critical')) as string;
      clock.advance(29 * MINUTE);
      await escalate();
      expect((await alertRow(id)).escalation_level).toBe(0);
      clock.advance(2 * MINUTE);
      await escalate();
      expect((await alertRow(id)).escalation_level).toBe(1);
      expect((await inbox(lead)).some((n) => n.kind === 'alert.escalated' && n.entityId === id)).toBe(true);
      expect((await inbox(w.admin)).some((n) => n.kind === 'alert.escalated' && n.entityId === id)).toBe(false);
      clock.advance(31 * MINUTE);
      await escalate();
      expect((await alertRow(id)).escalation_level).toBe(2);
      expect((await inbox(w.admin)).some((n) => n.kind === 'alert.escalated' && n.entityId === id)).toBe(true);
      clock.advance(120 * MINUTE);
      await escalate();
      const detail = await t.http.get(`/api/v1/alerts/${id}`).set('authorization', await bearer(t, w.counselor));
      expect(detail.body.escalations.map((e: { level: number }) => e.level)).toEqual([1, 2]);
      expect(detail.body.overdue).toBe(true);
      const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'alert.escalate' AND entity_id = $1`, [id]);
      expect(n).toBe(2);
    });

    it('after downtime, escalates each overdue alert once per run, and two runs at once escalate it once', async () => {
      const ids = (await Promise.all([1, 2, 3, 4, 5].map(() => raise('critical')))) as string[];
      clock.advance(10 * 60 * MINUTE); // the service was down for ten hours
      const counts = await Promise.all([escalate(), escalate(), escalate()]);
      expect(counts.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(5);
      for (const id of ids) {
        expect((await alertRow(id)).escalation_level).toBe(1);
        const steps = await t.dataSource.query('SELECT level FROM alert_escalations WHERE alert_id = $1', [id]);
        expect(steps).toEqual([{ level: 1 }]);
      }
    });

    it('goes straight to administrators at level 1 where the school has no head of counseling', async () => {
      const source = randomUUID();
      const id = (await t.dataSource.transaction((m) =>
        t.app.get(AlertsService).raise(m, { schoolId: w.otherSchool.id }, {
          schoolId: w.otherSchool.id, studentId: w.otherStudent.id, severity: 'critical', sourceType: 'manual', sourceId: source, reasonCode: 'manual',
        }),
      )) as string;
      clock.advance(31 * MINUTE);
      await escalate();
      expect((await inbox(w.otherAdmin)).some((n) => n.kind === 'alert.escalated' && n.entityId === id)).toBe(true);
    });
  });

  it('lists the school\'s alerts oldest first, filtered by status and severity', async () => {
    const auth = await bearer(t, w.counselor);
    const res = await t.http.get('/api/v1/alerts').query({ status: 'open', severity: ['critical', 'high'], limit: 200 }).set('authorization', auth);
    expect(res.status).toBe(200);
    const items = res.body.items as { raisedAt: string; status: string; studentId: string }[];
    expect(items.length).toBeGreaterThan(3);
    expect(items.every((a) => a.status === 'open')).toBe(true);
    expect(items.map((a) => a.raisedAt)).toEqual([...items.map((a) => a.raisedAt)].sort());
    expect(items.some((a) => a.studentId === w.otherStudent.id)).toBe(false);
    expect(JSON.stringify(items)).not.toContain('acknowledgementNote');
    const bad = await t.http.get('/api/v1/alerts').query({ severity: 'medium' }).set('authorization', auth);
    expect(bad.status).toBe(400);
  });
});
