import { ManualClock } from '#core';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { bearer, createSchoolWorld, createStudent } from '../support/factories.js';

describe('holiday categories', () => {
  const clock = new ManualClock(new Date('2027-01-10T04:00:00Z'));
  let t: TestApp;
  let w: Awaited<ReturnType<typeof createSchoolWorld>>;
  let holidayId: string;
  let otherHolidayId: string;
  let classmate: { id: string };
  let atRiskStudent: { id: string };

  const as = async (user: { id: string }) => ({ authorization: await bearer(t, user) });
  const url = (studentId?: string, holiday = holidayId) => `/api/v1/calendar/holidays/${holiday}/categories${studentId ? `/${studentId}` : ''}`;
  const atHome = { whereabouts: 'at_home', contactPhone: '138 1234 5678' };

  beforeAll(async () => {
    t = await createTestApp({ clock });
    w = await createSchoolWorld(t);
    const admin = await as(w.admin);
    holidayId = (await t.http.post('/api/v1/calendar/holidays').set(admin).send({ kind: 'winter', name: '寒假', startsOn: '2027-01-25', endsOn: '2027-02-20' })).body.id;
    otherHolidayId = (await t.http.post('/api/v1/calendar/holidays').set(await as(w.otherAdmin)).send({ kind: 'winter', name: '寒假', startsOn: '2027-01-25', endsOn: '2027-02-20' })).body.id;
    classmate = await createStudent(t, { schoolId: w.school.id, classId: w.classA.id, name: '李华' });
    atRiskStudent = await createStudent(t, { schoolId: w.school.id, classId: w.classB.id, name: '王芳' });
    await t.dataSource.query(
      `INSERT INTO student_risk (student_id, school_id, level, level_rank, derived_level, updated_at) VALUES ($1, $2, 'high', 3, 'high', now())`,
      [atRiskStudent.id, w.school.id],
    );
  });
  afterAll(async () => t.close());

  it('lets the class teacher register a student of their class, canonical phone, audited', async () => {
    const res = await t.http.put(url(w.studentA.id)).set(await as(w.teacher)).send({ ...atHome, disasterAffected: true, guardianConfirmed: true });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      holidayId,
      studentId: w.studentA.id,
      classId: w.classA.id,
      whereabouts: 'at_home',
      employer: null,
      disasterAffected: true,
      contactPhone: '13812345678',
      guardianConfirmed: true,
      guardianConfirmedAt: clock.now().toISOString(),
      version: 1,
    });
    const [audit] = await t.dataSource.query(`SELECT action, changed_fields FROM audit_events WHERE entity_id = $1`, [res.body.id]);
    expect(audit.action).toBe('holiday_category.register');
    expect(audit.changed_fields).toEqual(expect.arrayContaining(['whereabouts', 'contactPhone', 'disasterAffected', 'guardianConfirmed']));
  });

  it("answers 404 to a class teacher registering another class's student, or for another school's holiday", async () => {
    const res = await t.http.put(url(w.studentB.id)).set(await as(w.teacher)).send(atHome);
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('student.not_found');
    expect((await t.http.put(url(w.studentA.id, otherHolidayId)).set(await as(w.teacher)).send(atHome)).status).toBe(404);
    expect((await t.http.put(url(w.otherStudent.id)).set(await as(w.admin)).send(atHome)).status).toBe(404);
    expect((await t.http.get(url(undefined, otherHolidayId)).set(await as(w.counselor))).status).toBe(404);
    expect((await t.http.get(`${url(undefined, otherHolidayId)}/on-site`).set(await as(w.duty))).status).toBe(404);
    const count = await t.dataSource.query('SELECT count(*)::int AS n FROM holiday_categories WHERE student_id = ANY($1)', [[w.studentB.id, w.otherStudent.id]]);
    expect(count[0].n).toBe(0);
  });

  it('refuses an internship without employer, other without a description and a bad phone, naming the fields', async () => {
    const teacher = await as(w.teacher);
    const internship = await t.http.put(url(classmate.id)).set(teacher).send({ whereabouts: 'internship', place: '深圳', contactPhone: '13812345678' });
    expect(internship.status).toBe(400);
    expect(internship.body.errors.map((e: { field: string }) => e.field)).toEqual(['employer']);
    const other = await t.http.put(url(classmate.id)).set(teacher).send({ whereabouts: 'other', contactPhone: '13812345678' });
    expect(other.body.errors.map((e: { field: string }) => e.field)).toEqual(['description']);
    const stray = await t.http.put(url(classmate.id)).set(teacher).send({ ...atHome, employer: '某公司' });
    expect(stray.body.errors.map((e: { field: string }) => e.field)).toEqual(['employer']);
    const phone = await t.http.put(url(classmate.id)).set(teacher).send({ whereabouts: 'at_home', contactPhone: '12345' });
    expect(phone.status).toBe(400);
    expect(phone.body.errors.map((e: { field: string }) => e.field)).toEqual(['contactPhone']);
    const bad = await t.http.put(url(classmate.id)).set(teacher).send({ whereabouts: 'abroad', contactPhone: '13812345678' });
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(['whereabouts']);
  });

  it('replaces a registration at its version only; encrypts the internship details', async () => {
    const teacher = await as(w.teacher);
    const first = await t.http.put(url(classmate.id)).set(teacher).send({ whereabouts: 'internship', employer: '华为技术有限公司', place: '深圳坂田', contactPhone: '0755-86123456', guardianConfirmed: true });
    expect(first.status).toBe(201);
    const [stored] = await t.dataSource.query('SELECT employer, place FROM holiday_categories WHERE id = $1', [first.body.id]);
    expect(stored.employer).not.toContain('华为');
    expect(stored.place).not.toContain('深圳');
    // Registering again without a version, or at a stale one, conflicts.
    expect((await t.http.put(url(classmate.id)).set(teacher).send(atHome)).status).toBe(409);
    clock.advance(60_000);
    const moved = await t.http.put(url(classmate.id)).set(teacher).set('if-match', '"1"').send({ whereabouts: 'on_campus', contactPhone: '+852 9123 4567', guardianConfirmed: true });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ whereabouts: 'on_campus', employer: null, contactPhone: '+85291234567', guardianConfirmed: true, version: 2 });
    const stale = await t.http.put(url(classmate.id)).set(teacher).send({ ...atHome, version: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('holiday_category.version_conflict');
    const audits = await t.dataSource.query(`SELECT action, changed_fields FROM audit_events WHERE entity_id = $1 ORDER BY seq`, [first.body.id]);
    expect(audits.map((a: { action: string }) => a.action)).toEqual(['holiday_category.register', 'holiday_category.update']);
    expect(audits[1].changed_fields).toEqual(expect.arrayContaining(['whereabouts', 'employer', 'place', 'contactPhone']));
    // Back on an internship, as the duty officers will see it.
    const back = await t.http.put(url(classmate.id)).set(teacher).send({ whereabouts: 'internship', employer: '华为技术有限公司', place: '深圳坂田', contactPhone: '13912345678', version: 2 });
    expect(back.body).toMatchObject({ version: 3, guardianConfirmed: false, guardianConfirmedAt: null });
  });

  it("lists the teacher's classes, filtered by whereabouts, keyset paged; and who is not registered yet", async () => {
    const teacher = await as(w.teacher);
    await t.http.put(url(atRiskStudent.id)).set(await as(w.teacher2)).send({ whereabouts: 'on_campus', contactPhone: '13700000000' });
    const mine = await t.http.get(url()).set(teacher);
    expect(mine.status).toBe(200);
    expect(mine.body.items.map((i: { studentId: string }) => i.studentId).sort()).toEqual([w.studentA.id, classmate.id].sort());
    const paged = await t.http.get(url()).query({ limit: 1 }).set(teacher);
    expect(paged.body.items).toHaveLength(1);
    const next = await t.http.get(url()).query({ limit: 1, cursor: paged.body.nextCursor }).set(teacher);
    expect(next.body.items).toHaveLength(1);
    expect(next.body.items[0].studentId).not.toBe(paged.body.items[0].studentId);
    expect(next.body.nextCursor).toBeNull();
    const interns = await t.http.get(url()).query({ whereabouts: 'internship' }).set(teacher);
    expect(interns.body.items.map((i: { studentId: string; employer: string }) => [i.studentId, i.employer])).toEqual([[classmate.id, '华为技术有限公司']]);

    const late = await createStudent(t, { schoolId: w.school.id, classId: w.classA.id, name: '赵磊' });
    const unregistered = await t.http.get(`${url()}/unregistered`).query({ classId: w.classA.id }).set(teacher);
    expect(unregistered.status).toBe(200);
    expect(unregistered.body.items).toEqual([{ studentId: late.id, studentName: '赵磊', studentNumber: late.studentNumber, classId: w.classA.id, className: expect.any(String) }]);
    expect((await t.http.get(`${url()}/unregistered`).query({ classId: w.classB.id }).set(teacher)).status).toBe(404);
    expect((await t.http.get(`${url()}/unregistered`).query({ classId: w.classB.id }).set(await as(w.admin))).body.items).toEqual([
      expect.objectContaining({ studentId: w.studentB.id }),
    ]);
    expect((await t.http.get(`${url()}/unregistered`).set(teacher)).status).toBe(400);
  });

  it('shows counselors the school, or only students at high or critical risk; teachers may not filter by risk', async () => {
    const counselor = await as(w.counselor);
    const all = await t.http.get(url()).set(counselor);
    expect(all.body.items).toHaveLength(3);
    const atRisk = await t.http.get(url()).query({ atRisk: true }).set(counselor);
    expect(atRisk.body.items.map((i: { studentId: string }) => i.studentId)).toEqual([atRiskStudent.id]);
    expect((await t.http.get(url()).query({ atRisk: true }).set(await as(w.teacher))).status).toBe(403);
    expect((await t.http.get(url()).set(await as(w.admin))).body.items).toHaveLength(3);
    expect((await t.http.get(url()).set(await as(w.otherCounselor))).status).toBe(404);
  });

  it('lists students on campus or on internships for duty officers, who see nothing else', async () => {
    const duty = await as(w.duty);
    const res = await t.http.get(`${url()}/on-site`).set(duty);
    expect(res.status).toBe(200);
    expect(res.body.items).toHaveLength(2);
    expect(res.body.items).toEqual(
      expect.arrayContaining([
        { studentId: classmate.id, studentName: '李华', className: expect.any(String), whereabouts: 'internship', employer: '华为技术有限公司', place: '深圳坂田', contactPhone: '13912345678', guardianConfirmed: false },
        expect.objectContaining({ studentId: atRiskStudent.id, whereabouts: 'on_campus', employer: null, contactPhone: '13700000000' }),
      ]),
    );
    expect((await t.http.get(url()).set(duty)).status).toBe(403);
    expect((await t.http.get(`${url()}/unregistered`).query({ classId: w.classA.id }).set(duty)).status).toBe(403);
    expect((await t.http.put(url(w.studentA.id)).set(duty).send(atHome)).status).toBe(403);
    expect((await t.http.get(`${url()}/on-site`).set(await as(w.teacher))).status).toBe(403);
  });
});
