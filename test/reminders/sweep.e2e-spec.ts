import { jest } from '@jest/globals';
import { EntityManager } from 'typeorm';
import { ManualClock } from '#core';
import { ReminderSweepService } from '#reminders';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { bearer, createCase, createSchoolWorld, createStudent, createUser } from '../support/factories.js';

/**
 * The winter holiday 2027-01-16 .. 2027-02-20 (Asia/Shanghai) with the default windows:
 * pre_holiday from 2027-01-02, holiday, pre_return from 2027-02-14, post_return from 2027-02-21.
 */
describe('reminder sweep', () => {
  const clock = new ManualClock(new Date('2026-12-20T02:00:00Z'));
  let t: TestApp;
  let w: Awaited<ReturnType<typeof createSchoolWorld>>;
  let sweep: ReminderSweepService;
  let holidayId: string;
  let caseId: string;
  let lead: { id: string };

  beforeAll(async () => {
    t = await createTestApp({ clock });
    sweep = t.app.get(ReminderSweepService);
    w = await createSchoolWorld(t);
    const admin = { authorization: await bearer(t, w.admin) };
    holidayId = (await t.http.post('/api/v1/calendar/holidays').set(admin).send({ kind: 'winter', name: '寒假', startsOn: '2027-01-16', endsOn: '2027-02-20' })).body.id;
    // Student A is at high risk with an open case owned by the counselor; student B was flagged by their teacher.
    await t.dataSource.query(
      `INSERT INTO student_risk (student_id, school_id, level, level_rank, derived_level, updated_at) VALUES ($1, $2, 'high', 3, 'high', now())`,
      [w.studentA.id, w.school.id],
    );
    caseId = (await createCase(t, { schoolId: w.school.id, studentId: w.studentA.id, ownerId: w.counselor.id, riskLevel: 'high' })).id;
    await t.dataSource.query(
      `INSERT INTO concern_flags (school_id, student_id, raised_by, category, severity, observed_at, observation, created_at)
       VALUES ($1, $2, $3, 'low_mood_or_withdrawal', 'medium', $4, 'x', $4)`,
      [w.school.id, w.studentB.id, w.teacher2.id, new Date('2026-12-01T02:00:00Z')],
    );
  });
  afterAll(async () => t.close());

  const remindersOf = async (code: string) =>
    t.dataSource.query<{ id: string; recipient_id: string; subject_type: string; subject_id: string; status: string; period_no: number; due_at: Date; completed_by: string | null; escalated_to: string[] }[]>(
      `SELECT r.id, r.recipient_id, r.subject_type, r.subject_id, r.status, r.period_no, r.due_at, r.completed_by, r.escalated_to
         FROM reminders r JOIN reminder_rules rr ON rr.id = r.rule_id
        WHERE rr.code = $1 AND r.school_id = $2 ORDER BY r.period_no, r.subject_id, r.recipient_id`,
      [code, w.school.id],
    );
  const count = async (sql: string, params: unknown[] = []) => (await t.dataSource.query<{ n: number }[]>(sql, params))[0].n;

  it('creates nothing before a window opens, but gives every school its default rules', async () => {
    expect(await sweep.run()).toEqual({ created: 0, completed: 0, woken: 0, escalated: 0 });
    expect(await count('SELECT count(*)::int AS n FROM reminder_rules WHERE school_id = $1', [w.school.id])).toBe(9);
    expect(await count('SELECT count(*)::int AS n FROM reminder_rules WHERE school_id = $1', [w.otherSchool.id])).toBe(9);
  });

  it('opens the pre-holiday reminders for the right people and subjects, with their outbox rows and an audit entry per rule', async () => {
    clock.set(new Date('2027-01-03T01:00:00Z'));
    const result = await sweep.run();
    const education = await remindersOf('pre_holiday_safety_education');
    expect(education.map((r) => [r.subject_id, r.recipient_id]).sort()).toEqual([[w.classA.id, w.teacher.id], [w.classB.id, w.teacher2.id]].sort());
    expect(education[0].due_at.toISOString()).toBe('2027-01-15T16:00:00.000Z');
    expect((await remindersOf('pre_holiday_categories')).length).toBe(2);
    expect((await remindersOf('pre_holiday_safety_plan')).map((r) => [r.subject_type, r.subject_id, r.recipient_id])).toEqual([['student', w.studentA.id, w.counselor.id]]);
    expect((await remindersOf('pre_holiday_duty_roster')).map((r) => [r.subject_type, r.recipient_id])).toEqual([['school', w.admin.id]]);
    expect(await remindersOf('holiday_check_in')).toEqual([]);
    expect(result.created).toBe(6);
    expect(await count(`SELECT count(*)::int AS n FROM reminder_deliveries WHERE school_id = $1 AND event = 'created'`, [w.school.id])).toBe(6);
    expect(await count(`SELECT count(*)::int AS n FROM audit_events WHERE school_id = $1 AND action = 'reminder.create'`, [w.school.id])).toBe(4);
    expect(await count('SELECT count(*)::int AS n FROM reminders WHERE school_id = $1', [w.otherSchool.id])).toBe(0);
  });

  it('creates each reminder once when run again, or three times at once on separate connections', async () => {
    expect((await sweep.run()).created).toBe(0);
    clock.set(new Date('2027-01-16T01:00:00Z'));
    const runs = await Promise.all([sweep.run(), sweep.run(), sweep.run()]);
    expect(runs.map((r) => r.created).sort()).toEqual([0, 0, 1]);
    expect((await remindersOf('holiday_check_in')).map((r) => [r.period_no, r.recipient_id])).toEqual([[0, w.counselor.id]]);
    expect(await count(`SELECT count(*)::int AS n FROM reminder_deliveries d JOIN reminders r ON r.id = d.reminder_id JOIN reminder_rules rr ON rr.id = r.rule_id WHERE rr.code = 'holiday_check_in'`)).toBe(1);
  });

  it('closes a reminder by itself when its condition is met: a reached contact logged for the check-in, every student registered for the categories', async () => {
    clock.set(new Date('2027-01-17T03:00:00Z'));
    const counselor = { authorization: await bearer(t, w.counselor) };
    const contact = await t.http.post(`/api/v1/cases/${caseId}/contacts`).set(counselor).send({ counterpart: 'student', channel: 'phone', outcome: 'reached', contactedAt: '2027-01-17T02:30:00Z' });
    expect(contact.status).toBe(201);
    const teacher = { authorization: await bearer(t, w.teacher) };
    const registered = await t.http.put(`/api/v1/calendar/holidays/${holidayId}/categories/${w.studentA.id}`).set(teacher).send({ whereabouts: 'at_home', contactPhone: '138 1234 5678' });
    expect(registered.status).toBe(201);
    const result = await sweep.run();
    expect(result.completed).toBe(2);
    expect((await remindersOf('holiday_check_in')).map((r) => [r.status, r.completed_by])).toEqual([['done', null]]);
    const categories = await remindersOf('pre_holiday_categories');
    expect(categories.find((r) => r.subject_id === w.classA.id)!.status).toBe('done');
    expect(categories.find((r) => r.subject_id === w.classB.id)!.status).not.toBe('done');
    expect(await count(`SELECT count(*)::int AS n FROM audit_events WHERE school_id = $1 AND action = 'reminder.complete_automatically'`, [w.school.id])).toBe(2);
  });

  it('an unanswered call is not a check-in', async () => {
    clock.set(new Date('2027-01-23T03:00:00Z'));
    const counselor = { authorization: await bearer(t, w.counselor) };
    await sweep.run();
    await t.http.post(`/api/v1/cases/${caseId}/contacts`).set(counselor).send({ counterpart: 'class_teacher', channel: 'phone', outcome: 'not_reached', contactedAt: '2027-01-23T02:00:00Z' });
    await t.http.post(`/api/v1/cases/${caseId}/contacts`).set(counselor).send({ counterpart: 'student', channel: 'phone', outcome: 'not_reached', contactedAt: '2027-01-23T02:00:00Z' });
    await sweep.run();
    expect((await remindersOf('holiday_check_in')).map((r) => [r.period_no, r.status])).toEqual([[0, 'done'], [1, 'open']]);
  });

  it('escalates an overdue reminder once, to the head of counseling where there is one, else the administrators, with a notification and an outbox row', async () => {
    // The class teachers' pre-holiday reminders were due 2027-01-16 00:00 (+08:00) and escalated 24 hours later, by the sweeps above.
    const [education] = (await remindersOf('pre_holiday_safety_education')).filter((r) => r.recipient_id === w.teacher.id);
    expect(education.escalated_to).toEqual([w.admin.id]);
    // The only administrator's own reminder has nobody above it.
    expect((await remindersOf('pre_holiday_duty_roster'))[0].escalated_to).toEqual([]);
    lead = await createUser(t, { schoolId: w.school.id, role: 'counseling_lead' });
    clock.set(new Date('2027-01-25T03:00:00Z'));
    await sweep.run();
    // The second check-in period (due 2027-01-30) is not overdue yet; the first categories reminder of class B is, since 01-17.
    const [categoriesB] = (await remindersOf('pre_holiday_categories')).filter((r) => r.subject_id === w.classB.id);
    expect(categoriesB.escalated_to).toEqual([w.admin.id]);
    clock.set(new Date('2027-01-31T17:00:00Z'));
    await sweep.run();
    const [, secondCheckIn] = await remindersOf('holiday_check_in');
    expect(secondCheckIn.escalated_to).toEqual([lead.id]);
    for (const r of [education, secondCheckIn]) {
      const superior = r === education ? w.admin.id : lead.id;
      expect(await count(`SELECT count(*)::int AS n FROM notifications WHERE recipient_id = $1 AND kind = 'reminder.escalated' AND entity_id = $2`, [superior, r.id])).toBe(1);
      expect(await count(`SELECT count(*)::int AS n FROM reminder_deliveries WHERE reminder_id = $1 AND event = 'escalated'`, [r.id])).toBe(1);
      expect(await count(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'reminder.escalate' AND entity_id = $1`, [r.id])).toBe(1);
    }
    expect((await sweep.run()).escalated).toBe(0);
  });

  it('wakes a snoozed reminder when its time has come, back to where it was', async () => {
    const [plan] = await remindersOf('pre_holiday_safety_plan');
    await t.dataSource.query(`UPDATE reminders SET status = 'snoozed', acknowledged_at = $2, snoozed_until = $2 WHERE id = $1`, [plan.id, new Date('2027-01-23T02:59:00Z')]);
    expect((await sweep.run()).woken).toBe(1);
    expect((await remindersOf('pre_holiday_safety_plan'))[0].status).toBe('acknowledged');
  });

  it('after downtime across the restart, the first sweep creates the post-return reminders and the missed check-ins', async () => {
    clock.set(new Date('2027-02-16T03:00:00Z'));
    await sweep.run();
    expect((await remindersOf('holiday_check_in')).map((r) => r.period_no)).toEqual([0, 1, 2, 3, 4]);
    expect((await remindersOf('pre_return_assessment')).map((r) => [r.subject_type, r.subject_id, r.recipient_id])).toEqual([['case', caseId, w.counselor.id]]);
    clock.set(new Date('2027-02-23T03:00:00Z'));
    await sweep.run();
    const contact = await remindersOf('post_return_case_contact');
    expect(contact.map((r) => [r.subject_id, r.due_at.toISOString()])).toEqual([[caseId, '2027-02-27T16:00:00.000Z']]);
    expect((await remindersOf('post_return_screening')).map((r) => r.recipient_id).sort()).toEqual([w.counselor.id, lead.id].sort());
    expect((await remindersOf('post_return_flag_observation')).map((r) => [r.subject_id, r.recipient_id])).toEqual([[w.studentB.id, w.teacher2.id]]);
  });

  it('creates nothing for a switched-off rule, and nothing whose condition is already met', async () => {
    await t.dataSource.query(`UPDATE reminder_rules SET enabled = false WHERE school_id = $1 AND code = 'post_return_flag_observation'`, [w.otherSchool.id]);
    const otherTeacher = await createUser(t, { schoolId: w.otherSchool.id, role: 'class_teacher' });
    await t.dataSource.query(`INSERT INTO class_teacher_assignments (school_id, class_id, user_id, started_at) VALUES ($1, $2, $3, now())`, [w.otherSchool.id, w.otherClass.id, otherTeacher.id]);
    await t.dataSource.query(
      `INSERT INTO concern_flags (school_id, student_id, raised_by, category, severity, observed_at, observation, created_at) VALUES ($1, $2, $3, 'low_mood_or_withdrawal', 'medium', $4, 'x', $4)`,
      [w.otherSchool.id, w.otherStudent.id, otherTeacher.id, new Date('2026-12-01T02:00:00Z')],
    );
    const otherAdmin = { authorization: await bearer(t, w.otherAdmin) };
    const otherHoliday = await t.http.post('/api/v1/calendar/holidays').set(otherAdmin).send({ kind: 'winter', name: '寒假', startsOn: '2027-01-16', endsOn: '2027-02-20' });
    expect(otherHoliday.status).toBe(201);
    await sweep.run();
    expect(await count(`SELECT count(*)::int AS n FROM reminders r JOIN reminder_rules rr ON rr.id = r.rule_id WHERE r.school_id = $1 AND rr.code = 'post_return_flag_observation'`, [w.otherSchool.id])).toBe(0);
    // A student flagged and already observed after the restart needs no reminder.
    const observed = await createStudent(t, { schoolId: w.school.id, classId: w.classA.id });
    await t.dataSource.query(
      `INSERT INTO concern_flags (school_id, student_id, raised_by, category, severity, observed_at, observation, created_at) VALUES ($1, $2, $3, 'low_mood_or_withdrawal', 'low', $4, 'x', $4), ($1, $2, $3, 'low_mood_or_withdrawal', 'low', $5, 'x', $5)`,
      [w.school.id, observed.id, w.teacher.id, new Date('2026-12-02T02:00:00Z'), new Date('2027-02-22T02:00:00Z')],
    );
    await sweep.run();
    expect((await remindersOf('post_return_flag_observation')).map((r) => r.subject_id)).toEqual([w.studentB.id]);
  });

  it('sweeps with the same number of statements for 2 or 60 students: set-based, no query per student', async () => {
    const statementsToRecreate = async () => {
      await t.database.asOwner(`DELETE FROM reminders WHERE school_id = $1 AND window_kind = 'post_return'`, [w.school.id]);
      const spy = jest.spyOn(EntityManager.prototype, 'query');
      try {
        const { created } = await sweep.run();
        return { created, statements: spy.mock.calls.length };
      } finally {
        spy.mockRestore();
      }
    };
    const few = await statementsToRecreate();
    for (let i = 0; i < 58; i++) {
      const student = await createStudent(t, { schoolId: w.school.id, classId: i % 2 ? w.classA.id : w.classB.id });
      await createCase(t, { schoolId: w.school.id, studentId: student.id, ownerId: w.counselor.id });
    }
    const many = await statementsToRecreate();
    expect(many.created).toBe(few.created + 58);
    expect(many.statements).toBe(few.statements);
  });
});
