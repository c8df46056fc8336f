import { randomUUID } from 'node:crypto';
import { ManualClock } from '#core';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { bearer, createSchoolWorld, createStudent } from '../support/factories.js';
import { auditActions, confirmDelivery, lessonBody, planActivity, systemTopicIds } from './education-helpers.js';

const NOW = '2026-06-15T08:00:00.000Z';
const THIS_MORNING = '2026-06-15T01:00:00.000Z';

describe('delivery confirmations and catch-ups', () => {
  const clock = new ManualClock(new Date(NOW));
  let t: TestApp;
  let w: Awaited<ReturnType<typeof createSchoolWorld>>;
  let topics: Record<string, string>;
  /** Class A: studentA plus these three, all enrolled; one suspended student who does not count. */
  let classA: { id: string }[];
  let suspended: { id: string };
  const as = async (user: { id: string }) => ({ authorization: await bearer(t, user) });

  /** Plans a lesson this morning for the classes and answers its deliveries by class. */
  async function deliveredLesson(classIds: string[], startsAt = THIS_MORNING): Promise<Record<string, { id: string; version: number }>> {
    const res = await planActivity(t, w.counselor, lessonBody({ topicIds: [topics.fire_safety], classIds, startsAt }));
    expect(res.status).toBe(201);
    return Object.fromEntries(res.body.deliveries.map((d: { classId: string; id: string; version: number }) => [d.classId, d]));
  }

  beforeAll(async () => {
    t = await createTestApp({ clock });
    w = await createSchoolWorld(t);
    topics = await systemTopicIds(t);
    classA = [w.studentA];
    for (let i = 0; i < 3; i++) classA.push(await createStudent(t, { schoolId: w.school.id, classId: w.classA.id, name: `学生${i}` }));
    suspended = await createStudent(t, { schoolId: w.school.id, classId: w.classA.id, status: 'suspended' });
  });
  afterAll(async () => t.close());

  it("lets the class teacher confirm their class's delivery: 201 + Location, the count, the missed students", async () => {
    const deliveries = await deliveredLesson([w.classA.id]);
    const delivery = deliveries[w.classA.id];
    const res = await confirmDelivery(t, w.teacher, delivery.id, { version: 1, presentCount: 3, missedStudentIds: [classA[1].id], note: '一人病假' });
    expect(res.status).toBe(201);
    expect(res.headers.location).toBe(`/api/v1/education/deliveries/${delivery.id}/confirmations/${res.body.id}`);
    expect(res.body).toMatchObject({
      deliveryId: delivery.id,
      revision: 1,
      current: true,
      presentCount: 3,
      classSize: 4,
      missedStudents: [{ id: classA[1].id, name: '学生0', studentNumber: expect.any(String) }],
      note: '一人病假',
      confirmedBy: w.teacher.id,
    });
    expect((await t.http.get(res.headers.location).set(await as(w.teacher))).body).toEqual(res.body);
    const read = await t.http.get(`/api/v1/education/deliveries/${delivery.id}`).set(await as(w.teacher));
    expect(read.body).toMatchObject({ status: 'delivered', version: 2, classId: w.classA.id, confirmation: { id: res.body.id } });
    expect(await auditActions(t, delivery.id)).toEqual(['education_delivery.confirm']);
  });

  it('answers 404 to a teacher confirming for a class they do not teach, exactly like a missing delivery', async () => {
    const deliveries = await deliveredLesson([w.classA.id, w.classB.id]);
    const otherClass = await confirmDelivery(t, w.teacher, deliveries[w.classB.id].id, { version: 1, presentCount: 1 });
    const missing = await confirmDelivery(t, w.teacher, randomUUID(), { version: 1, presentCount: 1 });
    const otherSchool = await confirmDelivery(t, w.otherAdmin, deliveries[w.classA.id].id, { version: 1, presentCount: 1 });
    expect([otherClass.status, missing.status, otherSchool.status]).toEqual([404, 404, 404]);
    expect(otherClass.body).toEqual(missing.body);
    expect(otherSchool.body).toEqual(missing.body);
    expect((await t.http.get(`/api/v1/education/deliveries/${deliveries[w.classB.id].id}`).set(await as(w.teacher))).status).toBe(404);
    expect((await confirmDelivery(t, w.duty, deliveries[w.classA.id].id, { version: 1, presentCount: 1 })).status).toBe(403);
  });

  it('answers 400 naming presentCount and the class size when more are present than enrolled', async () => {
    const delivery = (await deliveredLesson([w.classA.id]))[w.classA.id];
    const res = await confirmDelivery(t, w.teacher, delivery.id, { version: 1, presentCount: 5 });
    expect(res.status).toBe(400);
    // The suspended student is not counted: four enrolled.
    expect(res.body.errors).toEqual([{ field: 'presentCount', message: 'must be between 0 and 4, the enrolled students of the class' }]);
    const negative = await confirmDelivery(t, w.teacher, delivery.id, { version: 1, presentCount: -1 });
    expect(negative.body.errors.map((e: { field: string }) => e.field)).toEqual(['presentCount']);
    expect(await t.dataSource.query('SELECT 1 FROM education_delivery_confirmations WHERE delivery_id = $1', [delivery.id])).toEqual([]);
  });

  it('answers 400 naming each missed student who is not an enrolled student of the class', async () => {
    const delivery = (await deliveredLesson([w.classA.id]))[w.classA.id];
    const stranger = randomUUID();
    const res = await confirmDelivery(t, w.teacher, delivery.id, {
      version: 1,
      presentCount: 1,
      missedStudentIds: [classA[0].id, w.studentB.id, suspended.id, stranger, w.otherStudent.id],
    });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([
      { field: 'missedStudentIds.1', message: `${w.studentB.id} is not an enrolled student of this class` },
      { field: 'missedStudentIds.2', message: `${suspended.id} is not an enrolled student of this class` },
      { field: 'missedStudentIds.3', message: `${stranger} is not an enrolled student of this class` },
      { field: 'missedStudentIds.4', message: `${w.otherStudent.id} is not an enrolled student of this class` },
    ]);
    const tooMany = await confirmDelivery(t, w.teacher, delivery.id, { version: 1, presentCount: 4, missedStudentIds: [classA[0].id] });
    expect(tooMany.body.errors.map((e: { field: string }) => e.field)).toEqual(['missedStudentIds']);
  });

  it('keeps every correction as history, on the version it was based on; a stale one changes nothing', async () => {
    const delivery = (await deliveredLesson([w.classA.id]))[w.classA.id];
    await confirmDelivery(t, w.teacher, delivery.id, { version: 1, presentCount: 2, missedStudentIds: [classA[1].id, classA[2].id] });
    const stale = await confirmDelivery(t, w.counselor, delivery.id, { version: 1, presentCount: 4 });
    expect([stale.status, stale.body.code]).toEqual([409, 'education_delivery.version_conflict']);
    const corrected = await t.http
      .post(`/api/v1/education/deliveries/${delivery.id}/confirmations`)
      .set(await as(w.counselor))
      .set('if-match', '"2"')
      .send({ presentCount: 3, missedStudentIds: [classA[1].id] });
    expect(corrected.status).toBe(201);
    expect(corrected.body).toMatchObject({ revision: 2, current: true, presentCount: 3, confirmedBy: w.counselor.id });

    const history = await t.http.get(`/api/v1/education/deliveries/${delivery.id}/confirmations`).set(await as(w.teacher));
    expect(history.body.items.map((c: { revision: number; current: boolean; presentCount: number }) => [c.revision, c.current, c.presentCount])).toEqual([
      [2, true, 3],
      [1, false, 2],
    ]);
    const paged = await t.http.get(`/api/v1/education/deliveries/${delivery.id}/confirmations`).query({ limit: 1 }).set(await as(w.teacher));
    const next = await t.http.get(`/api/v1/education/deliveries/${delivery.id}/confirmations`).query({ limit: 1, cursor: paged.body.nextCursor }).set(await as(w.teacher));
    expect([paged.body.items[0].revision, next.body.items[0].revision, next.body.nextCursor]).toEqual([2, 1, null]);
    expect(await auditActions(t, delivery.id)).toEqual(['education_delivery.confirm', 'education_delivery.correct']);
    const [correction] = await t.dataSource.query(`SELECT changed_fields FROM audit_events WHERE entity_id = $1 AND action = 'education_delivery.correct'`, [delivery.id]);
    expect(correction.changed_fields).toEqual(['missedStudentIds', 'presentCount']);
  });

  it('lets only one of two simultaneous confirmations on the same version through', async () => {
    const delivery = (await deliveredLesson([w.classA.id]))[w.classA.id];
    const results = await Promise.all([
      confirmDelivery(t, w.teacher, delivery.id, { version: 1, presentCount: 4 }),
      confirmDelivery(t, w.counselor, delivery.id, { version: 1, presentCount: 3 }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
    const rows = await t.dataSource.query('SELECT revision FROM education_delivery_confirmations WHERE delivery_id = $1', [delivery.id]);
    expect(rows).toEqual([{ revision: 1 }]);
  });

  it('shows missed students as needing a catch-up, withdrawn or reopened by corrections, completed by the teacher', async () => {
    const delivery = (await deliveredLesson([w.classA.id]))[w.classA.id];
    const [, s1, s2, s3] = classA;
    await confirmDelivery(t, w.teacher, delivery.id, { version: 1, presentCount: 2, missedStudentIds: [s1.id, s2.id] });
    const needed = async () => {
      const res = await t.http.get('/api/v1/education/catch-ups').query({ limit: 200 }).set(await as(w.teacher));
      return res.body.items.filter((c: { deliveryId: string }) => c.deliveryId === delivery.id);
    };
    const first = await needed();
    expect(first.map((c: { student: { id: string } }) => c.student.id).sort()).toEqual([s1.id, s2.id].sort());
    expect(first[0]).toMatchObject({ status: 'needed', student: { classId: w.classA.id }, activity: { topicCodes: ['fire_safety'] } });

    const done = await t.http.post(`/api/v1/education/catch-ups/${first.find((c: { student: { id: string } }) => c.student.id === s1.id).id}/complete`).set(await as(w.teacher));
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ status: 'done', completedBy: w.teacher.id });
    const twice = await t.http.post(`/api/v1/education/catch-ups/${done.body.id}/complete`).set(await as(w.teacher));
    expect([twice.status, twice.body.code]).toEqual([409, 'education_catch_up.not_needed']);

    // The correction: s2 was there after all, s3 was not; s1's finished catch-up stays done.
    await confirmDelivery(t, w.teacher, delivery.id, { version: 2, presentCount: 2, missedStudentIds: [s1.id, s3.id] });
    expect((await needed()).map((c: { student: { id: string } }) => c.student.id)).toEqual([s3.id]);
    const all = await t.http.get('/api/v1/education/catch-ups').query({ status: ['needed', 'done', 'withdrawn'], limit: 200 }).set(await as(w.teacher));
    const statuses = Object.fromEntries(
      all.body.items.filter((c: { deliveryId: string }) => c.deliveryId === delivery.id).map((c: { student: { id: string }; status: string }) => [c.student.id, c.status]),
    );
    expect(statuses).toEqual({ [s1.id]: 'done', [s2.id]: 'withdrawn', [s3.id]: 'needed' });
    // Missed again: s2's withdrawn catch-up is needed again.
    await confirmDelivery(t, w.teacher, delivery.id, { version: 3, presentCount: 1, missedStudentIds: [s1.id, s2.id, s3.id] });
    expect((await needed()).map((c: { student: { id: string } }) => c.student.id).sort()).toEqual([s2.id, s3.id].sort());
  });

  it("keeps catch-ups to the student's scope: another teacher and another school see none, counselors see the school's", async () => {
    const delivery = (await deliveredLesson([w.classA.id]))[w.classA.id];
    await confirmDelivery(t, w.teacher, delivery.id, { version: 1, presentCount: 3, missedStudentIds: [classA[3].id] });
    const list = async (user: { id: string }, query: Record<string, unknown> = {}) =>
      (await t.http.get('/api/v1/education/catch-ups').query({ limit: 200, ...query }).set(await as(user))).body.items.map((c: { id: string }) => c.id);
    const [catchUp] = await t.dataSource.query('SELECT id FROM education_catch_ups WHERE delivery_id = $1', [delivery.id]);
    expect(await list(w.teacher2)).not.toContain(catchUp.id);
    expect(await list(w.otherAdmin)).toEqual([]);
    expect(await list(w.counselor, { classId: w.classA.id })).toContain(catchUp.id);
    expect(await list(w.counselor, { classId: w.classB.id })).not.toContain(catchUp.id);
    const foreign = await t.http.post(`/api/v1/education/catch-ups/${catchUp.id}/complete`).set(await as(w.teacher2));
    const missing = await t.http.post(`/api/v1/education/catch-ups/${randomUUID()}/complete`).set(await as(w.teacher2));
    expect(foreign.status).toBe(404);
    expect(foreign.body).toEqual(missing.body);
  });

  it('refuses to confirm before the activity starts, or a delivery cancelled before it took place (409)', async () => {
    const later = (await deliveredLesson([w.classA.id], '2026-06-15T09:00:00.000Z'))[w.classA.id];
    const early = await confirmDelivery(t, w.teacher, later.id, { version: 1, presentCount: 1 });
    expect([early.status, early.body.code]).toEqual([409, 'education_delivery.not_started']);

    const activity = (await planActivity(t, w.counselor, lessonBody({ topicIds: [topics.fire_safety], classIds: [w.classA.id], startsAt: THIS_MORNING }))).body;
    await t.http.post(`/api/v1/education/activities/${activity.id}/cancel`).set(await as(w.counselor)).send({ version: 1, reason: '改期' });
    const cancelled = await confirmDelivery(t, w.teacher, activity.deliveries[0].id, { version: 2, presentCount: 1 });
    expect([cancelled.status, cancelled.body.code]).toEqual([409, 'education_delivery.cancelled']);
  });

  it('lets counselors and administrators confirm any class of the school, and nobody confirm without a version', async () => {
    const deliveries = await deliveredLesson([w.classA.id, w.classB.id]);
    expect((await confirmDelivery(t, w.counselor, deliveries[w.classB.id].id, { version: 1, presentCount: 1 })).status).toBe(201);
    expect((await confirmDelivery(t, w.admin, deliveries[w.classA.id].id, { version: 1, presentCount: 0 })).status).toBe(201);
    const noVersion = await confirmDelivery(t, w.admin, deliveries[w.classA.id].id, { presentCount: 0 });
    expect(noVersion.body.errors).toEqual([{ field: 'version', message: 'is required, in the body or as an If-Match header' }]);
  });
});
