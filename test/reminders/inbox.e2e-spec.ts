import { randomUUID } from 'node:crypto';
import { ManualClock } from '#core';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { bearer, createSchoolWorld } from '../support/factories.js';
import { createHoliday, defaultRuleId, insertReminder, type ReminderFixture } from './reminder-fixtures.js';

describe('reminder inbox', () => {
  const clock = new ManualClock(new Date('2027-01-05T02:00:00Z'));
  let t: TestApp;
  let w: Awaited<ReturnType<typeof createSchoolWorld>>;
  let holidayId: string;
  let classRule: string;
  let flagRule: string;
  let planRule: string;
  let studentName: string;
  let classAName: string;

  const as = async (user: { id: string }) => ({ authorization: await bearer(t, user) });
  const inbox = async (user: { id: string }, query = '') => t.http.get(`/api/v1/reminders${query}`).set(await as(user));
  const act = async (user: { id: string }, id: string, action: string, body?: object) => t.http.post(`/api/v1/reminders/${id}/${action}`).set(await as(user)).send(body);
  const reminder = (overrides: Partial<ReminderFixture>) =>
    insertReminder(t, { schoolId: w.school.id, ruleId: classRule, holidayId, recipientId: w.teacher.id, subjectType: 'class', subjectId: w.classA.id, dueAt: '2027-01-24T16:00:00Z', ...overrides });
  const aboutStudentA = (overrides: Partial<ReminderFixture> = {}) =>
    reminder({ ruleId: flagRule, windowKind: 'post_return', subjectType: 'student', subjectId: w.studentA.id, studentId: w.studentA.id, dueAt: '2027-03-10T16:00:00Z', ...overrides });

  beforeAll(async () => {
    t = await createTestApp({ clock });
    w = await createSchoolWorld(t);
    holidayId = await createHoliday(t, w.admin);
    classRule = await defaultRuleId(t, w.school.id, 'pre_holiday_safety_education');
    flagRule = await defaultRuleId(t, w.school.id, 'post_return_flag_observation');
    planRule = await defaultRuleId(t, w.school.id, 'pre_holiday_safety_plan');
    [{ name: studentName }] = await t.dataSource.query('SELECT name FROM students WHERE id = $1', [w.studentA.id]);
    [{ name: classAName }] = await t.dataSource.query('SELECT name FROM classes WHERE id = $1', [w.classA.id]);
  });
  afterAll(async () => t.close());

  describe('the list', () => {
    let classReminder: string;
    let studentReminder: string;
    let doneReminder: string;
    let othersReminder: string;

    beforeAll(async () => {
      classReminder = await reminder({});
      studentReminder = await aboutStudentA();
      doneReminder = await reminder({ dueAt: '2027-01-04T16:00:00Z', status: 'done' });
      othersReminder = await reminder({ recipientId: w.teacher2.id, subjectId: w.classB.id });
    });

    it("answers the caller's own reminders not done, by due time, with the rule and the subject's names, audited once when students are concerned", async () => {
      const before = await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_events WHERE actor_id = $1 AND action = 'reminder.list'`, [w.teacher.id]);
      const res = await inbox(w.teacher);
      expect(res.status).toBe(200);
      expect(res.body.items.map((r: { id: string }) => r.id)).toEqual([classReminder, studentReminder]);
      expect(res.body.nextCursor).toBeNull();
      expect(res.body.items[0]).toMatchObject({
        rule: { id: classRule, code: 'pre_holiday_safety_education', titleZh: expect.any(String), titleEn: expect.any(String) },
        windowKind: 'pre_holiday',
        holidayId,
        status: 'open',
        dueAt: '2027-01-24T16:00:00.000Z',
        completedAutomatically: false,
        overdue: false,
        subject: { type: 'class', id: w.classA.id, name: classAName },
      });
      expect(res.body.items[1].subject).toEqual({ type: 'student', id: w.studentA.id, name: studentName, className: classAName });
      const after = await t.dataSource.query(`SELECT count(*)::int AS n, max(reason) AS reason FROM audit_events WHERE actor_id = $1 AND action = 'reminder.list'`, [w.teacher.id]);
      expect(after[0]).toEqual({ n: before[0].n + 1, reason: '1 reminders about students' });
      expect((await inbox(w.teacher2)).body.items.map((r: { id: string }) => r.id)).toEqual([othersReminder]);
    });

    it('filters by status, window and holiday, and pages by (due time, id); a forged cursor answers 400', async () => {
      const done = await inbox(w.teacher, '?status=done');
      expect(done.body.items.map((r: { id: string }) => r.id)).toEqual([doneReminder]);
      expect(done.body.items[0]).toMatchObject({ status: 'done', completedAutomatically: true, completedAt: '2027-01-04T16:00:00.000Z' });
      expect((await inbox(w.teacher, '?status=done&status=open')).body.items.map((r: { id: string }) => r.id)).toEqual([doneReminder, classReminder, studentReminder]);
      expect((await inbox(w.teacher, '?window=post_return')).body.items.map((r: { id: string }) => r.id)).toEqual([studentReminder]);
      expect((await inbox(w.teacher, '?window=post_return&window=pre_holiday')).body.items).toHaveLength(2);
      expect((await inbox(w.teacher, `?holidayId=${randomUUID()}`)).body.items).toEqual([]);

      const first = await inbox(w.teacher, '?status=open&status=done&limit=2');
      expect(first.body.items.map((r: { id: string }) => r.id)).toEqual([doneReminder, classReminder]);
      const second = await inbox(w.teacher, `?status=open&status=done&limit=2&cursor=${first.body.nextCursor}`);
      expect(second.body.items.map((r: { id: string }) => r.id)).toEqual([studentReminder]);
      expect(second.body.nextCursor).toBeNull();

      const forged = await inbox(w.teacher, `?cursor=${Buffer.from(JSON.stringify(['yesterday', 'x'])).toString('base64url')}`);
      expect(forged.status).toBe(400);
      expect(forged.body.code).toBe('pagination.invalid_cursor');
      expect((await inbox(w.teacher, '?status=closed')).status).toBe(400);
      expect((await inbox(w.teacher, '?view=everyone')).status).toBe(400);
      expect((await inbox(w.teacher, '?holidayId=abc')).status).toBe(400);
    });

    it("answers 404 for another user's reminder, exactly as for a missing one", async () => {
      const others = await t.http.get(`/api/v1/reminders/${othersReminder}`).set(await as(w.teacher));
      const missing = await t.http.get(`/api/v1/reminders/${randomUUID()}`).set(await as(w.teacher));
      expect(others.status).toBe(404);
      expect(others.body).toEqual(missing.body);
      expect((await act(w.teacher, othersReminder, 'acknowledge')).status).toBe(404);
      expect((await act(w.teacher, othersReminder, 'complete', { note: '完成' })).status).toBe(404);
      expect((await t.http.get(`/api/v1/reminders/${classReminder}`).set(await as(w.otherAdmin))).status).toBe(404);
      expect((await t.http.get('/api/v1/reminders/not-a-uuid').set(await as(w.teacher))).status).toBe(400);
    });

    it('marks reminders past due as overdue from the clock', async () => {
      clock.set('2027-01-25T00:00:00Z');
      try {
        const res = await inbox(w.teacher, '?window=pre_holiday');
        expect(res.body.items[0]).toMatchObject({ id: classReminder, overdue: true });
      } finally {
        clock.set('2027-01-05T02:00:00Z');
      }
    });
  });

  describe('actions', () => {
    it('acknowledges an open reminder once, audited; acknowledging again answers 409', async () => {
      const id = await reminder({});
      const res = await act(w.teacher, id, 'acknowledge');
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ id, status: 'acknowledged', acknowledgedAt: clock.now().toISOString(), version: 2 });
      const again = await act(w.teacher, id, 'acknowledge');
      expect(again.status).toBe(409);
      expect(again.body).toMatchObject({ status: 409, code: 'reminder.illegal_transition', reminderStatus: 'acknowledged' });
      const audits = await t.dataSource.query('SELECT action, actor_id FROM audit_events WHERE entity_id = $1', [id]);
      expect(audits).toEqual([{ action: 'reminder.acknowledge', actor_id: w.teacher.id }]);
    });

    it('snoozes until a time after now and not after the due time, and refuses any other', async () => {
      const id = await reminder({ dueAt: '2027-01-10T00:00:00Z' });
      const past = await act(w.teacher, id, 'snooze', { until: '2027-01-05T01:00:00Z' });
      expect(past.status).toBe(400);
      expect(past.body.errors).toEqual([{ field: 'until', message: 'must be in the future' }]);
      const late = await act(w.teacher, id, 'snooze', { until: '2027-01-10T00:00:01Z' });
      expect(late.body.errors).toEqual([{ field: 'until', message: 'must not be after the due time' }]);
      expect((await act(w.teacher, id, 'snooze', { until: 'tomorrow' })).status).toBe(400);
      const unknown = await act(w.teacher, id, 'snooze', { until: '2027-01-08T00:00:00Z', status: 'done' });
      expect(unknown.body.errors).toEqual([{ field: 'status', message: 'is not a field this request accepts' }]);

      const ok = await act(w.teacher, id, 'snooze', { until: '2027-01-08T00:00:00Z' });
      expect(ok.status).toBe(200);
      expect(ok.body).toMatchObject({ status: 'snoozed', snoozedUntil: '2027-01-08T00:00:00.000Z' });
      const longer = await act(w.teacher, id, 'snooze', { until: '2027-01-09T00:00:00Z' });
      expect(longer.body).toMatchObject({ status: 'snoozed', snoozedUntil: '2027-01-09T00:00:00.000Z' });
      expect((await act(w.teacher, id, 'acknowledge')).body.code).toBe('reminder.illegal_transition');
    });

    it('completes with a note, encrypted and shown to the recipient only; a second completion answers 409', async () => {
      const id = await aboutStudentA();
      const noNote = await act(w.teacher, id, 'complete', {});
      expect(noNote.status).toBe(400);
      expect(new Set(noNote.body.errors.map((e: { field: string }) => e.field))).toEqual(new Set(['note']));
      expect((await act(w.teacher, id, 'complete', { note: '' })).status).toBe(400);
      expect((await act(w.teacher, id, 'complete', { note: 'x'.repeat(2001) })).status).toBe(400);

      const done = await act(w.teacher, id, 'complete', { note: '已与学生面谈，情绪稳定' });
      expect(done.status).toBe(200);
      expect(done.body).toMatchObject({ status: 'done', completedBy: w.teacher.id, completedAutomatically: false, completionNote: '已与学生面谈，情绪稳定', completedAt: clock.now().toISOString() });
      const [stored] = await t.dataSource.query('SELECT completion_note FROM reminders WHERE id = $1', [id]);
      expect(stored.completion_note).not.toContain('面谈');
      expect((await t.http.get(`/api/v1/reminders/${id}`).set(await as(w.teacher))).body.completionNote).toBe('已与学生面谈，情绪稳定');

      const again = await act(w.teacher, id, 'complete', { note: '再次完成' });
      expect(again.status).toBe(409);
      expect(again.body.code).toBe('reminder.already_done');
      expect((await act(w.teacher, id, 'snooze', { until: '2027-01-08T00:00:00Z' })).body.code).toBe('reminder.already_done');

      const audits = await t.dataSource.query('SELECT action, student_id, changed_fields FROM audit_events WHERE entity_id = $1 ORDER BY seq', [id]);
      expect(audits).toEqual([
        { action: 'reminder.complete', student_id: w.studentA.id, changed_fields: ['completionNote', 'status'] },
        { action: 'reminder.read', student_id: w.studentA.id, changed_fields: null },
      ]);
    });

    it('lets one of two concurrent completions win; the other answers 409 already done', async () => {
      const id = await reminder({});
      const results = await Promise.all([act(w.teacher, id, 'complete', { note: '第一次' }), act(w.teacher, id, 'complete', { note: '第二次' })]);
      expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
      expect(results.find((r) => r.status === 409)!.body.code).toBe('reminder.already_done');
      const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_events WHERE entity_id = $1 AND action = 'reminder.complete'`, [id]);
      expect(n).toBe(1);
    });

    it('replays the first answer for the same Idempotency-Key', async () => {
      const id = await reminder({});
      const send = async () => t.http.post(`/api/v1/reminders/${id}/complete`).set(await as(w.teacher)).set('idempotency-key', `complete-${id}`).send({ note: '已完成' });
      const first = await send();
      const second = await send();
      expect(first.status).toBe(200);
      expect(second.status).toBe(200);
      expect(second.body).toEqual(first.body);
    });
  });

  describe('escalated reminders', () => {
    let escalated: string;

    beforeAll(async () => {
      escalated = await reminder({
        ruleId: planRule,
        recipientId: w.counselor.id,
        subjectType: 'student',
        subjectId: w.studentA.id,
        studentId: w.studentA.id,
        dueAt: '2027-01-03T00:00:00Z',
        escalatedAt: '2027-01-04T00:00:00Z',
        escalatedTo: [w.admin.id],
      });
    });

    it("shows the superior what was escalated to them, without the student's name for an administrator", async () => {
      const mine = await inbox(w.admin);
      expect(mine.body.items.map((r: { id: string }) => r.id)).not.toContain(escalated);
      const res = await inbox(w.admin, '?view=escalated');
      expect(res.body.items.map((r: { id: string }) => r.id)).toEqual([escalated]);
      expect(res.body.items[0]).toMatchObject({ subject: { type: 'student', id: w.studentA.id }, escalatedAt: '2027-01-04T00:00:00.000Z', overdue: true });
      expect(res.body.items[0].subject.name).toBeUndefined();
      expect(JSON.stringify(res.body)).not.toContain(studentName);
      const detail = await t.http.get(`/api/v1/reminders/${escalated}`).set(await as(w.admin));
      expect(detail.status).toBe(200);
      expect(JSON.stringify(detail.body)).not.toContain(studentName);
      // The counselor who received it sees the name.
      expect((await t.http.get(`/api/v1/reminders/${escalated}`).set(await as(w.counselor))).body.subject.name).toBe(studentName);
      // Not escalated to the other counselor of the school.
      expect((await inbox(w.teacher, '?view=escalated')).body.items).toEqual([]);
      const reads = await t.dataSource.query(`SELECT actor_id, student_id FROM audit_events WHERE entity_id = $1 AND action = 'reminder.read'`, [escalated]);
      expect(reads).toEqual([{ actor_id: w.admin.id, student_id: w.studentA.id }, { actor_id: w.counselor.id, student_id: w.studentA.id }]);
    });

    it('lets the superior complete it but not acknowledge or snooze it', async () => {
      const ack = await act(w.admin, escalated, 'acknowledge');
      expect(ack.status).toBe(403);
      expect(ack.body.code).toBe('reminder.recipient_only');
      const done = await act(w.admin, escalated, 'complete', { note: '已督促个案负责人完成安全计划' });
      expect(done.status).toBe(200);
      expect(done.body).toMatchObject({ status: 'done', completedBy: w.admin.id, completionNote: '已督促个案负责人完成安全计划' });
      // The recipient sees it closed by someone else; the note is decrypted for them too.
      const seen = await t.http.get(`/api/v1/reminders/${escalated}`).set(await as(w.counselor));
      expect(seen.body).toMatchObject({ status: 'done', completedBy: w.admin.id, completionNote: '已督促个案负责人完成安全计划' });
    });
  });
});
