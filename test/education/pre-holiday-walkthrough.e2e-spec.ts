import { type DEMO_USERS, seedDemoSchool } from '#demo';
import { createTestApp, type TestApp } from '../support/test-app.js';

const DEMO_PASSWORD = 'demo-password';

/**
 * The README's walkthrough "Which classes still miss the pre-holiday safety topics", step by
 * step, with the demo accounts signing in: if this fails, the README is no longer true.
 */
describe('README walkthrough: which classes still miss the pre-holiday safety topics', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());

  async function signIn(username: (typeof DEMO_USERS)[number]['username']): Promise<{ authorization: string }> {
    const res = await t.http.post('/api/v1/auth/login').send({ username, password: DEMO_PASSWORD });
    expect(res.status).toBe(200);
    return { authorization: `Bearer ${res.body.accessToken}` };
  }

  it('runs end to end with the demo accounts', async () => {
    await seedDemoSchool(t.dataSource, DEMO_PASSWORD);
    const admin = await signIn('admin');
    const teacher = await signIn('teacher');
    const missing = async () =>
      (await t.http.get('/api/v1/reports/education-missing-topics').query({ before: '2026-07-11' }).set(admin)).body;

    // 1. Every class of the demo school misses all eight required topics.
    const before = await missing();
    expect(before.from).toBe('2026-06-11');
    expect(before.classes.map((c: { className: string }) => c.className)).toEqual(['高一1班', '高一2班', '高二1班', '高二2班']);
    expect(before.classes[0].teachers.map((x: { displayName: string }) => x.displayName)).toEqual(['陈老师 (class teacher, 高一1班)']);
    expect(before.classes[0].missingTopics.map((x: { nameZh: string }) => x.nameZh)).toEqual([
      '消防安全',
      '防溺水',
      '防煤气中毒',
      '防范电信网络诈骗',
      '传染病防控',
      '预防校园欺凌',
      '交通安全',
      '心理健康与自我调适',
    ]);

    // 2. The class teacher plans a class meeting on the eight topics for 高一1班.
    const classId = (await t.http.get('/api/v1/classes').set(teacher)).body.items[0].id;
    const topicIds = (await t.http.get('/api/v1/education/topics').set(teacher)).body.items
      .filter((x: { requiredBeforeHoliday: boolean }) => x.requiredBeforeHoliday)
      .map((x: { id: string }) => x.id);
    const planned = await t.http.post('/api/v1/education/activities').set(teacher).send({
      kind: 'class_lesson',
      title: '暑假前安全教育主题班会',
      topicIds,
      classIds: [classId],
      startsAt: '2026-07-03T15:00:00+08:00',
      endsAt: '2026-07-03T15:45:00+08:00',
      place: '高一1班教室',
      deliveredByName: '陈老师',
    });
    expect(planned.status).toBe(201);
    const deliveryId = planned.body.deliveries[0].id;

    // 3. The teacher confirms it: 29 present, one student missed it and needs a catch-up.
    const absent = (await t.http.get('/api/v1/students').query({ limit: 1 }).set(teacher)).body.items[0];
    const confirmed = await t.http
      .post(`/api/v1/education/deliveries/${deliveryId}/confirmations`)
      .set(teacher)
      .send({ version: 1, presentCount: 29, missedStudentIds: [absent.id] });
    expect(confirmed.body).toMatchObject({ revision: 1, presentCount: 29, classSize: 30 });
    const catchUps = await t.http.get('/api/v1/education/catch-ups').set(teacher);
    expect(catchUps.body.items.map((c: { student: { name: string } }) => c.student.name)).toEqual([absent.name]);

    // 4. 高一1班 is off the list; the CSV for the report upward starts with a BOM.
    expect((await missing()).classes.map((c: { className: string }) => c.className)).toEqual(['高一2班', '高二1班', '高二2班']);
    const csv = await t.http.get('/api/v1/education/coverage.csv').query({ from: '2026-06-11', to: '2026-07-10' }).set(admin);
    expect(csv.status).toBe(200);
    expect(csv.text.startsWith('\uFEFF年级,班级,消防安全')).toBe(true);
  });
});
