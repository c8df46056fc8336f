import { ManualClock } from '#core';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { bearer, createSchoolWorld, createStudent, createUser } from '../support/factories.js';

const PLAN = '寒假期间由母亲全天陪伴；情绪低落、拒绝进食时立即联系学校心理老师 138-0000-0000 或拨打 12356';

describe('holiday safety plans', () => {
  const clock = new ManualClock(new Date('2027-01-10T02:00:00Z'));
  let t: TestApp;
  let w: Awaited<ReturnType<typeof createSchoolWorld>>;
  let lead: { id: string };
  let holidayId: string;
  let otherHolidayId: string;

  const as = async (user: { id: string }) => ({ authorization: await bearer(t, user) });
  const url = (suffix = '', holiday = holidayId) => `/api/v1/calendar/holidays/${holiday}/safety-plans${suffix}`;
  const record = async (user: { id: string }, body: Record<string, unknown>, holiday = holidayId) => t.http.post(url('', holiday)).set(await as(user)).send(body);
  const auditOf = (entityId: string) =>
    t.dataSource.query<{ action: string; outcome: string; actor_id: string; student_id: string | null; break_glass_grant_id: string | null; changed_fields: string[] | null }[]>(
      'SELECT action, outcome, actor_id, student_id, break_glass_grant_id, changed_fields FROM audit_events WHERE entity_id = $1 ORDER BY seq',
      [entityId],
    );

  beforeAll(async () => {
    t = await createTestApp({ clock });
    w = await createSchoolWorld(t);
    lead = await createUser(t, { schoolId: w.school.id, role: 'counseling_lead' });
    const winter = { kind: 'winter', name: '寒假', startsOn: '2027-01-25', endsOn: '2027-02-20' };
    holidayId = (await t.http.post('/api/v1/calendar/holidays').set(await as(w.admin)).send(winter)).body.id;
    otherHolidayId = (await t.http.post('/api/v1/calendar/holidays').set(await as(w.otherAdmin)).send(winter)).body.id;
  });
  afterAll(async () => t.close());

  it('records a plan (201, Location), encrypted at rest and audited without its text; the counselors read it back', async () => {
    const res = await record(w.counselor, { studentId: w.studentA.id, plan: PLAN });
    expect(res.status).toBe(201);
    expect(res.headers.location).toBe(url(`/${res.body.id}`));
    expect(res.body).toMatchObject({ holidayId, studentId: w.studentA.id, plan: PLAN, recordedBy: w.counselor.id, version: 1 });
    const id = res.body.id as string;

    const [stored] = await t.dataSource.query('SELECT plan FROM holiday_safety_plans WHERE id = $1', [id]);
    expect(stored.plan).not.toContain('母亲');
    expect(stored.plan).not.toContain('12356');

    const read = await t.http.get(url(`/${id}`)).set(await as(lead));
    expect(read.status).toBe(200);
    expect(read.body.plan).toBe(PLAN);

    const audits = await auditOf(id);
    expect(audits.map((a) => [a.action, a.outcome, a.actor_id])).toEqual([
      ['holiday_safety_plan.record', 'success', w.counselor.id],
      ['holiday_safety_plan.read', 'success', lead.id],
    ]);
    expect(audits[0]).toMatchObject({ student_id: w.studentA.id, changed_fields: ['plan'] });
    const trail = JSON.stringify(await t.dataSource.query('SELECT * FROM audit_events WHERE entity_id = $1', [id]));
    expect(trail).not.toContain('母亲');
  });

  it('answers 409 safety_plan.exists to a second plan for the same student and holiday', async () => {
    const again = await record(lead, { studentId: w.studentA.id, plan: '另一份计划' });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('safety_plan.exists');
    const [{ n }] = await t.dataSource.query('SELECT count(*)::int AS n FROM holiday_safety_plans WHERE student_id = $1', [w.studentA.id]);
    expect(n).toBe(1);
  });

  it('revises at the version it is based on (body or If-Match); a stale version answers 409 and changes nothing', async () => {
    const created = await record(w.counselor, { studentId: w.studentB.id, plan: '初版计划' });
    const id = created.body.id as string;
    const patch = async (body: Record<string, unknown>, ifMatch?: string) => {
      const req = t.http.patch(url(`/${id}`)).set(await as(lead));
      return (ifMatch ? req.set('if-match', ifMatch) : req).send(body);
    };
    const first = await patch({ plan: '第二版计划', version: 1 });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ plan: '第二版计划', version: 2, recordedBy: w.counselor.id });
    const second = await patch({ plan: '第三版计划' }, '"2"');
    expect(second.body).toMatchObject({ plan: '第三版计划', version: 3 });

    const stale = await patch({ plan: '过时的修改', version: 2 });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('safety_plan.version_conflict');
    expect((await patch({ plan: '没有版本' })).status).toBe(400);
    expect((await t.http.get(url(`/${id}`)).set(await as(w.counselor))).body).toMatchObject({ plan: '第三版计划', version: 3 });

    expect((await auditOf(id)).filter((a) => a.action === 'holiday_safety_plan.revise').map((a) => a.changed_fields)).toEqual([['plan'], ['plan']]);
  });

  it("answers 404 for another school's student or holiday, and for unknown ones", async () => {
    const otherStudent = await record(w.counselor, { studentId: w.otherStudent.id, plan: PLAN });
    expect(otherStudent.status).toBe(404);
    expect(otherStudent.body.code).toBe('student.not_found');
    expect((await record(w.counselor, { studentId: '00000000-0000-4000-8000-000000000000', plan: PLAN })).status).toBe(404);
    const otherHoliday = await record(w.counselor, { studentId: w.studentA.id, plan: PLAN }, otherHolidayId);
    expect(otherHoliday.status).toBe(404);
    expect(otherHoliday.body.code).toBe('holiday.not_found');
    expect((await t.http.get(url('', otherHolidayId)).set(await as(w.counselor))).status).toBe(404);
    expect((await t.http.get(url('/00000000-0000-4000-8000-000000000000')).set(await as(w.counselor))).status).toBe(404);
    const [{ n }] = await t.dataSource.query('SELECT count(*)::int AS n FROM holiday_safety_plans WHERE student_id = $1 OR holiday_id = $2', [w.otherStudent.id, otherHolidayId]);
    expect(n).toBe(0);
    // Another school's counselor cannot reach this school's plans.
    const [plan] = await t.dataSource.query('SELECT id FROM holiday_safety_plans WHERE student_id = $1', [w.studentA.id]);
    expect((await t.http.get(url(`/${plan.id}`)).set(await as(w.otherCounselor))).status).toBe(404);
  });

  it('refuses class teachers and duty officers (403), and administrators writing', async () => {
    const [plan] = await t.dataSource.query('SELECT id FROM holiday_safety_plans WHERE student_id = $1', [w.studentA.id]);
    for (const user of [w.teacher, w.duty]) {
      expect((await record(user, { studentId: w.studentA.id, plan: PLAN })).status).toBe(403);
      expect((await t.http.get(url(`/${plan.id}`)).set(await as(user))).status).toBe(403);
      expect((await t.http.get(url()).set(await as(user))).status).toBe(403);
    }
    expect((await record(w.admin, { studentId: w.studentA.id, plan: PLAN })).status).toBe(403);
    expect((await t.http.patch(url(`/${plan.id}`)).set(await as(w.admin)).send({ plan: '管理员修改', version: 1 })).status).toBe(403);
  });

  it('lets an administrator read a plan only through an active break-glass grant, audited with the grant', async () => {
    const [plan] = await t.dataSource.query<{ id: string }[]>('SELECT id FROM holiday_safety_plans WHERE student_id = $1', [w.studentA.id]);
    const admin = await as(w.admin);
    const without = await t.http.get(url(`/${plan.id}`)).set(admin);
    expect(without.status).toBe(404);
    const missing = await t.http.get(url('/00000000-0000-4000-8000-000000000000')).set(admin);
    // The same answer as a missing plan, apart from ids.
    expect({ ...without.body, instance: undefined }).toEqual({ ...missing.body, instance: undefined });
    expect((await t.http.get(url()).set(admin)).body.items).toEqual([]);

    const grant = await t.http.post('/api/v1/break-glass').set(admin).send({ studentId: w.studentA.id, reason: '学生家长来电称学生失联，需要立即查看安全计划' });
    expect(grant.status).toBe(201);
    const withGrant = await t.http.get(url(`/${plan.id}`)).set(admin);
    expect(withGrant.status).toBe(200);
    expect(withGrant.body.plan).toBe(PLAN);
    // The grant opens this student's plan only.
    const listed = await t.http.get(url()).set(admin);
    expect(listed.body.items.map((p: { studentId: string }) => p.studentId)).toEqual([w.studentA.id]);

    const reads = (await auditOf(plan.id)).filter((a) => a.action === 'holiday_safety_plan.read' && a.actor_id === w.admin.id);
    expect(reads.map((a) => [a.outcome, a.break_glass_grant_id])).toEqual([
      ['not_found', null],
      ['success', grant.body.id],
    ]);

    // The grant lapses after an hour (a fresh token: the old one lapsed too).
    clock.advance(61 * 60_000);
    expect((await t.http.get(url(`/${plan.id}`)).set(await as(w.admin))).status).toBe(404);
  });

  it('lists who has a plan without the text, by keyset pages, filtered by student; audited', async () => {
    const page1 = await t.http.get(url()).query({ limit: 1 }).set(await as(w.counselor));
    expect(page1.status).toBe(200);
    expect(page1.body.items).toHaveLength(1);
    expect(page1.body.items[0].plan).toBeUndefined();
    expect(page1.body.nextCursor).toEqual(expect.any(String));
    const page2 = await t.http.get(url()).query({ limit: 1, cursor: page1.body.nextCursor }).set(await as(w.counselor));
    expect(page2.body.nextCursor).toBeNull();
    expect([page1.body.items[0].studentId, page2.body.items[0].studentId].sort()).toEqual([w.studentA.id, w.studentB.id].sort());

    const one = await t.http.get(url()).query({ studentId: w.studentB.id }).set(await as(w.counselor));
    expect(one.body.items).toEqual([expect.objectContaining({ studentId: w.studentB.id, studentName: expect.any(String), className: expect.any(String), version: 3 })]);
    const lists = await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'holiday_safety_plan.list' AND entity_id = $1 AND actor_id = $2`, [holidayId, w.counselor.id]);
    expect(lists[0].n).toBe(3);
  });

  it('answers 400 to invalid bodies and ids', async () => {
    const bad = async (body: Record<string, unknown>) => (await record(w.counselor, body)).status;
    expect(await bad({ studentId: w.studentA.id })).toBe(400);
    expect(await bad({ studentId: w.studentA.id, plan: '' })).toBe(400);
    expect(await bad({ studentId: w.studentA.id, plan: '   ' })).toBe(400);
    expect(await bad({ studentId: w.studentA.id, plan: 'x'.repeat(10_001) })).toBe(400);
    expect(await bad({ studentId: 'not-a-uuid', plan: PLAN })).toBe(400);
    expect(await bad({ studentId: w.studentA.id, plan: PLAN, schoolId: w.otherSchool.id })).toBe(400);
    expect(await bad({ studentId: w.studentA.id, plan: 42 })).toBe(400);
    expect((await t.http.get('/api/v1/calendar/holidays/not-a-uuid/safety-plans').set(await as(w.counselor))).status).toBe(400);
    expect((await t.http.get(url()).query({ studentId: 'x' }).set(await as(w.counselor))).status).toBe(400);
    const [plan] = await t.dataSource.query('SELECT id, version FROM holiday_safety_plans WHERE student_id = $1', [w.studentA.id]);
    const patch = async (body: Record<string, unknown>) => (await t.http.patch(url(`/${plan.id}`)).set(await as(w.counselor)).send(body)).status;
    expect(await patch({ plan: '', version: plan.version })).toBe(400);
    expect(await patch({ plan: PLAN, version: plan.version, studentId: w.studentB.id })).toBe(400);
  });

  it('replays a POST with the same Idempotency-Key, and refuses the key with another body (422)', async () => {
    const student = await createStudent(t, { schoolId: w.school.id, classId: w.classA.id });
    const send = async (plan: string) => t.http.post(url()).set(await as(w.counselor)).set('idempotency-key', 'safety-plan-key-1').send({ studentId: student.id, plan });
    const first = await send(PLAN);
    expect(first.status).toBe(201);
    const replay = await send(PLAN);
    expect(replay.status).toBe(201);
    expect(replay.body.id).toBe(first.body.id);
    // The kept answer holds the plan, so it rests encrypted too.
    const [kept] = await t.dataSource.query(`SELECT response_body::text AS body FROM idempotency_keys WHERE key = 'safety-plan-key-1'`);
    expect(kept.body).not.toContain('母亲');
    expect((await send('另一份')).status).toBe(422);
  });
});
