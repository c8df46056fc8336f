import { randomUUID } from 'node:crypto';
import { AlertEscalationJob, AlertsService, type AlertSeverity } from '#alerts';
import { ManualClock } from '#core';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { bearer, createSchoolWorld } from '../support/factories.js';

const MINUTE = 60_000;

describe('alert report for administrators', () => {
  let t: TestApp;
  let w: Awaited<ReturnType<typeof createSchoolWorld>>;
  const start = new Date('2026-12-01T00:00:00Z');
  const clock = new ManualClock(start);

  const raise = (severity: AlertSeverity) =>
    t.dataSource.transaction((m) =>
      t.app.get(AlertsService).raise(m, { schoolId: w.school.id }, {
        schoolId: w.school.id, studentId: w.studentA.id, severity, sourceType: 'manual', sourceId: randomUUID(), reasonCode: 'manual',
      }),
    ) as Promise<string>;
  const acknowledgeAfter = async (id: string, minutes: number) => {
    clock.advance(minutes * MINUTE);
    await t.http.post(`/api/v1/alerts/${id}/acknowledge`).set('authorization', await bearer(t, w.counselor)).send({ note: 'done' });
    clock.set(start);
  };

  beforeAll(async () => {
    t = await createTestApp({ clock });
    w = await createSchoolWorld(t);
    // Critical: acknowledged after 10, 20, 30 and 40 minutes (before any escalation run); one left open and escalated.
    for (const minutes of [10, 20, 30, 40]) await acknowledgeAfter(await raise('critical'), minutes);
    await raise('critical');
    clock.advance(31 * MINUTE);
    await t.app.get(AlertEscalationJob).run();
    clock.set(start);
    // High: one acknowledged after 60 minutes.
    await acknowledgeAfter(await raise('high'), 60);
  });
  afterAll(async () => t.close());

  const report = async (user: { id: string }, query: Record<string, string>) =>
    t.http.get('/api/v1/reports/alerts').query(query).set('authorization', await bearer(t, user));

  it('gives counts, median and 90th-percentile minutes to acknowledge, and escalations, per severity', async () => {
    const res = await report(w.admin, { from: '2026-11-30T00:00:00Z', to: '2026-12-02T00:00:00Z' });
    expect(res.status).toBe(200);
    expect(res.body.severities).toEqual([
      { severity: 'critical', raised: 5, acknowledged: 4, stillOpen: 1, escalated: 1, medianMinutesToAcknowledge: 25, p90MinutesToAcknowledge: 37 },
      { severity: 'high', raised: 1, acknowledged: 1, stillOpen: 0, escalated: 0, medianMinutesToAcknowledge: 60, p90MinutesToAcknowledge: 60 },
    ]);
    expect(JSON.stringify(res.body)).not.toContain(w.studentA.id);
  });

  it('counts nothing outside the range or of another school', async () => {
    const empty = await report(w.admin, { from: '2026-12-05T00:00:00Z', to: '2026-12-06T00:00:00Z' });
    expect(empty.body.severities.map((s: { raised: number }) => s.raised)).toEqual([0, 0]);
    expect(empty.body.severities[0].medianMinutesToAcknowledge).toBeNull();
    const other = await report(w.otherAdmin, { from: '2026-11-30T00:00:00Z', to: '2026-12-02T00:00:00Z' });
    expect(other.body.severities.map((s: { raised: number }) => s.raised)).toEqual([0, 0]);
  });

  it('refuses counselors and teachers, and a reversed range', async () => {
    expect((await report(w.counselor, { from: '2026-11-30T00:00:00Z', to: '2026-12-02T00:00:00Z' })).status).toBe(403);
    expect((await report(w.teacher, { from: '2026-11-30T00:00:00Z', to: '2026-12-02T00:00:00Z' })).status).toBe(403);
    expect((await report(w.admin, { from: '2026-12-02T00:00:00Z', to: '2026-11-30T00:00:00Z' })).status).toBe(400);
    expect((await report(w.admin, { from: 'yesterday', to: '2026-11-30T00:00:00Z' })).status).toBe(400);
  });
});
