import { ManualClock } from '#core';
import { FieldCipher } from '#crypto';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { bearer, createCase, createSchoolWorld, createStudent, createUser } from '../support/factories.js';
import { giveWeekdayAvailability, MONDAY, setRiskLevel, shanghai, SUNDAY_EVENING } from './counseling-support.js';

describe('a missed session', () => {
  const clock = new ManualClock(new Date(SUNDAY_EVENING));
  let t: TestApp;
  let w: Awaited<ReturnType<typeof createSchoolWorld>>;
  let slot = 0;

  beforeAll(async () => {
    t = await createTestApp({ clock });
    w = await createSchoolWorld(t);
    await giveWeekdayAvailability(t, w.counselor);
  });
  afterAll(async () => t.close());
  afterEach(() => clock.set(SUNDAY_EVENING));

  const auth = async (user: { id: string }) => ({ authorization: await bearer(t, user) });
  /** Books a session (each test its own half hour) and moves the clock past its start. */
  const bookAndMiss = async (studentId: string, counselor: { id: string } = w.counselor) => {
    const start = 9 * 60 + 30 * slot++;
    const time = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
    const session = await t.http
      .post('/api/v1/appointments')
      .set(await auth(counselor))
      .send({ studentId, startsAt: shanghai(MONDAY, time(start)), endsAt: shanghai(MONDAY, time(start + 30)) });
    expect(session.status).toBe(201);
    clock.set(shanghai(MONDAY, time(start + 15)));
    return t.http.post(`/api/v1/appointments/${session.body.id}/no-show`).set(await auth(counselor)).send({ version: 1 });
  };
  const newStudent = () => createStudent(t, { schoolId: w.school.id, classId: w.classA.id });
  const alertsOf = (appointmentId: string) =>
    t.dataSource.query(`SELECT severity, reason_code FROM alerts WHERE source_type = 'appointment_no_show' AND source_id = $1`, [appointmentId]);

  it('raises one alert when the student is at high risk, and tells the counselor to follow up', async () => {
    const student = await newStudent();
    await setRiskLevel(t, student, w.school.id, 'high');
    const res = await bookAndMiss(student.id);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'no_show', allowedActions: [] });
    expect(await alertsOf(res.body.id)).toEqual([{ severity: 'high', reason_code: 'no_show_at_high_risk' }]);
    const followUps = await t.dataSource.query(`SELECT recipient_id FROM notifications WHERE kind = 'appointment.no_show' AND entity_id = $1`, [res.body.id]);
    expect(followUps).toEqual([{ recipient_id: w.counselor.id }]);
    // Once: a second no-show of the same session is refused by the state machine.
    const again = await t.http.post(`/api/v1/appointments/${res.body.id}/no-show`).set(await auth(w.counselor)).send({ version: 2 });
    expect(again.status).toBe(409);
    expect(await alertsOf(res.body.id)).toHaveLength(1);
  });

  it('raises a critical alert for a student at critical risk', async () => {
    const student = await newStudent();
    await setRiskLevel(t, student, w.school.id, 'critical');
    const res = await bookAndMiss(student.id);
    expect(await alertsOf(res.body.id)).toEqual([{ severity: 'critical', reason_code: 'no_show_at_critical_risk' }]);
  });

  it('raises no alert below high risk, but still a follow-up', async () => {
    const student = await newStudent();
    await setRiskLevel(t, student, w.school.id, 'moderate');
    const res = await bookAndMiss(student.id);
    expect(await alertsOf(res.body.id)).toEqual([]);
    const followUps = await t.dataSource.query(`SELECT count(*)::int AS n FROM notifications WHERE kind = 'appointment.no_show' AND entity_id = $1`, [res.body.id]);
    expect(followUps[0].n).toBe(1);
  });

  it('puts a follow-up task on the student\'s open case, assigned to the counselor, with the title encrypted', async () => {
    const student = await newStudent();
    const kase = await createCase(t, { schoolId: w.school.id, studentId: student.id, ownerId: w.counselor.id });
    const res = await bookAndMiss(student.id);
    const [task] = await t.dataSource.query(`SELECT id, assignee_id, title, due_at, status FROM case_tasks WHERE case_id = $1`, [kase.id]);
    expect(task).toMatchObject({ assignee_id: w.counselor.id, status: 'open' });
    expect(task.title).toMatch(/^v1\./);
    expect(new Date(task.due_at).getTime() - clock.now().getTime()).toBe(24 * 3_600_000);
    const events = await t.dataSource.query(`SELECT kind, data FROM case_events WHERE case_id = $1 ORDER BY occurred_at, kind`, [kase.id]);
    expect(events).toEqual([
      { kind: 'signal_attached', data: { source: { type: 'appointment', id: res.body.id } } },
      { kind: 'task_created', data: expect.objectContaining({ taskId: task.id, assigneeId: w.counselor.id, source: { type: 'appointment', id: res.body.id } }) },
    ]);
    // Bound like the case tasks' own titles, so the case plan reads it.
    const title = t.app.get(FieldCipher).decrypt(task.title, { table: 'case_tasks', column: 'title', rowId: task.id });
    expect(title).toContain('Follow up a missed counseling session');
  });

  it('gives the task to the case owner when the session\'s counselor is not on the case team, and tells the counselor', async () => {
    const owner = await createUser(t, { schoolId: w.school.id, role: 'counselor' });
    const student = await newStudent();
    const kase = await createCase(t, { schoolId: w.school.id, studentId: student.id, ownerId: owner.id });
    const res = await bookAndMiss(student.id);
    const [task] = await t.dataSource.query(`SELECT assignee_id FROM case_tasks WHERE case_id = $1`, [kase.id]);
    expect(task.assignee_id).toBe(owner.id);
    const told = await t.dataSource.query(`SELECT recipient_id FROM notifications WHERE kind = 'appointment.no_show' AND entity_id = $1`, [res.body.id]);
    expect(told).toEqual([{ recipient_id: w.counselor.id }]);
  });

  it('records how a session went only once it has begun', async () => {
    const student = await newStudent();
    const session = await t.http
      .post('/api/v1/appointments')
      .set(await auth(w.counselor))
      .send({ studentId: student.id, startsAt: shanghai(MONDAY, '16:00'), endsAt: shanghai(MONDAY, '16:30') });
    const early = await t.http.post(`/api/v1/appointments/${session.body.id}/no-show`).set(await auth(w.counselor)).send({ version: 1 });
    expect(early.status).toBe(409);
    expect(early.body.code).toBe('appointment.not_started');
  });
});
