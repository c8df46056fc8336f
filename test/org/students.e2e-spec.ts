import { randomUUID } from 'node:crypto';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { bearer, createClass, createGrade, createSchoolWorld, createStudent } from '../support/factories.js';
import { expectProblem } from '../support/problems.js';

type World = Awaited<ReturnType<typeof createSchoolWorld>>;
type Res = { status: number; headers: Record<string, string>; body: Record<string, unknown> };
type StudentItem = { id: string; studentNumber: string; name: string; status: string; version: number };

const fieldsOf = (res: Res) => [...new Set((res.body.errors as { field: string }[]).map((e) => e.field))];

describe('students', () => {
  let t: TestApp;
  let w: World;
  let admin: string;
  let counselor: string;

  const studentRow = async (id: string) =>
    (await t.dataSource.query('SELECT name, status, class_id, version, school_id FROM students WHERE id = $1', [id]))[0];

  beforeAll(async () => {
    t = await createTestApp();
    w = await createSchoolWorld(t);
    admin = await bearer(t, w.admin);
    counselor = await bearer(t, w.counselor);
  });
  afterAll(async () => t.close());

  describe('GET /students', () => {
    let grade2: { id: string };
    let classC: { id: string };

    beforeAll(async () => {
      grade2 = await createGrade(t, w.school.id);
      classC = await createClass(t, w.school.id, grade2.id);
      // 25 students in class C: numbers L-001 .. L-025, every fifth one graduated.
      for (let i = 1; i <= 25; i++) {
        await createStudent(t, {
          schoolId: w.school.id,
          classId: classC.id,
          studentNumber: `L-${String(i).padStart(3, '0')}`,
          name: i === 7 ? '欧阳娜娜' : `学生${i}`,
          status: i % 5 === 0 ? 'graduated' : 'enrolled',
        });
      }
    });

    const list = (query: Record<string, unknown>, auth = counselor) => t.http.get('/api/v1/students').query(query).set('authorization', auth);

    it('lists the students of the school with their class and grade, without guardians', async () => {
      const res = await list({ classId: w.classA.id });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        items: [
          {
            id: w.studentA.id,
            studentNumber: w.studentA.studentNumber,
            name: '张小明',
            gender: 'unspecified',
            dateOfBirth: null,
            classId: w.classA.id,
            className: expect.any(String),
            gradeId: w.grade.id,
            gradeName: expect.any(String),
            status: 'enrolled',
            version: 1,
          },
        ],
        nextCursor: null,
      });
    });

    it('never lists students of another school', async () => {
      const res = await list({ limit: 200 });
      const ids = res.body.items.map((s: StudentItem) => s.id);
      expect(ids).toEqual(expect.arrayContaining([w.studentA.id, w.studentB.id]));
      expect(ids).not.toContain(w.otherStudent.id);
      expect(res.body.items).toHaveLength(27);
    });

    it('walks every student once in student-number order, page by page', async () => {
      const seen: StudentItem[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const res = await list({ classId: classC.id, limit: 10, ...(cursor ? { cursor } : {}) });
        expect(res.status).toBe(200);
        seen.push(...res.body.items);
        cursor = res.body.nextCursor;
        pages++;
      } while (cursor);
      expect(pages).toBe(3);
      expect(seen.map((s) => s.studentNumber)).toEqual(Array.from({ length: 25 }, (_, i) => `L-${String(i + 1).padStart(3, '0')}`));
    });

    it('filters by grade and by any of several statuses', async () => {
      const byGrade = await list({ gradeId: grade2.id, limit: 200 });
      expect(byGrade.body.items).toHaveLength(25);
      const graduated = await list({ gradeId: grade2.id, status: 'graduated' });
      expect(graduated.body.items.map((s: StudentItem) => s.studentNumber)).toEqual(['L-005', 'L-010', 'L-015', 'L-020', 'L-025']);
      const either = await t.http.get(`/api/v1/students?gradeId=${grade2.id}&status=graduated&status=enrolled&limit=200`).set('authorization', counselor);
      expect(either.body.items).toHaveLength(25);
      const none = await list({ gradeId: grade2.id, status: 'withdrawn' });
      expect(none.body.items).toEqual([]);
    });

    it('searches by the start of the name or of the student number', async () => {
      const byName = await list({ q: '欧阳' });
      expect(byName.body.items.map((s: StudentItem) => s.studentNumber)).toEqual(['L-007']);
      const byNumber = await list({ q: 'L-02' });
      expect(byNumber.body.items.map((s: StudentItem) => s.studentNumber)).toEqual(['L-020', 'L-021', 'L-022', 'L-023', 'L-024', 'L-025']);
      // LIKE wildcards are searched for literally.
      expect((await list({ q: '%' })).body.items).toEqual([]);
      expect((await list({ q: 'L_0' })).body.items).toEqual([]);
    });

    it.each([
      [{ status: 'expelled' }, 'status'],
      [{ classId: 'not-a-uuid' }, 'classId'],
      [{ q: '' }, 'q'],
      [{ q: 'x'.repeat(51) }, 'q'],
      [{ schoolId: randomUUID() }, 'schoolId'],
      [{ limit: 0 }, 'limit'],
    ])('rejects the query %p naming %s', async (query, field) => {
      const res = await list(query);
      expectProblem(res, 400, 'validation.invalid');
      expect(fieldsOf(res)).toContain(field);
    });

    it.each([
      ['another shape', Buffer.from('["a"]').toString('base64url')],
      ['a non-UUID id', Buffer.from('["L-001","x"]').toString('base64url')],
      ['three values', Buffer.from(`["L-001","${randomUUID()}",1]`).toString('base64url')],
    ])('rejects a forged cursor (%s) with 400', async (_name, cursor) => {
      expectProblem(await list({ cursor }), 400, 'pagination.invalid_cursor');
    });
  });

  describe('GET /students/{studentId}', () => {
    it('shows the student with guardians, the primary first, and audits the read', async () => {
      await t.dataSource.query(
        `INSERT INTO guardians (school_id, student_id, name, relation, phone, is_primary, created_at) VALUES
           ($1, $2, '张伟', 'father', '13812345678', false, now() - interval '1 hour'),
           ($1, $2, '李娜', 'mother', '13987654321', true, now())`,
        [w.school.id, w.studentB.id],
      );
      const res = await t.http.get(`/api/v1/students/${w.studentB.id}`).set('authorization', counselor);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ id: w.studentB.id, classId: w.classB.id, version: 1 });
      expect(res.body.guardians).toEqual([
        { id: expect.any(String), studentId: w.studentB.id, name: '李娜', relation: 'mother', phone: '13987654321', isPrimary: true, version: 1 },
        { id: expect.any(String), studentId: w.studentB.id, name: '张伟', relation: 'father', phone: '13812345678', isPrimary: false, version: 1 },
      ]);

      const audit = await t.dataSource.query(
        `SELECT actor_id, actor_role, entity_type, entity_id, outcome FROM audit_events
          WHERE school_id = $1 AND action = 'student.read' AND student_id = $2`,
        [w.school.id, w.studentB.id],
      );
      expect(audit).toEqual([
        { actor_id: w.counselor.id, actor_role: 'counselor', entity_type: 'student', entity_id: w.studentB.id, outcome: 'success' },
      ]);
    });

    it('answers 400 for a malformed id', async () => {
      const res = await t.http.get('/api/v1/students/not-a-uuid').set('authorization', counselor);
      expectProblem(res, 400, 'validation.invalid');
      expect(fieldsOf(res)).toEqual(['studentId']);
    });
  });

  describe('POST /students', () => {
    const create = (body: Record<string, unknown>) => t.http.post('/api/v1/students').set('authorization', admin).send(body);

    it('creates a student: 201, Location and the student', async () => {
      const res = await create({ studentNumber: 'N-100', name: '王小红', gender: 'female', dateOfBirth: '2011-02-28', classId: w.classA.id });
      expect(res.status).toBe(201);
      expect(res.headers.location).toBe(`/api/v1/students/${res.body.id}`);
      expect(res.body).toEqual({
        id: expect.any(String),
        studentNumber: 'N-100',
        name: '王小红',
        gender: 'female',
        dateOfBirth: '2011-02-28',
        classId: w.classA.id,
        className: expect.any(String),
        gradeId: w.grade.id,
        gradeName: expect.any(String),
        status: 'enrolled',
        version: 1,
      });
      const [audit] = await t.dataSource.query(`SELECT action, entity_id FROM audit_events WHERE action = 'student.create' AND student_id = $1`, [
        res.body.id,
      ]);
      expect(audit).toEqual({ action: 'student.create', entity_id: res.body.id });

      const detail = await t.http.get(res.headers.location).set('authorization', admin);
      expect(detail.status).toBe(200);
      expect(detail.body.guardians).toEqual([]);
    });

    it('answers a repeated Idempotency-Key with the first answer, creating one student', async () => {
      const body = { studentNumber: 'N-idem', name: '重试', classId: w.classA.id };
      const send = () => t.http.post('/api/v1/students').set('authorization', admin).set('idempotency-key', 'create-N-idem-1').send(body);
      const first = await send();
      const again = await send();
      expect(first.status).toBe(201);
      expect(again.status).toBe(201);
      expect(again.body).toEqual(first.body);
      expect(again.headers.location).toBe(first.headers.location);
      expect(await t.dataSource.query(`SELECT count(*)::int AS n FROM students WHERE student_number = 'N-idem'`)).toEqual([{ n: 1 }]);
    });

    it('refuses a student number the school already uses with 409', async () => {
      const res = await create({ studentNumber: w.studentA.studentNumber, name: '重复', classId: w.classB.id });
      expectProblem(res, 409, 'student.duplicate_number');
    });

    it('allows a student number another school uses', async () => {
      const res = await create({ studentNumber: w.otherStudent.studentNumber, name: '同号', classId: w.classB.id });
      expect(res.status).toBe(201);
    });

    it.each([
      ['a class of another school', () => w.otherClass.id],
      ['no class at all', () => randomUUID()],
    ])('refuses %s with 400 naming classId', async (_name, classId) => {
      const res = await create({ studentNumber: `N-${randomUUID().slice(0, 6)}`, name: '某某', classId: classId() });
      expectProblem(res, 400, 'validation.invalid');
      expect(fieldsOf(res)).toEqual(['classId']);
    });

    it.each([
      [{ studentNumber: 'has space', name: 'a' }, 'studentNumber'],
      [{ studentNumber: 'N-x1', name: '' }, 'name'],
      [{ studentNumber: 'N-x2', name: 'a', gender: 'boy' }, 'gender'],
      [{ studentNumber: 'N-x3', name: 'a', dateOfBirth: '2011-02-30' }, 'dateOfBirth'],
      [{ studentNumber: 'N-x4', name: 'a', dateOfBirth: '3011-01-01' }, 'dateOfBirth'],
      [{ studentNumber: 'N-x5', name: 'a', status: 'expelled' }, 'status'],
      [{ studentNumber: 'N-x6', name: 'a', version: 3 }, 'version'],
    ])('rejects the invalid body %p naming %s', async (body, field) => {
      const res = await create({ classId: w.classA.id, ...body });
      expectProblem(res, 400, 'validation.invalid');
      expect(fieldsOf(res)).toEqual([field]);
    });

    it('is refused to a counselor (403)', async () => {
      const res = await t.http.post('/api/v1/students').set('authorization', counselor).send({ studentNumber: 'N-c', name: 'a', classId: w.classA.id });
      expectProblem(res, 403, 'auth.forbidden');
    });
  });

  describe('PATCH /students/{studentId}', () => {
    let student: { id: string };
    const patch = (body: Record<string, unknown>, ifMatch?: string) => {
      const req = t.http.patch(`/api/v1/students/${student.id}`).set('authorization', admin);
      return (ifMatch ? req.set('if-match', ifMatch) : req).send(body);
    };

    beforeEach(async () => {
      student = await createStudent(t, { schoolId: w.school.id, classId: w.classA.id, name: '原名' });
    });

    it('updates the given fields with If-Match, bumps the version and audits the changed field names', async () => {
      const res = await patch({ name: '新名', classId: w.classB.id, status: 'enrolled' }, '"1"');
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ id: student.id, name: '新名', classId: w.classB.id, status: 'enrolled', version: 2 });
      const audit = await t.dataSource.query(`SELECT changed_fields FROM audit_events WHERE action = 'student.update' AND student_id = $1`, [
        student.id,
      ]);
      // status was sent but did not change: only what changed is named, never the values.
      expect(audit).toEqual([{ changed_fields: ['classId', 'name'] }]);
    });

    it('accepts the version in the body instead', async () => {
      const res = await patch({ gender: 'male', dateOfBirth: '2010-01-02', version: 1 });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ gender: 'male', dateOfBirth: '2010-01-02', version: 2 });
      const cleared = await patch({ dateOfBirth: null, version: 2 });
      expect(cleared.body).toMatchObject({ dateOfBirth: null, version: 3 });
    });

    it('answers a stale version with 409 and changes nothing', async () => {
      expect((await patch({ name: '第一次' }, '"1"')).status).toBe(200);
      const stale = await patch({ name: '第二次' }, '"1"');
      expectProblem(stale, 409, 'student.version_conflict');
      const staleBody = await patch({ status: 'withdrawn', version: 1 });
      expectProblem(staleBody, 409, 'student.version_conflict');
      expect(await studentRow(student.id)).toMatchObject({ name: '第一次', status: 'enrolled', version: 2 });
    });

    it('answers a stale version with 409 even when the change would change nothing', async () => {
      expect((await patch({ name: '第一次' }, '"1"')).status).toBe(200);
      expectProblem(await patch({ name: '第一次' }, '"1"'), 409, 'student.version_conflict');
    });

    it('writes nothing for a change that changes nothing', async () => {
      const res = await patch({ name: '原名' }, '"1"');
      expect(res.status).toBe(200);
      expect(res.body.version).toBe(1);
      const audit = await t.dataSource.query(`SELECT 1 FROM audit_events WHERE action = 'student.update' AND student_id = $1`, [student.id]);
      expect(audit).toEqual([]);
    });

    it.each([
      ['no version at all', {}, undefined, 'version'],
      ['a malformed If-Match', {}, 'abc', 'If-Match'],
      ['If-Match and body disagreeing', { version: 2 }, '"1"', 'version'],
    ])('requires a usable version: %s answers 400', async (_name, body, ifMatch, field) => {
      const res = await patch({ name: '不该改', ...body }, ifMatch);
      expectProblem(res, 400, 'validation.invalid');
      expect(fieldsOf(res)).toEqual([field]);
      expect((await studentRow(student.id)).name).toBe('原名');
    });

    it.each([
      [{ name: null }, 'name'],
      [{ status: 'expelled' }, 'status'],
      [{ classId: 'x' }, 'classId'],
      [{ studentNumber: 'S-new' }, 'studentNumber'],
    ])('rejects the invalid change %p', async (body, field) => {
      const res = await patch(body, '"1"');
      expectProblem(res, 400, 'validation.invalid');
      expect(fieldsOf(res)).toEqual([field]);
    });

    it('refuses a class of another school with 400 naming classId', async () => {
      const res = await patch({ classId: w.otherClass.id }, '"1"');
      expectProblem(res, 400, 'validation.invalid');
      expect(fieldsOf(res)).toEqual(['classId']);
      expect((await studentRow(student.id)).class_id).toBe(w.classA.id);
    });
  });

  describe('mass assignment', () => {
    const forbidden = { id: randomUUID(), schoolId: () => w.otherSchool.id, role: 'admin', createdBy: randomUUID() };

    it.each(Object.keys(forbidden))('refuses %s in a create body with 400 and creates nothing', async (field) => {
      const value = forbidden[field as keyof typeof forbidden];
      const studentNumber = `M-${field}`;
      const res = await t.http
        .post('/api/v1/students')
        .set('authorization', admin)
        .send({ studentNumber, name: '某某', classId: w.classA.id, [field]: typeof value === 'function' ? value() : value });
      expectProblem(res, 400, 'validation.invalid');
      expect(fieldsOf(res)).toEqual([field]);
      expect(await t.dataSource.query('SELECT 1 FROM students WHERE student_number = $1', [studentNumber])).toEqual([]);
    });

    it.each(Object.keys(forbidden))('refuses %s in an update body with 400 and leaves the row unchanged', async (field) => {
      const student = await createStudent(t, { schoolId: w.school.id, classId: w.classA.id, name: '不变' });
      const before = await studentRow(student.id);
      const value = forbidden[field as keyof typeof forbidden];
      const res = await t.http
        .patch(`/api/v1/students/${student.id}`)
        .set('authorization', admin)
        .send({ name: '改了', version: 1, [field]: typeof value === 'function' ? value() : value });
      expectProblem(res, 400, 'validation.invalid');
      expect(fieldsOf(res)).toEqual([field]);
      expect(await studentRow(student.id)).toEqual(before);
    });
  });
});
