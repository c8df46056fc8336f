import { randomUUID } from 'node:crypto';
import { ManualClock } from '#core';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { bearer, createCase, createSchoolWorld, createStudent, createUser } from '../support/factories.js';

const TITLE = '周五前与母亲电话沟通近期睡眠情况';

/** Wednesday 2026-03-11, 10:00 in Shanghai. */
const WEDNESDAY = new Date('2026-03-11T02:00:00.000Z');
/** A local Shanghai time (UTC+8, no daylight saving) as an instant. */
const shanghai = (local: string) => new Date(`${local}+08:00`).toISOString();

describe('case tasks', () => {
  let t: TestApp;
  let w: Awaited<ReturnType<typeof createSchoolWorld>>;
  let colleague: Awaited<ReturnType<typeof createUser>>;
  let outsider: Awaited<ReturnType<typeof createUser>>;
  let caseId: string;
  const clock = new ManualClock(WEDNESDAY);

  beforeAll(async () => {
    t = await createTestApp({ clock });
    w = await createSchoolWorld(t);
    colleague = await createUser(t, { schoolId: w.school.id, role: 'counseling_lead' });
    outsider = await createUser(t, { schoolId: w.school.id, role: 'counselor' });
    caseId = (await createCase(t, { schoolId: w.school.id, studentId: w.studentA.id, ownerId: w.counselor.id })).id;
    await joinTeam(caseId, colleague.id);
  });
  afterAll(async () => t.close());

  const joinTeam = (id: string, userId: string) =>
    t.dataSource.query('INSERT INTO case_team_members (school_id, case_id, user_id, added_at) VALUES ($1, $2, $3, now())', [w.school.id, id, userId]);
  const as = async (user: { id: string }) => ({ authorization: await bearer(t, user) });
  const create = async (user: { id: string }, body: Record<string, unknown>, id = caseId) =>
    t.http
      .post(`/api/v1/cases/${id}/tasks`)
      .set(await as(user))
      .send({ title: TITLE, assigneeId: w.counselor.id, dueAt: shanghai('2026-03-13T17:00:00'), ...body });
  const patch = async (user: { id: string }, taskId: string, body: Record<string, unknown>, headers: Record<string, string> = {}, id = caseId) =>
    t.http
      .patch(`/api/v1/cases/${id}/tasks/${taskId}`)
      .set({ ...(await as(user)), ...headers })
      .send(body);

  it('creates a task for a team member: 201, a Location, the title encrypted, a timeline event and an audit entry without the text', async () => {
    const res = await create(w.counselor, { assigneeId: colleague.id });
    expect(res.status).toBe(201);
    expect(res.headers.location).toBe(`/api/v1/cases/${caseId}/tasks/${res.body.id}`);
    expect(res.body).toMatchObject({
      caseId,
      title: TITLE,
      assigneeId: colleague.id,
      dueAt: '2026-03-13T09:00:00.000Z',
      status: 'open',
      completedAt: null,
      createdBy: w.counselor.id,
      version: 1,
    });
    const [stored] = await t.dataSource.query('SELECT title FROM case_tasks WHERE id = $1', [res.body.id]);
    expect(stored.title).toMatch(/^v1\./);
    const [event] = await t.dataSource.query(`SELECT data FROM case_events WHERE case_id = $1 AND kind = 'task_created'`, [caseId]);
    expect(event.data).toEqual({ taskId: res.body.id, assigneeId: colleague.id, dueAt: '2026-03-13T09:00:00.000Z' });
    const [audit] = await t.dataSource.query(`SELECT a::text AS row, changed_fields FROM audit_events a WHERE action = 'case_task.create' AND entity_id = $1`, [res.body.id]);
    expect(audit.changed_fields).toEqual(['assigneeId', 'dueAt', 'title']);
    expect(audit.row).not.toContain('睡眠');
    expect((await t.http.get(res.headers.location).set(await as(colleague))).body.title).toBe(TITLE);
  });

  it('refuses an assignee who is not an active counselor on the team with 400 naming assigneeId', async () => {
    const inactive = await createUser(t, { schoolId: w.school.id, role: 'counselor', active: false });
    await joinTeam(caseId, inactive.id);
    for (const assignee of [outsider, w.teacher, w.admin, w.otherCounselor, inactive, { id: randomUUID() }]) {
      const res = await create(w.counselor, { assigneeId: assignee.id });
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([{ field: 'assigneeId', message: 'must be an active counselor on the case team' }]);
    }
  });

  it.each([
    ['an empty title', { title: '' }, 'title'],
    ['a title of 501 characters', { title: 'x'.repeat(501) }, 'title'],
    ['a due time without a date', { dueAt: 'friday' }, 'dueAt'],
    ['an assignee that is not a UUID', { assigneeId: 'me' }, 'assigneeId'],
    ['a status', { status: 'done' }, 'status'],
    ['a school', { schoolId: randomUUID() }, 'schoolId'],
    ['a case', { caseId: randomUUID() }, 'caseId'],
    ['a creator', { createdBy: randomUUID() }, 'createdBy'],
    ['a version', { version: 3 }, 'version'],
  ])('refuses %s with 400 naming the field, storing nothing', async (_label, body, field) => {
    const before = (await t.dataSource.query('SELECT count(*)::int AS n FROM case_tasks'))[0].n;
    const res = await create(w.counselor, body);
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    expect((await t.dataSource.query('SELECT count(*)::int AS n FROM case_tasks'))[0].n).toBe(before);
  });

  it('answers 404 to anyone off the team, exactly as for a missing case; administrators may not write at all', async () => {
    const task = (await create(w.counselor, {})).body;
    const missing = await t.http.get(`/api/v1/cases/${randomUUID()}/tasks`).set(await as(w.counselor));
    expect(missing.status).toBe(404);
    for (const user of [outsider, w.teacher, w.admin, w.otherAdmin, w.otherCounselor]) {
      const list = await t.http.get(`/api/v1/cases/${caseId}/tasks`).set(await as(user));
      const one = await t.http.get(`/api/v1/cases/${caseId}/tasks/${task.id}`).set(await as(user));
      expect([list.status, one.status]).toEqual([404, 404]);
      expect(list.body).toEqual(missing.body);
      expect(one.body).toEqual(missing.body);
    }
    for (const user of [outsider, w.otherCounselor]) {
      const created = await create(user, { assigneeId: user.id });
      const patched = await patch(user, task.id, { status: 'done', version: 1 });
      expect([created.status, patched.status]).toEqual([404, 404]);
      expect(created.body).toEqual(missing.body);
    }
    expect((await create(w.admin, {})).status).toBe(403);
    expect((await create(w.teacher, {})).status).toBe(403);
  });

  it('updates with the version it was based on: a stale one answers 409 and changes nothing', async () => {
    const task = (await create(w.counselor, {})).body;
    const done = await patch(w.counselor, task.id, { status: 'done' }, { 'if-match': '"1"' });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ status: 'done', completedAt: WEDNESDAY.toISOString(), version: 2 });

    const stale = await patch(colleague, task.id, { title: '改个标题', version: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('case_task.version_conflict');
    const [row] = await t.dataSource.query('SELECT version, status FROM case_tasks WHERE id = $1', [task.id]);
    expect(row).toEqual({ version: 2, status: 'done' });

    clock.advance(60_000);
    const reopened = await patch(colleague, task.id, { status: 'open', assigneeId: colleague.id, dueAt: shanghai('2026-03-20T09:00:00'), version: 2 });
    expect(reopened.body).toMatchObject({ status: 'open', completedAt: null, assigneeId: colleague.id, dueAt: '2026-03-20T01:00:00.000Z', version: 3 });
    const unchanged = await patch(colleague, task.id, { status: 'open', version: 3 });
    expect(unchanged.body.version).toBe(3);

    const events = await t.dataSource.query(
      `SELECT data FROM case_events WHERE case_id = $1 AND kind = 'task_updated' AND data->>'taskId' = $2 ORDER BY occurred_at, id`,
      [caseId, task.id],
    );
    expect(events.map((e: { data: object }) => e.data)).toEqual([
      { taskId: task.id, changedFields: ['status'], from: 'open', to: 'done' },
      { taskId: task.id, changedFields: ['assigneeId', 'dueAt', 'status'], from: 'done', to: 'open', assigneeId: colleague.id, dueAt: '2026-03-20T01:00:00.000Z' },
    ]);
  });

  it.each([
    ['no version', {}, {}, 'version'],
    ['a malformed If-Match', { status: 'done' }, { 'if-match': 'W/"1"' }, 'If-Match'],
    ['an unknown status', { status: 'archived', version: 1 }, {}, 'status'],
    ['a null title', { title: null, version: 1 }, {}, 'title'],
    ['a case', { caseId: randomUUID(), version: 1 }, {}, 'caseId'],
    ['a completion time', { completedAt: new Date().toISOString(), version: 1 }, {}, 'completedAt'],
  ])('refuses an update with %s with 400 naming the field', async (_label, body, headers, field) => {
    const task = (await create(w.counselor, {})).body;
    const res = await patch(w.counselor, task.id, body, headers);
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
  });

  it('answers 404 for a task of another case', async () => {
    const student = await createStudent(t, { schoolId: w.school.id, classId: w.classA.id });
    const other = await createCase(t, { schoolId: w.school.id, studentId: student.id, ownerId: w.counselor.id });
    const task = (await create(w.counselor, {}, other.id)).body;
    const res = await t.http.get(`/api/v1/cases/${caseId}/tasks/${task.id}`).set(await as(w.counselor));
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('case_task.not_found');
  });

  it('lists a case plan by due time, filtered by status, page by page', async () => {
    const student = await createStudent(t, { schoolId: w.school.id, classId: w.classA.id });
    const plan = await createCase(t, { schoolId: w.school.id, studentId: student.id, ownerId: w.counselor.id });
    const dues = ['2026-03-14T09:00:00', '2026-03-12T09:00:00', '2026-03-13T09:00:00'];
    const ids = [];
    for (const due of dues) ids.push((await create(w.counselor, { dueAt: shanghai(due) }, plan.id)).body.id);
    expect((await patch(w.counselor, ids[0], { status: 'cancelled', version: 1 }, {}, plan.id)).status).toBe(200);
    const url = `/api/v1/cases/${plan.id}/tasks`;
    const all = await t.http.get(url).set(await as(w.counselor));
    expect(all.body.items.map((task: { id: string }) => task.id)).toEqual([ids[1], ids[2], ids[0]]);
    const open = await t.http.get(url).query({ status: 'open' }).set(await as(w.counselor));
    expect(open.body.items.map((task: { id: string }) => task.id)).toEqual([ids[1], ids[2]]);
    const first = await t.http.get(url).query({ limit: 2 }).set(await as(w.counselor));
    const second = await t.http.get(url).query({ limit: 2, cursor: first.body.nextCursor }).set(await as(w.counselor));
    expect([...first.body.items, ...second.body.items].map((task: { id: string }) => task.id)).toEqual([ids[1], ids[2], ids[0]]);
    expect(second.body.nextCursor).toBeNull();
    expect((await t.http.get(url).query({ cursor: 'forged' }).set(await as(w.counselor))).status).toBe(400);
  });

  it('refuses new tasks on a closed case', async () => {
    const student = await createStudent(t, { schoolId: w.school.id, classId: w.classA.id });
    const closed = await createCase(t, { schoolId: w.school.id, studentId: student.id, ownerId: w.counselor.id, state: 'closed' });
    const res = await create(w.counselor, {}, closed.id);
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('case.closed');
  });
});

describe("a counselor's own tasks, overdue and due this week", () => {
  let t: TestApp;
  let w: Awaited<ReturnType<typeof createSchoolWorld>>;
  let me: Awaited<ReturnType<typeof createUser>>;
  const clock = new ManualClock(WEDNESDAY);
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestApp({ clock });
    w = await createSchoolWorld(t);
    me = await createUser(t, { schoolId: w.school.id, role: 'counselor' });
    const caseOf = async () => {
      const student = await createStudent(t, { schoolId: w.school.id, classId: w.classA.id, name: `学生${Object.keys(ids).length}` });
      return (await createCase(t, { schoolId: w.school.id, studentId: student.id, ownerId: me.id })).id;
    };
    const mine = await caseOf();
    const another = await caseOf();
    const task = async (name: string, id: string, local: string, assigneeId = me.id) => {
      const res = await t.http
        .post(`/api/v1/cases/${id}/tasks`)
        .set({ authorization: await bearer(t, me) })
        .send({ title: `任务 ${name}`, assigneeId, dueAt: shanghai(local) });
      expect(res.status).toBe(201);
      ids[name] = res.body.id;
    };
    await task('lastMonday', mine, '2026-03-09T09:00:00');
    await task('anHourAgo', another, '2026-03-11T09:00:00');
    await task('sundayNight', mine, '2026-03-15T23:30:00');
    // Still Sunday in UTC, but Monday in Shanghai: next week.
    await task('nextMondayEarly', another, '2026-03-16T00:30:00');
    await task('done', mine, '2026-03-12T09:00:00');
    await t.dataSource.query(`UPDATE case_tasks SET status = 'done' WHERE id = $1`, [ids.done]);

    // Someone else's task, a closed case's and a case I have left do not show.
    const colleague = await createUser(t, { schoolId: w.school.id, role: 'counselor' });
    await t.dataSource.query('INSERT INTO case_team_members (school_id, case_id, user_id, added_at) VALUES ($1, $2, $3, now())', [w.school.id, mine, colleague.id]);
    await task('colleagues', mine, '2026-03-10T09:00:00', colleague.id);
    const closed = await caseOf();
    await task('closedCase', closed, '2026-03-10T09:00:00');
    await t.dataSource.query(`UPDATE cases SET state = 'closed', closed_at = now() WHERE id = $1`, [closed]);
    const left = await caseOf();
    await task('leftCase', left, '2026-03-10T09:00:00');
    await t.dataSource.query('UPDATE case_team_members SET removed_at = now() WHERE case_id = $1 AND user_id = $2', [left, me.id]);
  });
  afterAll(async () => t.close());

  const mine = async (query: Record<string, string | number> = {}) => t.http.get('/api/v1/me/tasks').query(query).set({ authorization: await bearer(t, me) });
  const names = (items: { id: string }[]) => items.map((item) => Object.keys(ids).find((name) => ids[name] === item.id));

  it('on Wednesday: overdue are those due before now; this week runs to Sunday midnight in Shanghai', async () => {
    clock.set(WEDNESDAY);
    expect(names((await mine({ due: 'overdue' })).body.items)).toEqual(['lastMonday', 'anHourAgo']);
    expect(names((await mine({ due: 'this_week' })).body.items)).toEqual(['sundayNight']);
    expect(names((await mine()).body.items)).toEqual(['lastMonday', 'anHourAgo', 'sundayNight', 'nextMondayEarly']);
  });

  it('at Monday 00:00 in Shanghai the week turns over, although UTC is still on Sunday', async () => {
    clock.set('2026-03-15T16:00:00.000Z');
    expect(names((await mine({ due: 'overdue' })).body.items)).toEqual(['lastMonday', 'anHourAgo', 'sundayNight']);
    expect(names((await mine({ due: 'this_week' })).body.items)).toEqual(['nextMondayEarly']);
    // Sunday 23:00 in Shanghai: the Monday 00:30 task is next week's.
    clock.set('2026-03-15T15:00:00.000Z');
    expect(names((await mine({ due: 'this_week' })).body.items)).toEqual(['sundayNight']);
  });

  it('names the case and the student, decrypts titles, pages, and audits the read per case', async () => {
    clock.set(WEDNESDAY);
    const res = await mine({ limit: 1 });
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([
      { id: ids.lastMonday, caseId: expect.any(String), studentId: expect.any(String), studentName: '学生0', title: '任务 lastMonday', dueAt: '2026-03-09T01:00:00.000Z', status: 'open', version: 1 },
    ]);
    const next = await mine({ limit: 1, cursor: res.body.nextCursor });
    expect(names(next.body.items)).toEqual(['anHourAgo']);
    const [entry] = await t.dataSource.query(
      `SELECT entity_id, student_id FROM audit_events WHERE action = 'case_task.read' AND actor_id = $1 ORDER BY seq DESC LIMIT 1`,
      [me.id],
    );
    expect(entry).toEqual({ entity_id: next.body.items[0].caseId, student_id: next.body.items[0].studentId });
  });

  it('refuses an unknown window and roles without case work', async () => {
    expect((await mine({ due: 'tomorrow' })).status).toBe(400);
    expect((await t.http.get('/api/v1/me/tasks').set({ authorization: await bearer(t, w.teacher) })).status).toBe(403);
    expect((await t.http.get('/api/v1/me/tasks').set({ authorization: await bearer(t, w.admin) })).status).toBe(403);
  });

  it('is served by the partial index on open tasks per assignee', async () => {
    await t.dataSource.query('ANALYZE case_tasks');
    const plan = await t.dataSource.transaction(async (m) => {
      await m.query('SET LOCAL enable_seqscan = off');
      return m.query(
        `EXPLAIN SELECT id FROM case_tasks t WHERE t.assignee_id = $1 AND t.status = 'open' AND t.due_at < $2 ORDER BY t.due_at, t.id LIMIT 51`,
        [me.id, WEDNESDAY],
      );
    });
    expect(JSON.stringify(plan)).toContain('case_tasks_assignee_open_idx');
  });
});
