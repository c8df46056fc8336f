import { randomUUID } from 'node:crypto';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { bearer, createSchoolWorld, createStudent } from '../support/factories.js';
import { expectProblem } from '../support/problems.js';

type World = Awaited<ReturnType<typeof createSchoolWorld>>;
type Res = { status: number; headers: Record<string, string>; body: Record<string, unknown> };
type Guardian = { id: string; name: string; phone: string; isPrimary: boolean; version: number };

const fieldsOf = (res: Res) => [...new Set((res.body.errors as { field: string }[]).map((e) => e.field))];

describe('guardians', () => {
  let t: TestApp;
  let w: World;
  let admin: string;
  let teacher: string;
  let student: { id: string };

  const base = () => `/api/v1/students/${student.id}/guardians`;
  const add = (body: Record<string, unknown>) => t.http.post(base()).set('authorization', admin).send(body);
  const patch = (guardianId: string, body: Record<string, unknown>, ifMatch?: string) => {
    const req = t.http.patch(`${base()}/${guardianId}`).set('authorization', admin);
    return (ifMatch ? req.set('if-match', ifMatch) : req).send(body);
  };
  const guardianRows = () =>
    t.dataSource.query<{ id: string; name: string; phone: string; is_primary: boolean; version: number }[]>(
      'SELECT id, name, phone, is_primary, version FROM guardians WHERE student_id = $1 ORDER BY created_at, id',
      [student.id],
    );
  const auditOf = (action: string) =>
    t.dataSource.query<{ entity_id: string; changed_fields: string[] | null }[]>(
      'SELECT entity_id, changed_fields FROM audit_events WHERE action = $1 AND student_id = $2 ORDER BY seq',
      [action, student.id],
    );

  beforeAll(async () => {
    t = await createTestApp();
    w = await createSchoolWorld(t);
    admin = await bearer(t, w.admin);
    teacher = await bearer(t, w.teacher);
  });
  beforeEach(async () => {
    student = await createStudent(t, { schoolId: w.school.id, classId: w.classA.id });
  });
  afterAll(async () => t.close());

  describe('POST', () => {
    it('adds a guardian: 201, Location, the guardian, an audit entry naming the student', async () => {
      const res = await add({ name: '张伟', relation: 'father', phone: '13812345678', isPrimary: true });
      expect(res.status).toBe(201);
      expect(res.headers.location).toBe(`${base()}/${res.body.id}`);
      expect(res.body).toEqual({
        id: expect.any(String),
        studentId: student.id,
        name: '张伟',
        relation: 'father',
        phone: '13812345678',
        isPrimary: true,
        version: 1,
      });
      expect(await auditOf('guardian.create')).toEqual([{ entity_id: res.body.id, changed_fields: null }]);
    });

    it.each([
      ['+86 138 1234 5678', '13812345678'],
      ['0086-139-8765-4321', '13987654321'],
      ['0755 8612 3456', '0755-86123456'],
      ['(010) 8765 4321', '010-87654321'],
      ['+86 21 6123 4567', '021-61234567'],
      ['+852 9123 4567', '+85291234567'],
      ['001 415 555 0100', '+14155550100'],
    ])('accepts the phone number %s and stores it as %s', async (phone, stored) => {
      const res = await add({ name: '李娜', relation: 'mother', phone });
      expect(res.status).toBe(201);
      expect(res.body.phone).toBe(stored);
    });

    it.each([['12345678901'], ['1381234567'], ['138123456789'], ['0755-123'], ['+86 999'], ['phone'], ['']])(
      'rejects the phone number "%s" with 400',
      async (phone) => {
        const res = await add({ name: '李娜', relation: 'mother', phone });
        expectProblem(res, 400, 'validation.invalid');
        expect(fieldsOf(res)).toEqual(['phone']);
      },
    );

    it('rejects a relation outside the list', async () => {
      const res = await add({ name: '李娜', relation: 'uncle', phone: '13812345678' });
      expectProblem(res, 400, 'validation.invalid');
      expect(fieldsOf(res)).toEqual(['relation']);
    });

    it('makes the new primary guardian the only primary one, in the same transaction', async () => {
      const first = await add({ name: '张伟', relation: 'father', phone: '13812345678', isPrimary: true });
      const second = await add({ name: '李娜', relation: 'mother', phone: '13987654321', isPrimary: true });
      expect(second.body.isPrimary).toBe(true);
      expect(await guardianRows()).toEqual([
        expect.objectContaining({ id: first.body.id, is_primary: false, version: 2 }),
        expect.objectContaining({ id: second.body.id, is_primary: true, version: 1 }),
      ]);
      expect(await auditOf('guardian.update')).toEqual([{ entity_id: first.body.id, changed_fields: ['isPrimary'] }]);
      const detail = await t.http.get(`/api/v1/students/${student.id}`).set('authorization', admin);
      expect(detail.body.guardians.map((g: Guardian) => g.id)).toEqual([second.body.id, first.body.id]);
    });

    it('keeps the primary guardian when a non-primary one is added', async () => {
      const first = await add({ name: '张伟', relation: 'father', phone: '13812345678', isPrimary: true });
      await add({ name: '李娜', relation: 'mother', phone: '13987654321' });
      expect((await guardianRows()).find((g) => g.id === first.body.id)?.is_primary).toBe(true);
    });
  });

  describe('GET', () => {
    it('lists the guardians in the order they were added, page by page, and audits the read', async () => {
      for (const name of ['甲', '乙', '丙']) await add({ name, relation: 'other', phone: '13812345678' });
      const first = await t.http.get(base()).query({ limit: 2 }).set('authorization', teacher);
      expect(first.status).toBe(200);
      expect(first.body.items.map((g: Guardian) => g.name)).toEqual(['甲', '乙']);
      const second = await t.http.get(base()).query({ limit: 2, cursor: first.body.nextCursor }).set('authorization', teacher);
      expect(second.body.items.map((g: Guardian) => g.name)).toEqual(['丙']);
      expect(second.body.nextCursor).toBeNull();
      const audit = await t.dataSource.query(
        `SELECT actor_id FROM audit_events WHERE action = 'guardian.read' AND student_id = $1`,
        [student.id],
      );
      expect(audit).toEqual([{ actor_id: w.teacher.id }, { actor_id: w.teacher.id }]);
    });

    it('rejects a forged cursor with 400', async () => {
      const cursor = Buffer.from(`["2020","${randomUUID()}"]`).toString('base64url');
      expectProblem(await t.http.get(base()).query({ cursor }).set('authorization', teacher), 400, 'pagination.invalid_cursor');
    });
  });

  describe('PATCH', () => {
    it('updates with the version, audits the changed fields and can move the primary role', async () => {
      const father = await add({ name: '张伟', relation: 'father', phone: '13812345678', isPrimary: true });
      const mother = await add({ name: '李娜', relation: 'mother', phone: '13987654321' });
      const res = await patch(mother.body.id, { phone: '139 1111 2222', isPrimary: true }, '"1"');
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ phone: '13911112222', isPrimary: true, version: 2 });
      expect((await guardianRows()).find((g) => g.id === father.body.id)).toMatchObject({ is_primary: false, version: 2 });
      expect(await auditOf('guardian.update')).toEqual([
        { entity_id: mother.body.id, changed_fields: ['isPrimary', 'phone'] },
        { entity_id: father.body.id, changed_fields: ['isPrimary'] },
      ]);
    });

    it('answers a stale version with 409 and changes nothing', async () => {
      const guardian = await add({ name: '张伟', relation: 'father', phone: '13812345678' });
      expect((await patch(guardian.body.id, { name: '张大伟', version: 1 })).status).toBe(200);
      expectProblem(await patch(guardian.body.id, { name: '张小伟' }, '"1"'), 409, 'guardian.version_conflict');
      expect(await guardianRows()).toEqual([expect.objectContaining({ name: '张大伟', version: 2 })]);
    });

    it('requires a version', async () => {
      const guardian = await add({ name: '张伟', relation: 'father', phone: '13812345678' });
      const res = await patch(guardian.body.id, { name: '张大伟' });
      expectProblem(res, 400, 'validation.invalid');
      expect(fieldsOf(res)).toEqual(['version']);
    });

    it('answers 404 for a guardian of another student, through this student', async () => {
      const other = await createStudent(t, { schoolId: w.school.id, classId: w.classA.id });
      const [theirs] = await t.dataSource.query<{ id: string }[]>(
        `INSERT INTO guardians (school_id, student_id, name, relation, phone) VALUES ($1, $2, '王芳', 'mother', '13800000000') RETURNING id`,
        [w.school.id, other.id],
      );
      expectProblem(await patch(theirs.id, { name: '改' }, '"1"'), 404, 'guardian.not_found');
      expectProblem(await t.http.delete(`${base()}/${theirs.id}`).set('authorization', admin), 404, 'guardian.not_found');
    });
  });

  describe('DELETE', () => {
    it('deletes a guardian (204), audits it, then answers 404', async () => {
      const guardian = await add({ name: '张伟', relation: 'father', phone: '13812345678' });
      const res = await t.http.delete(`${base()}/${guardian.body.id}`).set('authorization', admin);
      expect(res.status).toBe(204);
      expect(await guardianRows()).toEqual([]);
      expect(await auditOf('guardian.delete')).toEqual([{ entity_id: guardian.body.id, changed_fields: null }]);
      expectProblem(await t.http.delete(`${base()}/${guardian.body.id}`).set('authorization', admin), 404, 'guardian.not_found');
    });
  });

  describe('mass assignment', () => {
    const forbidden = { id: randomUUID(), schoolId: randomUUID(), studentId: randomUUID(), role: 'admin', createdBy: randomUUID() };

    it.each(Object.entries(forbidden))('refuses %s in a create body and adds nothing', async (field, value) => {
      const res = await add({ name: '张伟', relation: 'father', phone: '13812345678', [field]: value });
      expectProblem(res, 400, 'validation.invalid');
      expect(fieldsOf(res)).toEqual([field]);
      expect(await guardianRows()).toEqual([]);
    });

    it.each(Object.entries(forbidden))('refuses %s in an update body and leaves the guardian unchanged', async (field, value) => {
      const guardian = await add({ name: '张伟', relation: 'father', phone: '13812345678' });
      const before = await guardianRows();
      const res = await patch(guardian.body.id, { name: '改', version: 1, [field]: value });
      expectProblem(res, 400, 'validation.invalid');
      expect(fieldsOf(res)).toEqual([field]);
      expect(await guardianRows()).toEqual(before);
    });
  });
});
