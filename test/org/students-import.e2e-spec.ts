import { createTestApp, type TestApp } from '../support/test-app.js';
import { bearer, createClass, createGrade, createSchool, createStudent, createUser } from '../support/factories.js';
import { expectProblem } from '../support/problems.js';

const HEADER = 'student_number,name,gender,date_of_birth,grade,class,status,guardian_name,guardian_relation,guardian_phone';
const BOM = '\uFEFF';

/**
 * Each test imports into a school of its own, so counts and student numbers never collide.
 */
describe('POST /students/import', () => {
  let t: TestApp;

  async function newSchool() {
    const school = await createSchool(t);
    const grade = await createGrade(t, school.id, '高一');
    const class1 = await createClass(t, school.id, grade.id, '1班');
    const class2 = await createClass(t, school.id, grade.id, '2班');
    const admin = await createUser(t, { schoolId: school.id, role: 'admin' });
    return { school, grade, class1, class2, admin, auth: await bearer(t, admin) };
  }

  const importCsv = (auth: string, csv: string | Buffer, contentType = 'text/csv; charset=utf-8') =>
    t.http.post('/api/v1/students/import').set('authorization', auth).set('content-type', contentType).send(csv);

  const studentsOf = (schoolId: string) =>
    t.dataSource.query<{ student_number: string; name: string; gender: string; dob: string; class_id: string; status: string; version: number }[]>(
      `SELECT student_number, name, gender, to_char(date_of_birth, 'YYYY-MM-DD') AS dob, class_id, status, version
         FROM students WHERE school_id = $1 ORDER BY student_number`,
      [schoolId],
    );
  const guardiansOf = (schoolId: string) =>
    t.dataSource.query<{ student_number: string; name: string; relation: string; phone: string; is_primary: boolean; version: number }[]>(
      `SELECT s.student_number, g.name, g.relation, g.phone, g.is_primary, g.version
         FROM guardians g JOIN students s ON s.id = g.student_id WHERE g.school_id = $1 ORDER BY s.student_number, g.created_at`,
      [schoolId],
    );
  const importAudit = (schoolId: string) =>
    t.dataSource.query<{ student_id: string; reason: string; changed_fields: string[] }[]>(
      `SELECT student_id, reason, changed_fields FROM audit_events WHERE school_id = $1 AND action = 'student.import' ORDER BY seq`,
      [schoolId],
    );

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());

  it('imports a UTF-8 file with a BOM, Chinese names and values, and quoted cells', async () => {
    const w = await newSchool();
    const csv =
      BOM +
      [
        HEADER,
        '2026001,张三,男,2010-03-05,高一,1班,enrolled,张伟,父亲,13812345678',
        '2026002,"欧阳, 娜娜",女,2010/3/6,高一,2班,,"李\n娜",母亲,0755 8612 3456',
        '2026003,王五,,2011-12-31,高一,1班,,,,',
        '2026004,赵六,female,2010-01-01,高一,1班,graduated,赵强,监护人,+852 9123 4567',
      ].join('\r\n') +
      '\r\n';
    const res = await importCsv(w.auth, csv);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ created: 4, updated: 0, unchanged: 0 });

    expect(await studentsOf(w.school.id)).toEqual([
      { student_number: '2026001', name: '张三', gender: 'male', dob: '2010-03-05', class_id: w.class1.id, status: 'enrolled', version: 1 },
      { student_number: '2026002', name: '欧阳, 娜娜', gender: 'female', dob: '2010-03-06', class_id: w.class2.id, status: 'enrolled', version: 1 },
      { student_number: '2026003', name: '王五', gender: 'unspecified', dob: '2011-12-31', class_id: w.class1.id, status: 'enrolled', version: 1 },
      { student_number: '2026004', name: '赵六', gender: 'female', dob: '2010-01-01', class_id: w.class1.id, status: 'graduated', version: 1 },
    ]);
    expect(await guardiansOf(w.school.id)).toEqual([
      { student_number: '2026001', name: '张伟', relation: 'father', phone: '13812345678', is_primary: true, version: 1 },
      { student_number: '2026002', name: '李\n娜', relation: 'mother', phone: '0755-86123456', is_primary: true, version: 1 },
      { student_number: '2026004', name: '赵强', relation: 'guardian', phone: '+85291234567', is_primary: true, version: 1 },
    ]);
    const audit = await importAudit(w.school.id);
    expect(audit).toHaveLength(4);
    expect(audit[0]).toEqual({
      student_id: expect.any(String),
      reason: 'created',
      changed_fields: ['classId', 'dateOfBirth', 'gender', 'name', 'primaryGuardian', 'status', 'studentNumber'],
    });
  });

  it('updates existing students by student number: changed fields only, a new version, unchanged rows untouched', async () => {
    const w = await newSchool();
    const first = [
      HEADER,
      '3001,甲,male,2010-01-01,高一,1班,,父甲,father,13800000001',
      '3002,乙,female,2010-01-02,高一,1班,,母乙,mother,13800000002',
      '3003,丙,,2010-01-03,高一,1班,,,,',
    ].join('\n');
    expect((await importCsv(w.auth, first)).body).toEqual({ created: 3, updated: 0, unchanged: 0 });
    // A counselor-visible change made meanwhile through the API is kept where the file says nothing.
    await t.dataSource.query(`UPDATE students SET status = 'suspended' WHERE school_id = $1 AND student_number = '3003'`, [w.school.id]);

    const second = [
      'student_number,name,gender,date_of_birth,grade,class,guardian_name,guardian_phone', // fewer columns, other order is fine too
      '3001,甲,male,2010-01-01,高一,1班,父甲,13800000001', // same
      '3002,乙二,,2010-01-02,高一,2班,母乙,13900000002', // renamed, moved, new guardian phone; empty gender keeps female
      '3003,丙,,2010-01-03,高一,1班,,', // same (status not in the file: stays suspended)
      '3004,丁,,2010-01-04,高一,2班,,', // new
    ].join('\n');
    const res = await importCsv(w.auth, second);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ created: 1, updated: 1, unchanged: 2 });

    const students = await studentsOf(w.school.id);
    expect(students.map((s) => [s.student_number, s.name, s.gender, s.class_id, s.status, s.version])).toEqual([
      ['3001', '甲', 'male', w.class1.id, 'enrolled', 1],
      ['3002', '乙二', 'female', w.class2.id, 'enrolled', 2],
      ['3003', '丙', 'unspecified', w.class1.id, 'suspended', 1],
      ['3004', '丁', 'unspecified', w.class2.id, 'enrolled', 1],
    ]);
    const guardians = await guardiansOf(w.school.id);
    expect(guardians.find((g) => g.student_number === '3002')).toEqual({
      student_number: '3002',
      name: '母乙',
      relation: 'mother',
      phone: '13900000002',
      is_primary: true,
      version: 2,
    });
    const audit = await importAudit(w.school.id);
    expect(audit.slice(3)).toEqual([
      { student_id: expect.any(String), reason: 'updated', changed_fields: ['classId', 'name', 'primaryGuardian.phone'] },
      { student_id: expect.any(String), reason: 'created', changed_fields: expect.arrayContaining(['studentNumber']) },
    ]);

    // The same file again changes nothing at all.
    expect((await importCsv(w.auth, second)).body).toEqual({ created: 0, updated: 0, unchanged: 4 });
    expect(await importAudit(w.school.id)).toHaveLength(5);
  });

  it('counts a student whose guardian alone changed as updated', async () => {
    const w = await newSchool();
    const file = (phone: string) => [HEADER, `4001,甲,male,2010-01-01,高一,1班,,父甲,,${phone}`].join('\n');
    await importCsv(w.auth, file('13800000001'));
    expect((await importCsv(w.auth, file('13800000009'))).body).toEqual({ created: 0, updated: 1, unchanged: 0 });
    expect((await studentsOf(w.school.id))[0].version).toBe(1);
  });

  it('reports every error with its row and column, and imports nothing', async () => {
    const w = await newSchool();
    await createStudent(t, { schoolId: w.school.id, classId: w.class1.id, studentNumber: 'KEEP-1', name: '原来的' });
    const before = await studentsOf(w.school.id);
    const csv = [
      HEADER,
      '5001,好的,male,2010-01-01,高一,1班,,,,', // row 2: valid, still not imported
      '5002,日期错,male,2010-02-30,高一,1班,,,,', // row 3
      '5003,"多行\n的名字",boy,2010-01-01,高一,9班,,,,', // row 4 (two lines in the file)
      '5001,重复,male,2010-01-01,高二,1班,,,,', // row 5
      ',,male,,,,,,,', // row 6
      '5006,监护人,male,2010-01-01,高一,1班,expelled,王某,uncle,12345', // row 7
      ',,,,,,,,,', // row 8: empty, skipped
      'KEEP-1,覆盖,male,2010-01-01,高一,1班,,,,,extra', // row 9
    ].join('\n');
    const res = await importCsv(w.auth, csv);
    expectProblem(res, 400, 'student_import.invalid');
    expect(res.body.detail).toBe('The file has 14 errors; nothing was imported');
    // Rows count as a spreadsheet shows them: the header is row 1, a cell with a line break is still one row.
    expect((res.body.errors as { field: string }[]).map((e) => e.field)).toEqual([
      'row 3: date_of_birth',
      'row 4: gender',
      'row 4: class',
      'row 5: student_number',
      'row 5: class',
      'row 6: student_number',
      'row 6: name',
      'row 6: date_of_birth',
      'row 6: grade',
      'row 6: class',
      'row 7: status',
      'row 7: guardian_relation',
      'row 7: guardian_phone',
      'row 9',
    ]);
    expect(res.body.errors).toContainEqual({ field: 'row 5: student_number', message: 'repeats the student number of row 2' });
    expect(res.body.errors).toContainEqual({ field: 'row 4: class', message: 'names no class of your school: grade "高一", class "9班"' });
    expect(await studentsOf(w.school.id)).toEqual(before);
    expect(await importAudit(w.school.id)).toEqual([]);
  });

  it.each([
    ['a header without a required column', 'student_number,name,grade,class\n1,甲,高一,1班\n', 'header'],
    ['an unknown column', `${HEADER},nickname\n`, 'header'],
    ['no rows', `${HEADER}\n`, 'file'],
    ['an empty body', '', 'file'],
    ['an unclosed quote', `${HEADER}\n1,"甲,male,2010-01-01,高一,1班\n`, 'line 2'],
  ])('refuses %s with 400', async (_name, csv, field) => {
    const w = await newSchool();
    const res = await importCsv(w.auth, csv);
    expectProblem(res, 400, 'student_import.invalid');
    expect((res.body.errors as { field: string }[])[0].field).toBe(field);
  });

  it('refuses a file that is not UTF-8 (a spreadsheet saved as GBK)', async () => {
    const w = await newSchool();
    // "张三" in GBK: not valid UTF-8.
    const gbk = Buffer.concat([Buffer.from(`${HEADER}\n1,`), Buffer.from([0xd5, 0xc5, 0xc8, 0xfd]), Buffer.from(',male,2010-01-01,高一,1班\n')]);
    const res = await importCsv(w.auth, gbk);
    expectProblem(res, 400, 'student_import.invalid');
    expect(res.body.errors).toEqual([{ field: 'file', message: expect.stringMatching(/UTF-8/) }]);
  });

  it('refuses a body that is not text/csv with 415', async () => {
    const w = await newSchool();
    const res = await t.http.post('/api/v1/students/import').set('authorization', w.auth).send({ rows: [] });
    expectProblem(res, 415, 'request.unsupported_media_type');
  });

  it('refuses a text/csv body over 20 MiB with 413', async () => {
    const w = await newSchool();
    const res = await importCsv(w.auth, `${HEADER}\n${'x'.repeat(21 * 1024 * 1024)}`);
    expectProblem(res, 413, 'request.too_large');
  });

  it('imports 10,000 rows in one request, in a few seconds', async () => {
    const w = await newSchool();
    const rows = Array.from({ length: 10_000 }, (_, i) => {
      const n = String(i + 1).padStart(5, '0');
      return `B${n},学生${n},${i % 2 ? '女' : '男'},2010-01-${String((i % 28) + 1).padStart(2, '0')},高一,${i % 2 ? '2班' : '1班'},,家长${n},母亲,138${n.padStart(8, '0')}`;
    });
    const csv = BOM + [HEADER, ...rows].join('\n');
    const started = Date.now();
    const res = await importCsv(w.auth, csv);
    const elapsed = Date.now() - started;
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ created: 10_000, updated: 0, unchanged: 0 });
    expect(elapsed).toBeLessThan(20_000);
    const [{ students, guardians, entries }] = await t.dataSource.query(
      `SELECT (SELECT count(*)::int FROM students WHERE school_id = $1) AS students,
              (SELECT count(*)::int FROM guardians WHERE school_id = $1 AND is_primary) AS guardians,
              (SELECT count(*)::int FROM audit_events WHERE school_id = $1 AND action = 'student.import') AS entries`,
      [w.school.id],
    );
    expect({ students, guardians, entries }).toEqual({ students: 10_000, guardians: 10_000, entries: 10_000 });

    // And again with one change: one update, the rest unchanged.
    rows[4_999] = rows[4_999].replace('学生05000', '改名05000');
    const again = await importCsv(w.auth, [HEADER, ...rows].join('\n'));
    expect(again.body).toEqual({ created: 0, updated: 1, unchanged: 9_999 });
  }, 60_000);
});
