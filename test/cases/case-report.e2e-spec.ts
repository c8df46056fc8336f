import { randomUUID } from 'node:crypto';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { bearer, createSchoolWorld, createStudent, createUser } from '../support/factories.js';

describe('case report for administrators', () => {
  let t: TestApp;
  let w: Awaited<ReturnType<typeof createSchoolWorld>>;
  let lead: Awaited<ReturnType<typeof createUser>>;
  const APRIL = { from: '2026-04-01T00:00:00+08:00', to: '2026-05-01T00:00:00+08:00' };

  beforeAll(async () => {
    t = await createTestApp();
    w = await createSchoolWorld(t);
    lead = await createUser(t, { schoolId: w.school.id, role: 'counseling_lead' });

    // Times are in Shanghai; April is the period reported.
    const a = await caseOf({ risk: 'high', state: 'active', openedAt: '2026-04-01T08:00' });
    await alertLinkedTo(a, '2026-04-01T08:00');
    await contact(a, '2026-04-01T07:00'); // before the alert: not a response to it
    await contact(a, '2026-04-01T08:30', 'not_reached'); // 30 minutes: an attempt counts
    await contact(a, '2026-04-01T10:00');

    const b = await caseOf({ risk: 'moderate', state: 'closed', openedAt: '2026-04-02T08:00', closedAt: '2026-04-06T08:00' });
    await alertLinkedTo(b, '2026-04-02T08:00');
    await contact(b, '2026-04-02T09:30'); // 90 minutes

    const c = await caseOf({ risk: 'high', state: 'closed', openedAt: '2026-03-01T08:00', closedAt: '2026-04-11T08:00', reopenCount: 1 });
    await alertLinkedTo(c, '2026-04-05T08:00'); // no contact since

    const d = await caseOf({ risk: 'low', state: 'monitoring', openedAt: '2026-04-03T08:00' });
    await alertLinkedTo(d, '2026-03-20T08:00'); // raised before the period
    await contact(d, '2026-03-20T08:05');

    await caseOf({ risk: 'critical', state: 'open', openedAt: '2026-04-10T08:00' });
    await caseOf({ risk: 'low', state: 'closed', openedAt: '2026-02-01T08:00', closedAt: '2026-02-10T08:00', reopenCount: 2 });
    // An alert not linked to any case.
    await alert(w.studentA.id, '2026-04-02T08:00');
    // Another school's case does not count anywhere.
    const foreign = await caseOf({ risk: 'critical', state: 'active', openedAt: '2026-04-02T08:00', schoolId: w.otherSchool.id });
    await alertLinkedTo(foreign, '2026-04-02T08:00', w.otherSchool.id);
    await contact(foreign, '2026-04-02T08:01', 'reached', w.otherSchool.id);
  });
  afterAll(async () => t.close());

  const at = (local: string) => new Date(`${local}:00+08:00`);
  const caseOf = async (c: { risk: string; state: string; openedAt: string; closedAt?: string; reopenCount?: number; schoolId?: string }) => {
    const schoolId = c.schoolId ?? w.school.id;
    const classId = schoolId === w.school.id ? w.classA.id : w.otherClass.id;
    const owner = schoolId === w.school.id ? w.counselor.id : w.otherCounselor.id;
    const student = await createStudent(t, { schoolId, classId });
    const [row] = await t.dataSource.query<{ id: string }[]>(
      `INSERT INTO cases (school_id, student_id, risk_level, owner_id, source_type, opened_at, opened_by, state, closed_at, reopen_count)
       VALUES ($1, $2, $3, $4, 'manual', $5, $4, $6, $7, $8) RETURNING id`,
      [schoolId, student.id, c.risk, owner, at(c.openedAt), c.state, c.closedAt ? at(c.closedAt) : null, c.reopenCount ?? 0],
    );
    return { id: row.id, studentId: student.id, schoolId };
  };
  const alert = async (studentId: string, raisedAt: string, schoolId = w.school.id) =>
    (
      await t.dataSource.query<{ id: string }[]>(
        `INSERT INTO alerts (school_id, student_id, severity, source_type, source_id, reason_code, raised_at, ack_due_at)
         VALUES ($1, $2, 'high', 'manual', $3, 'manual', $4, $4) RETURNING id`,
        [schoolId, studentId, randomUUID(), at(raisedAt)],
      )
    )[0].id;
  const alertLinkedTo = async (kase: { id: string; studentId: string; schoolId: string }, raisedAt: string, schoolId = w.school.id) => {
    const alertId = await alert(kase.studentId, raisedAt, schoolId);
    await t.dataSource.query(
      `INSERT INTO case_signals (school_id, case_id, source_type, source_id, attached_at) VALUES ($1, $2, 'alert', $3, $4)`,
      [schoolId, kase.id, alertId, at(raisedAt)],
    );
  };
  const contact = async (kase: { id: string }, contactedAt: string, outcome = 'reached', schoolId = w.school.id) =>
    t.dataSource.query(
      `INSERT INTO case_contacts (school_id, case_id, counterpart, channel, outcome, contacted_at, recorded_by)
       VALUES ($1, $2, 'student', 'in_person', $3, $4, $5)`,
      [schoolId, kase.id, outcome, at(contactedAt), schoolId === w.school.id ? w.counselor.id : w.otherCounselor.id],
    );
  const report = async (user: { id: string }, query: Record<string, string> = APRIL) =>
    t.http.get('/api/v1/reports/cases').query(query).set({ authorization: await bearer(t, user) });

  it('counts open cases, times from alert to first contact and from opening to closure, and the reopen rate', async () => {
    const res = await report(w.admin);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      from: APRIL.from,
      to: APRIL.to,
      openCases: {
        total: 3,
        byRiskLevel: { low: 1, moderate: 0, high: 1, critical: 1 },
        byState: { open: 1, assessing: 0, active: 1, monitoring: 1, referred: 0 },
      },
      // Alerts of cases a (30 min), b (90 min) and c (no contact yet).
      alertToFirstContact: { alerts: 3, contacted: 2, medianMinutes: 60 },
      // b in 4 days, c in 41 days.
      openingToClosure: { closed: 2, medianDays: 22.5 },
      // Opened in April: a, b, d, e; closed in April: b, c. Of those five, c was reopened.
      reopenRate: { cases: 5, reopened: 1, rate: 0.2 },
      definitions: {
        openCases: expect.any(String),
        alertToFirstContact: expect.any(String),
        openingToClosure: expect.any(String),
        reopenRate: expect.any(String),
      },
    });
    expect(JSON.stringify(res.body)).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);
  });

  it('answers the head of counseling the same, another school only its own figures, and counselors 403', async () => {
    expect((await report(lead)).body.openCases.total).toBe(3);
    const other = await report(w.otherAdmin);
    expect(other.body).toMatchObject({
      openCases: { total: 1 },
      alertToFirstContact: { alerts: 1, contacted: 1, medianMinutes: 1 },
      openingToClosure: { closed: 0, medianDays: null },
      reopenRate: { cases: 1, reopened: 0, rate: 0 },
    });
    expect((await report(w.counselor)).status).toBe(403);
    expect((await report(w.teacher)).status).toBe(403);
  });

  it('answers null medians and rate for a period with nothing in it', async () => {
    const res = await report(w.admin, { from: '2025-01-01T00:00:00Z', to: '2025-02-01T00:00:00Z' });
    expect(res.body).toMatchObject({
      alertToFirstContact: { alerts: 0, contacted: 0, medianMinutes: null },
      openingToClosure: { closed: 0, medianDays: null },
      reopenRate: { cases: 0, reopened: 0, rate: null },
    });
  });

  it.each([
    ['no period', {}, 'from'],
    ['an end before the start', { from: APRIL.to, to: APRIL.from }, 'from'],
    ['a date that is not one', { from: 'april', to: APRIL.to }, 'from'],
    ['an unknown filter', { ...APRIL, studentId: randomUUID() }, 'studentId'],
  ])('refuses %s with 400 naming the field', async (_label, query, field) => {
    const res = await report(w.admin, query as Record<string, string>);
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
  });
});
