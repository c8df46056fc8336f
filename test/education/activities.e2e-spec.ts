import { randomUUID } from 'node:crypto';
import { ManualClock } from '#core';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { bearer, createClass, createGrade, createSchoolWorld } from '../support/factories.js';
import { auditActions, confirmDelivery, lessonBody, planActivity, systemTopicIds } from './education-helpers.js';

const NOW = '2026-06-15T02:00:00.000Z';
const NEXT_WEEK = '2026-06-22T06:00:00.000Z';

describe('education activities', () => {
  const clock = new ManualClock(new Date(NOW));
  let t: TestApp;
  let w: Awaited<ReturnType<typeof createSchoolWorld>>;
  let topics: Record<string, string>;
  const as = async (user: { id: string }) => ({ authorization: await bearer(t, user) });
  const lesson = (values: Record<string, unknown> = {}) => lessonBody({ topicIds: [topics.drowning], classIds: [w.classA.id], startsAt: NEXT_WEEK, ...values });

  beforeAll(async () => {
    t = await createTestApp({ clock });
    w = await createSchoolWorld(t);
    topics = await systemTopicIds(t);
  });
  afterAll(async () => t.close());

  it('lets a counselor plan a talk for a whole grade: one delivery per class, 201 + Location, audited', async () => {
    const res = await planActivity(t, w.counselor, {
      kind: 'talk',
      title: '防溺水专题讲座',
      topicIds: [topics.drowning, topics.traffic_safety],
      gradeIds: [w.grade.id],
      startsAt: NEXT_WEEK,
      endsAt: '2026-06-22T07:30:00.000Z',
      link: 'https://meeting.example.cn/j/123456',
      deliveredByUserId: w.counselor.id,
      materials: [{ title: '课件', url: 'https://jyj.example.gov.cn/drowning.pptx' }, { url: 'https://video.example.cn/v/1' }],
    });
    expect(res.status).toBe(201);
    expect(res.headers.location).toBe(`/api/v1/education/activities/${res.body.id}`);
    expect(res.body).toMatchObject({
      kind: 'talk',
      status: 'planned',
      place: null,
      link: 'https://meeting.example.cn/j/123456',
      deliveredBy: { userId: w.counselor.id, name: expect.any(String) },
      materials: [{ title: '课件', url: 'https://jyj.example.gov.cn/drowning.pptx' }, { title: null, url: 'https://video.example.cn/v/1' }],
      plannedBy: w.counselor.id,
      version: 1,
    });
    expect(res.body.topics.map((x: { code: string }) => x.code)).toEqual(['drowning', 'traffic_safety']);
    expect(res.body.deliveries.map((d: { classId: string }) => d.classId).sort()).toEqual([w.classA.id, w.classB.id].sort());
    expect(res.body.deliveries.every((d: { status: string; version: number; confirmation: null }) => d.status === 'planned' && d.version === 1 && d.confirmation === null)).toBe(true);
    expect(await auditActions(t, res.body.id)).toEqual(['education_activity.plan']);
  });

  it('lets a class teacher plan for their own class, and answers 404 for another class, like a missing one', async () => {
    const own = await planActivity(t, w.teacher, lesson());
    expect(own.status).toBe(201);
    const other = await planActivity(t, w.teacher, lesson({ classIds: [w.classB.id] }));
    const otherSchool = await planActivity(t, w.teacher, lesson({ classIds: [w.otherClass.id] }));
    const missing = await planActivity(t, w.teacher, lesson({ classIds: [randomUUID()] }));
    expect([other.status, otherSchool.status, missing.status]).toEqual([404, 404, 404]);
    expect(other.body).toEqual(missing.body);
    expect(otherSchool.body).toEqual(missing.body);
    expect(missing.body.code).toBe('class.not_found');
  });

  it('lets a class teacher name a grade only when they teach all of it', async () => {
    const partly = await planActivity(t, w.teacher, lesson({ classIds: undefined, gradeIds: [w.grade.id] }));
    expect([partly.status, partly.body.code]).toEqual([404, 'grade.not_found']);
    const soloGrade = await createGrade(t, w.school.id);
    const soloClass = await createClass(t, w.school.id, soloGrade.id);
    await t.dataSource.query('INSERT INTO class_teacher_assignments (school_id, class_id, user_id, started_at) VALUES ($1, $2, $3, now())', [
      w.school.id,
      soloClass.id,
      w.teacher.id,
    ]);
    const whole = await planActivity(t, w.teacher, lesson({ classIds: undefined, gradeIds: [soloGrade.id] }));
    expect(whole.status).toBe(201);
    expect(whole.body.deliveries.map((d: { classId: string }) => d.classId)).toEqual([soloClass.id]);
  });

  it.each([
    [{ topicIds: [] }, 'topicIds'],
    [{ kind: 'lecture' }, 'kind'],
    [{ endsAt: NEXT_WEEK }, 'endsAt'],
    [{ place: undefined }, 'place'],
    [{ link: 'javascript:alert(1)' }, 'link'],
    [{ deliveredByUserId: randomUUID() }, 'deliveredByName'],
    [{ deliveredByName: undefined }, 'deliveredByUserId'],
    [{ materials: [{ url: 'not a url' }] }, 'materials.0.url'],
    [{ classIds: [] }, 'classIds'],
    [{ schoolId: randomUUID() }, 'schoolId'],
    [{ status: 'cancelled' }, 'status'],
  ])('rejects %p with 400 naming %s, storing nothing', async (overrides, field) => {
    const before = (await t.dataSource.query('SELECT count(*)::int AS n FROM education_activities'))[0].n;
    const res = await planActivity(t, w.counselor, lesson(overrides));
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    expect((await t.dataSource.query('SELECT count(*)::int AS n FROM education_activities'))[0].n).toBe(before);
  });

  it('names an unknown or retired topic and a speaker who is not staff of the school', async () => {
    const unknown = await planActivity(t, w.counselor, lesson({ topicIds: [topics.fire_safety, randomUUID()] }));
    expect(unknown.body.errors).toEqual([{ field: 'topicIds.1', message: expect.stringContaining('is not an active topic') }]);
    const stranger = await planActivity(t, w.counselor, lesson({ deliveredByName: undefined, deliveredByUserId: w.otherAdmin.id }));
    expect(stranger.body.errors).toEqual([{ field: 'deliveredByUserId', message: 'is not an active staff member of this school' }]);
  });

  it('shows a class teacher only activities reaching their classes, and only their classes\' deliveries', async () => {
    const both = (await planActivity(t, w.counselor, lesson({ classIds: [w.classA.id, w.classB.id] }))).body;
    const onlyB = (await planActivity(t, w.counselor, lesson({ classIds: [w.classB.id] }))).body;
    const seen = await t.http.get(`/api/v1/education/activities/${both.id}`).set(await as(w.teacher));
    expect(seen.body.deliveries.map((d: { classId: string }) => d.classId)).toEqual([w.classA.id]);
    const hidden = await t.http.get(`/api/v1/education/activities/${onlyB.id}`).set(await as(w.teacher));
    const missing = await t.http.get(`/api/v1/education/activities/${randomUUID()}`).set(await as(w.teacher));
    expect(hidden.status).toBe(404);
    expect(hidden.body).toEqual(missing.body);
    expect((await t.http.get(`/api/v1/education/activities/${both.id}`).set(await as(w.otherAdmin))).status).toBe(404);
    expect((await t.http.get(`/api/v1/education/activities/${both.id}`).set(await as(w.duty))).status).toBe(403);

    const list = await t.http.get('/api/v1/education/activities').query({ limit: 200 }).set(await as(w.teacher));
    const ids = list.body.items.map((a: { id: string }) => a.id);
    expect(ids).toContain(both.id);
    expect(ids).not.toContain(onlyB.id);
  });

  it('lists latest first with filters and pages', async () => {
    const early = (await planActivity(t, w.admin, lesson({ startsAt: '2026-06-16T01:00:00.000Z', topicIds: [topics.gas_poisoning] }))).body;
    const counselor = await as(w.counselor);
    const byTopic = await t.http.get('/api/v1/education/activities').query({ topicId: topics.gas_poisoning }).set(counselor);
    expect(byTopic.body.items.map((a: { id: string }) => a.id)).toEqual([early.id]);
    // 2026-06-16 09:00 in Shanghai.
    const byDay = await t.http.get('/api/v1/education/activities').query({ from: '2026-06-16', to: '2026-06-16' }).set(counselor);
    expect(byDay.body.items.map((a: { id: string }) => a.id)).toEqual([early.id]);
    const byClass = await t.http.get('/api/v1/education/activities').query({ classId: w.classB.id, limit: 200 }).set(counselor);
    expect(byClass.body.items.every((a: { deliveries: { classId: string }[] }) => a.deliveries.some((d) => d.classId === w.classB.id))).toBe(true);

    const all = await t.http.get('/api/v1/education/activities').query({ limit: 200 }).set(counselor);
    const starts = all.body.items.map((a: { startsAt: string }) => a.startsAt);
    expect(starts).toEqual([...starts].sort().reverse());
    const first = await t.http.get('/api/v1/education/activities').query({ limit: 2 }).set(counselor);
    const rest = await t.http.get('/api/v1/education/activities').query({ limit: 200, cursor: first.body.nextCursor }).set(counselor);
    expect([...first.body.items, ...rest.body.items].map((a: { id: string }) => a.id)).toEqual(all.body.items.map((a: { id: string }) => a.id));
    expect((await t.http.get('/api/v1/education/activities').query({ from: '2026-02-30' }).set(counselor)).status).toBe(400);
    expect((await t.http.get('/api/v1/education/activities').set(await as(w.otherCounselor))).body.items).toEqual([]);
  });

  it('edits a planned activity on its version; moving it moves its deliveries; a stale version changes nothing', async () => {
    const planned = (await planActivity(t, w.teacher, lesson())).body;
    const moved = await t.http
      .patch(`/api/v1/education/activities/${planned.id}`)
      .set(await as(w.teacher))
      .send({
        version: 1,
        title: '防溺水、防煤气中毒主题班会',
        topicIds: [topics.drowning, topics.gas_poisoning],
        startsAt: '2026-06-23T06:00:00.000Z',
        endsAt: '2026-06-23T06:45:00.000Z',
        place: null,
        link: 'https://meeting.example.cn/j/9',
      });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ version: 2, place: null, startsAt: '2026-06-23T06:00:00.000Z' });
    expect(moved.body.topics.map((x: { code: string }) => x.code)).toEqual(['drowning', 'gas_poisoning']);
    const [delivery] = await t.dataSource.query('SELECT starts_at FROM education_deliveries WHERE activity_id = $1', [planned.id]);
    expect(delivery.starts_at.toISOString()).toBe('2026-06-23T06:00:00.000Z');

    const stale = await t.http.patch(`/api/v1/education/activities/${planned.id}`).set(await as(w.teacher)).send({ version: 1, title: '旧' });
    expect([stale.status, stale.body.code]).toEqual([409, 'education_activity.version_conflict']);
    const nowhere = await t.http.patch(`/api/v1/education/activities/${planned.id}`).set(await as(w.teacher)).send({ version: 2, link: null });
    expect(nowhere.status).toBe(400);
    expect(nowhere.body.errors).toEqual([{ field: 'place', message: 'a place or a link is required' }]);
    const outsider = await t.http.patch(`/api/v1/education/activities/${planned.id}`).set(await as(w.teacher)).send({ version: 2, deliveredByName: '派出所 李警官' });
    expect(outsider.body.deliveredBy).toEqual({ userId: null, name: '派出所 李警官' });
    const changes = await t.dataSource.query(`SELECT changed_fields FROM audit_events WHERE entity_id = $1 AND action = 'education_activity.update' ORDER BY seq`, [planned.id]);
    expect(changes[0].changed_fields.sort()).toEqual(['endsAt', 'link', 'place', 'startsAt', 'title', 'topicIds']);
  });

  it('lets a class teacher change only what they planned (403), and counselors anything of the school', async () => {
    const byCounselor = (await planActivity(t, w.counselor, lesson())).body;
    const refused = await t.http.patch(`/api/v1/education/activities/${byCounselor.id}`).set(await as(w.teacher)).send({ version: 1, title: '改' });
    expect([refused.status, refused.body.code]).toEqual([403, 'education_activity.not_planner']);
    const byTeacher = (await planActivity(t, w.teacher, lesson())).body;
    const admin = await t.http.patch(`/api/v1/education/activities/${byTeacher.id}`).set(await as(w.admin)).send({ version: 1, title: '改' });
    expect(admin.status).toBe(200);
    const otherTeacher = await t.http.patch(`/api/v1/education/activities/${byTeacher.id}`).set(await as(w.teacher2)).send({ version: 2, title: '改' });
    expect(otherTeacher.status).toBe(404);
    expect((await t.http.patch(`/api/v1/education/activities/${byTeacher.id}`).set(await as(w.duty)).send({ version: 2 })).status).toBe(403);
  });

  it('cancels instead of deleting: planned deliveries are cancelled, confirmed ones stay delivered', async () => {
    const talk = (await planActivity(t, w.counselor, lesson({ classIds: [w.classA.id, w.classB.id], startsAt: '2026-06-15T01:00:00.000Z' }))).body;
    const deliveryA = talk.deliveries.find((d: { classId: string }) => d.classId === w.classA.id);
    expect((await confirmDelivery(t, w.teacher, deliveryA.id, { version: 1, presentCount: 1 })).status).toBe(201);

    const edit = await t.http.patch(`/api/v1/education/activities/${talk.id}`).set(await as(w.counselor)).send({ version: 1, title: '改' });
    expect([edit.status, edit.body.code]).toEqual([409, 'education_activity.already_delivered']);

    const noReason = await t.http.post(`/api/v1/education/activities/${talk.id}/cancel`).set(await as(w.counselor)).send({ version: 1 });
    expect(noReason.status).toBe(400);
    const cancelled = await t.http.post(`/api/v1/education/activities/${talk.id}/cancel`).set(await as(w.counselor)).send({ version: 1, reason: '台风停课' });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({ status: 'cancelled', cancelReason: '台风停课', version: 2 });
    const statuses = Object.fromEntries(cancelled.body.deliveries.map((d: { classId: string; status: string }) => [d.classId, d.status]));
    expect(statuses).toEqual({ [w.classA.id]: 'delivered', [w.classB.id]: 'cancelled' });

    const again = await t.http.post(`/api/v1/education/activities/${talk.id}/cancel`).set(await as(w.counselor)).send({ version: 2, reason: '再取消' });
    expect([again.status, again.body.code]).toEqual([409, 'education_activity.cancelled']);
    const afterCancel = await t.http.patch(`/api/v1/education/activities/${talk.id}`).set(await as(w.counselor)).send({ version: 2, title: '改' });
    expect(afterCancel.status).toBe(409);
    expect(await auditActions(t, talk.id)).toEqual(['education_activity.plan', 'education_activity.cancel']);
  });
});
