import { ManualClock } from '#core';
import { addDays } from '#holidays';
import { DEMO_SCHOOL_CODE } from '#demo';
import { ReminderSweepService } from '#reminders';
import { DemoSurveyLinkService } from '#screening';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { demoSchool } from './demo.js';

/**
 * The README's walkthrough "Holiday reminders for each role", step by step with the demo
 * accounts: the holiday is moved relative to today instead of waiting for the calendar, and
 * `npm run cli -- reminders:sweep` is the sweep run here. If this fails, the README is no longer true.
 */
describe('README walkthrough: holiday reminders for each role', () => {
  // The real now, as `npm start` has it (rows the database stamps with now() must agree), and
  // today as the school (Asia/Shanghai) sees it.
  const clock = new ManualClock(new Date());
  const today = new Date(clock.now().getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
  let t: TestApp;
  let sweep: ReminderSweepService;

  beforeAll(async () => {
    t = await createTestApp({ clock });
    sweep = t.app.get(ReminderSweepService);
  });
  afterAll(async () => t.close());

  type Item = { rule: { code: string }; subject: { type: string; name?: string }; status: string; completedAutomatically: boolean };
  const day = (offset: number) => addDays(today, offset);

  it('runs before, during and after a holiday with the demo accounts', async () => {
    const as = await demoSchool(t);
    // As `npm start` does on the demo database: an open demo screening campaign with a link to print.
    expect(await t.app.get(DemoSurveyLinkService).readyLinkPath({ schoolCode: DEMO_SCHOOL_CODE, counselorUsername: 'counselor' })).toMatch(/^\/s\//);
    const inbox = async (who: keyof typeof as, query: Record<string, string> = {}) =>
      ((await t.http.get('/api/v1/reminders').query(query).set(as[who])).body.items as Item[]).map((r) => `${r.rule.code}: ${r.subject.name ?? r.subject.type} (${r.status})`).sort();

    // 1. The administrator puts the winter holiday on the calendar: it starts in 10 days.
    const holiday = await t.http.post('/api/v1/calendar/holidays').set(as.admin).send({ kind: 'winter', name: '寒假', startsOn: day(10), endsOn: day(40) });
    expect(holiday.status).toBe(201);
    // 2. The class teacher flags a student (the second of the class, as the README: the walkthroughs
    //    before it reach the first); the counselor opens a case (the student is now at high risk).
    const [, student] = (await t.http.get('/api/v1/students').query({ limit: 2 }).set(as.teacher)).body.items;
    const flag = await t.http.post('/api/v1/concern-flags').set(as.teacher).send({
      studentId: student.id, category: 'low_mood_or_withdrawal', severity: 'high', observedAt: clock.now().toISOString(), observation: '连续两周情绪低落，常独自一人',
    });
    expect(flag.status).toBe(201);
    const opened = await t.http.post('/api/v1/cases').set(as.counselor).send({ studentId: student.id, riskLevel: 'high', sourceType: 'concern_flag', sourceId: flag.body.id });
    expect([200, 201]).toContain(opened.status);
    expect((await t.http.get(`/api/v1/students/${student.id}/risk`).set(as.counselor)).body.level).toMatch(/high|critical/);

    // 3. Before the holiday (the sweep runs every five minutes; `npm run cli -- reminders:sweep` now).
    await sweep.run();
    expect(await inbox('teacher')).toEqual(['pre_holiday_categories: 高一1班 (open)', 'pre_holiday_safety_education: 高一1班 (open)']);
    expect(await inbox('teacher2')).toEqual(['pre_holiday_categories: 高一2班 (open)', 'pre_holiday_safety_education: 高一2班 (open)']);
    expect(await inbox('counselor')).toEqual([`pre_holiday_safety_plan: ${student.name} (open)`]);
    expect(await inbox('admin')).toEqual(['pre_holiday_duty_roster: 示范中学 Demo High School (open)']);
    const dutyInbox = await t.http.get('/api/v1/reminders').set(as.duty);
    expect([dutyInbox.status, dutyInbox.body]).toEqual([200, { items: [], nextCursor: null }]);

    // 4. The counselor records the safety plan; the teacher registers the student's holiday contact, confirmed by the guardian.
    const plan = await t.http.post(`/api/v1/calendar/holidays/${holiday.body.id}/safety-plans`).set(as.counselor).send({ studentId: student.id, plan: '每周电话联系；家长陪伴；出现危机信号立即拨打学校值班电话' });
    expect(plan.status).toBe(201);
    const category = await t.http.put(`/api/v1/calendar/holidays/${holiday.body.id}/categories/${student.id}`).set(as.teacher)
      .send({ whereabouts: 'at_home', contactPhone: '138 0000 1234', guardianConfirmed: true });
    expect(category.status).toBe(201);
    await sweep.run();
    const counselorsDone = (await t.http.get('/api/v1/reminders').query({ status: 'done' }).set(as.counselor)).body.items as Item[];
    expect(counselorsDone.map((r) => [r.rule.code, r.completedAutomatically])).toEqual([['pre_holiday_safety_plan', true]]);

    // 5. During the holiday (moved to have started three days ago): a check-in every 7 days.
    const during = await t.http.patch(`/api/v1/calendar/holidays/${holiday.body.id}`).set(as.admin).send({ startsOn: day(-3), endsOn: day(27), version: holiday.body.version });
    expect(during.status).toBe(200);
    await sweep.run();
    expect(await inbox('counselor', { window: 'holiday' })).toEqual([`holiday_check_in: ${student.name} (open)`]);
    // The pre-holiday window is over now: what was not done is overdue and went to the administrators.
    expect(await inbox('admin', { view: 'escalated' })).toEqual([
      'pre_holiday_categories: 高一1班 (open)', 'pre_holiday_categories: 高一2班 (open)',
      'pre_holiday_safety_education: 高一1班 (open)', 'pre_holiday_safety_education: 高一2班 (open)',
    ]);
    // The counselor reached the family over WeChat, outside the case records, and completes the check-in by hand.
    const [checkIn] = (await t.http.get('/api/v1/reminders').query({ window: 'holiday' }).set(as.counselor)).body.items;
    const completed = await t.http.post(`/api/v1/reminders/${checkIn.id}/complete`).set(as.counselor).send({ note: '微信联系家长，学生在家情况稳定' });
    expect([completed.status, completed.body.status, completed.body.completedAutomatically]).toEqual([200, 'done', false]);
    expect(await inbox('counselor', { window: 'holiday' })).toEqual([]);

    // 6. After school restarts (the holiday moved to have ended yesterday): a contact for the case
    //    within 7 days. (No post-holiday screening reminder: the demo campaign npm start opened counts.)
    const after = await t.http.patch(`/api/v1/calendar/holidays/${holiday.body.id}`).set(as.admin).send({ startsOn: day(-31), endsOn: day(-1), version: during.body.version });
    expect(after.status).toBe(200);
    await sweep.run();
    expect(await inbox('counselor', { window: 'post_return' })).toEqual([`post_return_case_contact: ${student.name} (open)`]);
    expect(await inbox('teacher', { window: 'post_return' })).toEqual([]);
    const contact = await t.http.post(`/api/v1/cases/${opened.body.id}/contacts`).set(as.counselor)
      .send({ counterpart: 'student', channel: 'in_person', outcome: 'reached', contactedAt: clock.now().toISOString() });
    expect(contact.status).toBe(201);
    await sweep.run();
    expect(await inbox('counselor', { window: 'post_return' })).toEqual([]);

    // The administrator's view of the whole school: counts by window, rule and status.
    const counts = await t.http.get('/api/v1/reminders/counts').query({ holidayId: holiday.body.id }).set(as.admin);
    const byRule = Object.fromEntries((counts.body.items as { rule: { code: string }; byStatus: Record<string, number> }[]).map((c) => [c.rule.code, c.byStatus]));
    expect(byRule).toMatchObject({
      pre_holiday_safety_education: { open: 2, done: 0 },
      pre_holiday_categories: { open: 2 },
      pre_holiday_safety_plan: { done: 1 },
      pre_holiday_duty_roster: { open: 1 },
      holiday_check_in: { done: 1 },
      post_return_case_contact: { done: 1 },
    });
  });
});
