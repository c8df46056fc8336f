import { randomUUID } from 'node:crypto';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { bearer, createSchoolWorld, createStudent, createUser } from '../support/factories.js';

/**
 * Who reaches which student, route by route. A diff in the expectations here changes who may
 * see or change a child's record: review it as a permission change.
 */
type World = Awaited<ReturnType<typeof createSchoolWorld>>;
type Role = 'class_teacher' | 'counselor' | 'counseling_lead' | 'admin' | 'duty_officer';
type Relation = 'own class' | 'another class' | 'another school' | 'missing id';

interface Target {
  studentId: string;
  guardianId: string;
}

interface RouteCase {
  name: string;
  /** Whether the role's permission map grants the route's permission. */
  allowed: Role[];
  success: number;
  send(t: TestApp, auth: string, target: Target): Promise<{ status: number; text: string; body: Record<string, unknown> }>;
}

const READERS: Role[] = ['class_teacher', 'counselor', 'counseling_lead', 'admin'];
const MANAGERS: Role[] = ['admin'];

const ROUTES: RouteCase[] = [
  {
    name: 'GET /students/{studentId}',
    allowed: READERS,
    success: 200,
    send: (t, auth, { studentId }) => t.http.get(`/api/v1/students/${studentId}`).set('authorization', auth),
  },
  {
    name: 'PATCH /students/{studentId}',
    allowed: MANAGERS,
    success: 200,
    send: (t, auth, { studentId }) => t.http.patch(`/api/v1/students/${studentId}`).set('authorization', auth).set('if-match', '"1"').send({ name: '改名' }),
  },
  {
    name: 'GET /students/{studentId}/guardians',
    allowed: READERS,
    success: 200,
    send: (t, auth, { studentId }) => t.http.get(`/api/v1/students/${studentId}/guardians`).set('authorization', auth),
  },
  {
    name: 'POST /students/{studentId}/guardians',
    allowed: MANAGERS,
    success: 201,
    send: (t, auth, { studentId }) =>
      t.http.post(`/api/v1/students/${studentId}/guardians`).set('authorization', auth).send({ name: '王芳', relation: 'mother', phone: '13900001111' }),
  },
  {
    name: 'PATCH /students/{studentId}/guardians/{guardianId}',
    allowed: MANAGERS,
    success: 200,
    send: (t, auth, { studentId, guardianId }) =>
      t.http.patch(`/api/v1/students/${studentId}/guardians/${guardianId}`).set('authorization', auth).send({ phone: '13900002222', version: 1 }),
  },
  {
    name: 'DELETE /students/{studentId}/guardians/{guardianId}',
    allowed: MANAGERS,
    success: 204,
    send: (t, auth, { studentId, guardianId }) => t.http.delete(`/api/v1/students/${studentId}/guardians/${guardianId}`).set('authorization', auth),
  },
];

const RELATIONS: Relation[] = ['own class', 'another class', 'another school', 'missing id'];
const ROLES: Role[] = ['class_teacher', 'counselor', 'counseling_lead', 'admin', 'duty_officer'];

/** "own class" is the class the class teacher teaches; the other roles' scope is the whole school. */
function reaches(role: Role, relation: Relation): boolean {
  if (relation === 'another school' || relation === 'missing id') return false;
  return role === 'class_teacher' ? relation === 'own class' : true;
}

describe('student routes: role x relation', () => {
  let t: TestApp;
  let w: World;
  const auth = {} as Record<Role, string>;

  /** A fresh student with one guardian per request, so writes never disturb other cases. */
  async function targetFor(relation: Relation): Promise<Target> {
    if (relation === 'missing id') return { studentId: randomUUID(), guardianId: randomUUID() };
    const [schoolId, classId] =
      relation === 'own class'
        ? [w.school.id, w.classA.id]
        : relation === 'another class'
          ? [w.school.id, w.classB.id]
          : [w.otherSchool.id, w.otherClass.id];
    const student = await createStudent(t, { schoolId, classId });
    const [guardian] = await t.dataSource.query<{ id: string }[]>(
      `INSERT INTO guardians (school_id, student_id, name, relation, phone, is_primary) VALUES ($1, $2, '张伟', 'father', '13812345678', true) RETURNING id`,
      [schoolId, student.id],
    );
    return { studentId: student.id, guardianId: guardian.id };
  }

  beforeAll(async () => {
    t = await createTestApp();
    w = await createSchoolWorld(t);
    auth.class_teacher = await bearer(t, w.teacher);
    auth.counselor = await bearer(t, w.counselor);
    auth.counseling_lead = await bearer(t, await createUser(t, { schoolId: w.school.id, role: 'counseling_lead' }));
    auth.admin = await bearer(t, w.admin);
    auth.duty_officer = await bearer(t, w.duty);
  });
  afterAll(async () => t.close());

  describe.each(ROUTES)('$name', (route) => {
    it.each(ROLES)('answers a %s by relation: reached, 404 like a missing id, or 403', async (role) => {
      const outcomes: Record<string, number> = {};
      const missing = await route.send(t, auth[role], await targetFor('missing id'));
      for (const relation of RELATIONS) {
        const res = await route.send(t, auth[role], await targetFor(relation));
        outcomes[relation] = res.status;
        if (res.status === 404) {
          // Out of scope must not be told apart from missing: the same bytes (the bodies hold no id).
          expect(res.text).toBe(missing.text);
          expect(res.body.code).toBe('student.not_found');
        }
        if (res.status === 403) expect(res.body.code).toBe('auth.forbidden');
      }
      const expected = Object.fromEntries(
        RELATIONS.map((relation) => [relation, !route.allowed.includes(role) ? 403 : reaches(role, relation) ? route.success : 404]),
      );
      expect(outcomes).toEqual(expected);
    });
  });

  describe('GET /students', () => {
    const listed = async (role: Role) => {
      const res = await t.http.get('/api/v1/students').query({ limit: 200 }).set('authorization', auth[role]);
      return { status: res.status, ids: (res.body.items ?? []).map((s: { id: string }) => s.id) as string[] };
    };

    it('lists only the students of the classes a class teacher teaches now', async () => {
      const { status, ids } = await listed('class_teacher');
      expect(status).toBe(200);
      expect(ids).toContain(w.studentA.id);
      expect(ids).not.toContain(w.studentB.id);
      expect(ids).not.toContain(w.otherStudent.id);
    });

    it.each(['counselor', 'counseling_lead', 'admin'] as const)('lists every student of the school to a %s, none of another school', async (role) => {
      const { ids } = await listed(role);
      expect(ids).toEqual(expect.arrayContaining([w.studentA.id, w.studentB.id]));
      expect(ids).not.toContain(w.otherStudent.id);
    });

    it('refuses a duty officer', async () => {
      expect((await listed('duty_officer')).status).toBe(403);
    });

    it('ignores a class filter outside the scope: a class teacher asking for another class gets nobody', async () => {
      const res = await t.http.get('/api/v1/students').query({ classId: w.classB.id }).set('authorization', auth.class_teacher);
      expect(res.status).toBe(200);
      expect(res.body.items).toEqual([]);
    });
  });

  describe('an ended class-teacher assignment', () => {
    it('takes the class out of the teacher’s scope at once', async () => {
      const teacher = await createUser(t, { schoolId: w.school.id, role: 'class_teacher' });
      await t.dataSource.query(
        `INSERT INTO class_teacher_assignments (school_id, class_id, user_id, started_at, ended_at) VALUES ($1, $2, $3, now() - interval '1 day', now())`,
        [w.school.id, w.classA.id, teacher.id],
      );
      const token = await bearer(t, teacher);
      expect((await t.http.get(`/api/v1/students/${w.studentA.id}`).set('authorization', token)).status).toBe(404);
      const list = await t.http.get('/api/v1/students').set('authorization', token);
      expect(list.body.items).toEqual([]);
    });
  });

  describe('refused reads', () => {
    it('are audited as not found, for another class and another school alike', async () => {
      for (const studentId of [w.studentB.id, w.otherStudent.id]) {
        expect((await t.http.get(`/api/v1/students/${studentId}`).set('authorization', auth.class_teacher)).status).toBe(404);
        const events = await t.dataSource.query(
          `SELECT outcome, school_id FROM audit_events WHERE action = 'student.read' AND entity_id = $1 AND actor_id = $2`,
          [studentId, w.teacher.id],
        );
        expect(events).toEqual([{ outcome: 'not_found', school_id: w.school.id }]);
      }
    });
  });

  describe('routes only administrators use', () => {
    it.each(['class_teacher', 'counselor', 'duty_officer'] as const)('refuses POST /students and POST /students/import to a %s', async (role) => {
      const create = await t.http.post('/api/v1/students').set('authorization', auth[role]).send({ studentNumber: 'X-1', name: 'a', classId: w.classA.id });
      expect(create.status).toBe(403);
      const importCsv = await t.http.post('/api/v1/students/import').set('authorization', auth[role]).set('content-type', 'text/csv').send('student_number\n');
      expect(importCsv.status).toBe(403);
    });

    it('asks for a token first', async () => {
      expect((await t.http.get(`/api/v1/students/${w.studentA.id}`)).status).toBe(401);
      expect((await t.http.post('/api/v1/students/import').set('content-type', 'text/csv').send('a\n')).status).toBe(401);
    });
  });
});
