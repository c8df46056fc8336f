import { createTestApp, type TestApp } from '../support/test-app.js';
import { bearer, createClass, createSchoolWorld, createUser, type TestUser } from '../support/factories.js';

type World = Awaited<ReturnType<typeof createSchoolWorld>>;
type Assignment = { id: string; classId: string; userId: string; endedAt: string | null };

describe('a class teacher leaving: their class assignments end with them', () => {
  let t: TestApp;
  let w: World;
  let admin: string;

  const assign = (classId: string, userId: string) =>
    t.http.post(`/api/v1/classes/${classId}/teacher-assignments`).set('authorization', admin).send({ userId });
  const patch = (user: { id: string }, version: number, body: object) =>
    t.http.patch(`/api/v1/users/${user.id}`).set('authorization', admin).set('if-match', `"${version}"`).send(body);
  const assignmentsOf = (user: { id: string }) =>
    t.dataSource.query<{ id: string; class_id: string; ended_at: Date | null }[]>(
      'SELECT id, class_id, ended_at FROM class_teacher_assignments WHERE user_id = $1 ORDER BY started_at, id',
      [user.id],
    );
  const openAssignmentsOf = async (user: { id: string }) => (await assignmentsOf(user)).filter((a) => a.ended_at === null);
  const auditAfter = (seq: string) =>
    t.dataSource.query<{ action: string; entity_id: string; changed_fields: string[] }[]>(
      'SELECT action, entity_id, changed_fields FROM audit_events WHERE school_id = $1 AND seq > $2 ORDER BY seq',
      [w.school.id, seq],
    );
  const lastSeq = async () =>
    (await t.dataSource.query<{ seq: string }[]>('SELECT coalesce(max(seq), 0)::text AS seq FROM audit_events'))[0].seq;

  /** A class teacher teaching two new classes, through the API. */
  async function teacherOfTwoClasses(): Promise<{ teacher: TestUser; classes: string[]; assignments: string[] }> {
    const teacher = await createUser(t, { schoolId: w.school.id, role: 'class_teacher' });
    const classes = [(await createClass(t, w.school.id, w.grade.id)).id, (await createClass(t, w.school.id, w.grade.id)).id];
    const assignments: string[] = [];
    for (const classId of classes) {
      const res = await assign(classId, teacher.id);
      expect(res.status).toBe(201);
      assignments.push(res.body.id as string);
    }
    return { teacher, classes, assignments };
  }

  beforeAll(async () => {
    t = await createTestApp();
    w = await createSchoolWorld(t);
    admin = await bearer(t, w.admin);
  });
  afterAll(async () => t.close());

  it('ends the current assignments of a deactivated teacher at the moment of deactivation, audited in the same write', async () => {
    const { teacher, classes, assignments } = await teacherOfTwoClasses();
    const since = await lastSeq();

    const res = await patch(teacher, 1, { active: false });

    expect(res.status).toBe(200);
    const rows = await assignmentsOf(teacher);
    expect(rows.map((a) => [a.id, a.ended_at?.toISOString()]).sort()).toEqual(assignments.map((id) => [id, res.body.updatedAt]).sort());
    expect(await auditAfter(since)).toEqual([
      { action: 'user.update', entity_id: teacher.id, changed_fields: ['active'] },
      ...rows.map((a) => ({ action: 'class_assignment.end', entity_id: a.id, changed_fields: ['endedAt'] })),
    ]);
    // The class's history shows the assignment as ended.
    const history = await t.http.get(`/api/v1/classes/${classes[0]}/teacher-assignments`).set('authorization', admin);
    expect(history.body.items.find((a: Assignment) => a.id === assignments[0])).toMatchObject({ endedAt: res.body.updatedAt });
  });

  it("leaves other teachers' assignments and the teacher's past ones alone", async () => {
    const { teacher, classes } = await teacherOfTwoClasses();
    const colleague = await createUser(t, { schoolId: w.school.id, role: 'class_teacher' });
    expect((await assign(classes[0], colleague.id)).status).toBe(201);
    const [past] = await assignmentsOf(teacher);
    const ended = await t.http.post(`/api/v1/classes/${past.class_id}/teacher-assignments/${past.id}/end`).set('authorization', admin);
    expect(ended.status).toBe(200);

    expect((await patch(teacher, 1, { active: false })).status).toBe(200);

    expect(await openAssignmentsOf(colleague)).toHaveLength(1);
    expect((await assignmentsOf(teacher)).find((a) => a.id === past.id)?.ended_at?.toISOString()).toBe(ended.body.endedAt);
  });

  it('does not restore them on reactivation: the teacher reaches none of their former students', async () => {
    const { teacher, classes } = await teacherOfTwoClasses();
    await t.dataSource.query(`INSERT INTO students (school_id, class_id, student_number, name) VALUES ($1, $2, 'RE-1', '回来')`, [
      w.school.id,
      classes[0],
    ]);
    expect((await patch(teacher, 1, { active: false })).status).toBe(200);

    const reactivated = await patch(teacher, 2, { active: true });

    expect(reactivated.status).toBe(200);
    expect(await openAssignmentsOf(teacher)).toEqual([]);
    const students = await t.http.get('/api/v1/students').set('authorization', await bearer(t, teacher));
    expect(students.status).toBe(200);
    expect(students.body.items).toEqual([]);
    // An administrator can assign them again.
    expect((await assign(classes[0], teacher.id)).status).toBe(201);
  });

  it('ends them when the role changes from class teacher, and keeps them on a change of name', async () => {
    const { teacher } = await teacherOfTwoClasses();
    expect((await patch(teacher, 1, { displayName: '新名字' })).status).toBe(200);
    expect(await openAssignmentsOf(teacher)).toHaveLength(2);

    expect((await patch(teacher, 2, { role: 'counselor' })).status).toBe(200);
    expect(await openAssignmentsOf(teacher)).toEqual([]);
  });

  it('also ends an assignment being made while the teacher is deactivated', async () => {
    // Both writes stop at the school's audit lock, held here, after doing their work: the
    // deactivation must see the new assignment (or the assignment must see the deactivation).
    const teacher = await createUser(t, { schoolId: w.school.id, role: 'class_teacher' });
    const classId = (await createClass(t, w.school.id, w.grade.id)).id;
    const holder = t.dataSource.createQueryRunner();
    await holder.connect();
    const auditLock = [`audit:${w.school.id}`];
    await holder.query('SELECT pg_advisory_lock(hashtextextended($1, 0))', auditLock);
    let assigning: Promise<{ status: number }>;
    let deactivating: Promise<{ status: number }>;
    try {
      assigning = assign(classId, teacher.id).then((res) => res);
      await waitForLockWaiters(1);
      deactivating = patch(teacher, 1, { active: false }).then((res) => res);
      await waitForLockWaiters(2);
    } finally {
      await holder.query('SELECT pg_advisory_unlock(hashtextextended($1, 0))', auditLock);
      await holder.release();
    }
    expect((await assigning).status).toBe(201);
    expect((await deactivating).status).toBe(200);
    expect(await openAssignmentsOf(teacher)).toEqual([]);
  });

  async function waitForLockWaiters(count: number): Promise<void> {
    for (let attempt = 0; attempt < 250; attempt++) {
      // As the owner: the application role does not see other sessions' wait events.
      const [{ waiting }] = await t.database.asOwner<{ waiting: number }>(
        `SELECT count(*)::int AS waiting FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
      );
      if (waiting >= count) return;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new Error(`fewer than ${count} requests ever waited for a lock`);
  }
});
