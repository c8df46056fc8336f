import { randomUUID } from 'node:crypto';
import { ManualClock } from '#core';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { bearer, createSchoolWorld, createUser } from '../support/factories.js';
import { createHoliday, defaultRuleId, insertReminder, type ReminderFixture } from './reminder-fixtures.js';

describe('reminder reports', () => {
  const clock = new ManualClock(new Date('2027-01-20T02:00:00Z'));
  let t: TestApp;
  let w: Awaited<ReturnType<typeof createSchoolWorld>>;
  let lead: { id: string };
  let holidayId: string;
  let otherHolidayId: string;
  let classRule: string;
  let planRule: string;
  let studentName: string;
  const ids: Record<string, string> = {};

  const as = async (user: { id: string }) => ({ authorization: await bearer(t, user) });
  const get = async (user: { id: string }, path: string) => t.http.get(`/api/v1/reminders/${path}`).set(await as(user));
  const reminder = (overrides: Partial<ReminderFixture>) =>
    insertReminder(t, { schoolId: w.school.id, ruleId: classRule, holidayId, recipientId: w.teacher.id, subjectType: 'class', subjectId: w.classA.id, dueAt: '2027-01-24T16:00:00Z', ...overrides });

  beforeAll(async () => {
    t = await createTestApp({ clock });
    w = await createSchoolWorld(t);
    lead = await createUser(t, { schoolId: w.school.id, role: 'counseling_lead', displayName: '李主任' });
    holidayId = await createHoliday(t, w.admin);
    otherHolidayId = await createHoliday(t, w.admin, '2027-07-10', '2027-08-31');
    classRule = await defaultRuleId(t, w.school.id, 'pre_holiday_safety_education');
    planRule = await defaultRuleId(t, w.school.id, 'pre_holiday_safety_plan');
    [{ name: studentName }] = await t.dataSource.query('SELECT name FROM students WHERE id = $1', [w.studentA.id]);
    ids.lateClassA = await reminder({ dueAt: '2027-01-18T16:00:00Z' });
    ids.lateClassB = await reminder({ recipientId: w.teacher2.id, subjectId: w.classB.id, dueAt: '2027-01-19T16:00:00Z', status: 'acknowledged' });
    ids.onTime = await reminder({ dueAt: '2027-01-24T16:00:00Z' });
    ids.done = await reminder({ dueAt: '2027-01-10T16:00:00Z', status: 'done' });
    ids.latePlan = await reminder({ ruleId: planRule, recipientId: w.counselor.id, subjectType: 'student', subjectId: w.studentA.id, studentId: w.studentA.id, dueAt: '2027-01-19T00:00:00Z' });
    ids.otherHoliday = await reminder({ holidayId: otherHolidayId, dueAt: '2027-07-05T16:00:00Z' });
    // Another school's reminders never show.
    const otherRule = await defaultRuleId(t, w.otherSchool.id, 'pre_holiday_safety_education');
    const otherHoliday = await createHoliday(t, w.otherAdmin);
    await insertReminder(t, { schoolId: w.otherSchool.id, ruleId: otherRule, holidayId: otherHoliday, recipientId: w.otherAdmin.id, subjectType: 'class', subjectId: w.otherClass.id, dueAt: '2027-01-01T00:00:00Z' });
  });
  afterAll(async () => t.close());

  it('counts the school reminders by window, rule and status, with the overdue ones per rule', async () => {
    const res = await get(w.admin, `counts?holidayId=${holidayId}`);
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([
      {
        windowKind: 'pre_holiday',
        rule: { id: classRule, code: 'pre_holiday_safety_education', titleZh: expect.any(String), titleEn: expect.any(String) },
        byStatus: { open: 2, acknowledged: 1, snoozed: 0, done: 1 },
        total: 4,
        overdue: 2,
      },
      {
        windowKind: 'pre_holiday',
        rule: { id: planRule, code: 'pre_holiday_safety_plan', titleZh: expect.any(String), titleEn: expect.any(String) },
        byStatus: { open: 1, acknowledged: 0, snoozed: 0, done: 0 },
        total: 1,
        overdue: 1,
      },
    ]);
    const all = await get(lead, 'counts');
    expect(all.body.items[0]).toMatchObject({ byStatus: { open: 3 }, total: 5 });
    expect((await get(w.admin, `counts?holidayId=${randomUUID()}`)).body.items).toEqual([]);
    expect((await get(w.admin, 'counts?holidayId=nope')).status).toBe(400);
  });

  it('lists the overdue ones with their recipients, oldest first; administrators get no student names', async () => {
    const res = await get(w.admin, 'overdue');
    expect(res.status).toBe(200);
    expect(res.body.items.map((r: { id: string }) => r.id)).toEqual([ids.lateClassA, ids.latePlan, ids.lateClassB]);
    expect(res.body.items[0]).toMatchObject({ overdue: true, recipient: { id: w.teacher.id, displayName: w.teacher.username, role: 'class_teacher' }, subject: { type: 'class', id: w.classA.id } });
    expect(res.body.items[1].subject).toEqual({ type: 'student', id: w.studentA.id });
    expect(JSON.stringify(res.body)).not.toContain(studentName);
    // The head of counseling may see the school's students.
    const forLead = await get(lead, 'overdue');
    expect(forLead.body.items[1].subject).toMatchObject({ type: 'student', name: studentName });
    const audits = await t.dataSource.query(`SELECT actor_id, reason FROM audit_events WHERE action = 'reminder.list_overdue' ORDER BY seq`);
    expect(audits).toEqual([
      { actor_id: w.admin.id, reason: '1 reminders about students' },
      { actor_id: lead.id, reason: '1 reminders about students' },
    ]);
  });

  it('filters the overdue ones by window and rule, and pages them', async () => {
    expect((await get(w.admin, `overdue?ruleId=${planRule}`)).body.items.map((r: { id: string }) => r.id)).toEqual([ids.latePlan]);
    expect((await get(w.admin, 'overdue?window=post_return')).body.items).toEqual([]);
    const first = await get(w.admin, 'overdue?limit=2');
    expect(first.body.items).toHaveLength(2);
    const second = await get(w.admin, `overdue?limit=2&cursor=${first.body.nextCursor}`);
    expect(second.body.items.map((r: { id: string }) => r.id)).toEqual([ids.lateClassB]);
    expect((await get(w.admin, 'overdue?cursor=bm9wZQ')).status).toBe(400);
  });

  it('is for administrators and the head of counseling only; the static paths are not reminder ids', async () => {
    for (const user of [w.teacher, w.counselor, w.duty]) {
      expect((await get(user, 'counts')).status).toBe(403);
      expect((await get(user, 'overdue')).status).toBe(403);
    }
  });
});
