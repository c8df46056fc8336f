import { ManualClock } from '#core';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { bearer, createSchoolWorld } from '../support/factories.js';
import { lessonBody, planActivity, systemTopicIds } from './education-helpers.js';

const REPORT = '/api/v1/reports/education-missing-topics';

/**
 * Without `before`, the missing-topics report looks at the school's next holiday on its term
 * calendar and that holiday's pre-holiday window. 16:00 on 15 June in Shanghai.
 */
describe('the missing-topics report defaults to the next holiday', () => {
  const clock = new ManualClock(new Date('2026-06-15T08:00:00Z'));
  let t: TestApp;
  let w: Awaited<ReturnType<typeof createSchoolWorld>>;
  let topics: Record<string, string>;
  const as = async (user: { id: string }) => ({ authorization: await bearer(t, user) });
  const report = async (query: Record<string, string> = {}) => t.http.get(REPORT).query(query).set(await as(w.admin));
  const missingOfA = (body: { classes: { classId: string; missingTopics: { code: string }[] }[] }) =>
    body.classes.find((c) => c.classId === w.classA.id)?.missingTopics.map((x) => x.code) ?? [];
  const addHoliday = async (startsOn: string, endsOn: string) =>
    expect((await t.http.post('/api/v1/calendar/holidays').set(await as(w.admin)).send({ kind: 'other', name: `假期${startsOn}`, startsOn, endsOn })).status).toBe(201);

  beforeAll(async () => {
    t = await createTestApp({ clock });
    w = await createSchoolWorld(t);
    topics = await systemTopicIds(t);
  });
  afterAll(async () => t.close());

  it('answers 400 education.no_upcoming_holiday naming `before` while no holiday is ahead', async () => {
    const res = await report();
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'education.no_upcoming_holiday', errors: [{ field: 'before', message: expect.any(String) }] });
    expect(res.body.detail).toMatch(/pass `before`.*or add the holiday/);
  });

  it("takes the next holiday's first day and its pre-holiday window (14 days by default, then the school's setting)", async () => {
    // Ended yesterday in Shanghai: not the next holiday.
    await addHoliday('2026-06-01', '2026-06-14');
    await addHoliday('2026-07-11', '2026-08-31');
    // Fire safety on 20 June is before the 14-day window (from 27 June); drowning on 28 June inside it.
    for (const [code, startsAt] of [['fire_safety', '2026-06-20T02:00:00Z'], ['drowning', '2026-06-28T02:00:00Z']]) {
      expect((await planActivity(t, w.counselor, lessonBody({ classIds: [w.classA.id], topicIds: [topics[code]], startsAt }))).status).toBe(201);
    }

    const res = await report();
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ from: '2026-06-27', before: '2026-07-11' });
    expect(missingOfA(res.body)).toContain('fire_safety');
    expect(missingOfA(res.body)).not.toContain('drowning');

    const settings = await t.http.patch('/api/v1/calendar/window-settings').set(await as(w.admin)).send({ preHolidayDays: 30, version: 1 });
    expect(settings.status).toBe(200);
    const wider = await report();
    expect(wider.body).toMatchObject({ from: '2026-06-11', before: '2026-07-11' });
    expect(missingOfA(wider.body)).not.toContain('fire_safety');

    // An explicit `from` narrows the defaulted window.
    expect((await report({ from: '2026-07-01' })).body).toMatchObject({ from: '2026-07-01', before: '2026-07-11' });
    expect((await report({ from: '2026-07-11' })).status).toBe(400);
  });

  it('keeps an explicit `before` as it was: the 30 days before it', async () => {
    const res = await report({ before: '2026-09-01' });
    expect(res.body).toMatchObject({ from: '2026-08-02', before: '2026-09-01' });
  });

  it("counts a holiday under way, and reads 'today' in the school's zone", async () => {
    clock.set('2026-07-20T04:00:00Z');
    expect((await report()).body).toMatchObject({ before: '2026-07-11' });
    // 01:00 on 1 September in Shanghai, still 31 August in UTC: the summer holiday is over.
    clock.set('2026-08-31T17:00:00Z');
    const after = await report();
    expect(after.status).toBe(400);
    expect(after.body.code).toBe('education.no_upcoming_holiday');
    clock.set('2026-06-15T08:00:00Z');
  });
});
