import { ManualClock } from '#core';
import { ReminderSweepService } from '#reminders';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { bearer, createSchoolWorld } from '../support/factories.js';
import { confirmDelivery, lessonBody, planActivity } from '../education/education-helpers.js';

/** A class teacher's pre-holiday safety-education reminder closes itself once every required topic is confirmed delivered. */
describe('reminder closed by a confirmed topic', () => {
  // The summer holiday starts 2027-07-10; its pre-holiday window opened 2027-06-26 (Asia/Shanghai).
  const clock = new ManualClock(new Date('2027-06-28T02:00:00Z'));
  let t: TestApp;
  let w: Awaited<ReturnType<typeof createSchoolWorld>>;
  let sweep: ReminderSweepService;

  beforeAll(async () => {
    t = await createTestApp({ clock });
    sweep = t.app.get(ReminderSweepService);
    w = await createSchoolWorld(t);
    const admin = { authorization: await bearer(t, w.admin) };
    expect((await t.http.post('/api/v1/calendar/holidays').set(admin).send({ kind: 'summer', name: '暑假', startsOn: '2027-07-10', endsOn: '2027-08-31' })).status).toBe(201);
  });
  afterAll(async () => t.close());

  const educationReminderOf = async (classId: string) => {
    const [row] = await t.dataSource.query<{ status: string; completed_by: string | null }[]>(
      `SELECT r.status, r.completed_by FROM reminders r JOIN reminder_rules rr ON rr.id = r.rule_id
        WHERE rr.code = 'pre_holiday_safety_education' AND r.subject_id = $1`,
      [classId],
    );
    return row;
  };

  it('stays open while one required topic is missing, and closes when the last is confirmed', async () => {
    await sweep.run();
    expect(await educationReminderOf(w.classA.id)).toEqual({ status: 'open', completed_by: null });
    const required = await t.dataSource.query<{ id: string }[]>(`SELECT id FROM education_topics WHERE school_id IS NULL AND active AND required_before_holiday ORDER BY sort_order`);
    expect(required.length).toBeGreaterThan(1);

    // All but the last topic, taught and confirmed today.
    const first = await planActivity(t, w.teacher, lessonBody({ topicIds: required.slice(0, -1).map((r) => r.id), classIds: [w.classA.id], startsAt: '2027-06-28T01:00:00Z' }));
    expect(first.status).toBe(201);
    expect((await confirmDelivery(t, w.teacher, first.body.deliveries[0].id, { version: 1, presentCount: 1, missedStudentIds: [] })).status).toBe(201);
    await sweep.run();
    expect((await educationReminderOf(w.classA.id)).status).toBe('open');

    // The last one planned but not yet confirmed: still open; confirmed: closed by itself.
    const last = await planActivity(t, w.teacher, lessonBody({ topicIds: [required.at(-1)!.id], classIds: [w.classA.id], startsAt: '2027-06-28T01:50:00Z' }));
    await sweep.run();
    expect((await educationReminderOf(w.classA.id)).status).toBe('open');
    expect((await confirmDelivery(t, w.teacher, last.body.deliveries[0].id, { version: 1, presentCount: 1, missedStudentIds: [] })).status).toBe(201);
    expect((await sweep.run()).completed).toBe(1);
    expect(await educationReminderOf(w.classA.id)).toEqual({ status: 'done', completed_by: null });
    // Class B taught nothing: its reminder stays open.
    expect((await educationReminderOf(w.classB.id)).status).toBe('open');
  });
});
