import { jest } from '@jest/globals';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { assignClassTeacher, bearer, createClass, createSchoolWorld, createStudent, createUser } from '../support/factories.js';

type World = Awaited<ReturnType<typeof createSchoolWorld>>;
type StudentItem = { id: string; studentNumber: string; name: string };
type PlanNode = { 'Node Type': string; 'Relation Name'?: string; 'Index Name'?: string; Plans?: PlanNode[] };

/** Every node of an EXPLAIN (FORMAT JSON) plan, depth first. */
function nodesOf(node: PlanNode): PlanNode[] {
  return [node, ...(node.Plans ?? []).flatMap(nodesOf)];
}

describe('student prefix search (GET /students?q=)', () => {
  let t: TestApp;
  let w: World;
  let counselor: string;
  let classC: { id: string };

  const list = (query: Record<string, unknown>, auth = counselor) => t.http.get('/api/v1/students').query(query).set('authorization', auth);
  const numbersOf = (res: { body: { items: StudentItem[] } }) => res.body.items.map((s) => s.studentNumber);

  beforeAll(async () => {
    t = await createTestApp();
    w = await createSchoolWorld(t);
    counselor = await bearer(t, w.counselor);
    classC = await createClass(t, w.school.id, w.grade.id);
  });
  afterAll(async () => t.close());

  describe('with 20,000 students in the school', () => {
    beforeAll(async () => {
      // Two cohorts of 10,000 (2024..., 2025...): the later cohort sits at the far end of the
      // student-number order, where a walk in that order meets its first match only after
      // reading the whole earlier cohort.
      await t.dataSource.query(
        `INSERT INTO students (school_id, class_id, student_number, name)
         SELECT $1, $2, (2024 + i / 10000)::text || lpad((i % 10000)::text, 5, '0'),
                (ARRAY['王','李','张','刘','陈','杨','黄','赵','吴','周'])[1 + i % 10] || (ARRAY['伟','芳','娜','敏','静','丽','强','磊'])[1 + (i / 10) % 8] || i
           FROM generate_series(0, 19999) i`,
        [w.school.id, classC.id],
      );
      await t.dataSource.query('ANALYZE students');
    });

    /** The plan of the statement the API ran for this request, with the values it bound. */
    async function planOf(query: Record<string, unknown>, auth = counselor, settings: string[] = []): Promise<PlanNode[]> {
      const spy = jest.spyOn(t.dataSource, 'query');
      let listed: [string, unknown[] | undefined] | undefined;
      try {
        const res = await list(query, auth);
        expect(res.status).toBe(200);
        listed = spy.mock.calls.map(([sql, values]) => [sql, values] as [string, unknown[] | undefined]).find(([sql]) => sql.includes('ORDER BY s.student_number'));
      } finally {
        spy.mockRestore();
      }
      expect(listed).toBeDefined();
      const [sql, values] = listed as [string, unknown[]];
      const [{ 'QUERY PLAN': plan }] = await t.dataSource.transaction(async (manager) => {
        for (const setting of settings) await manager.query(`SET LOCAL ${setting}`);
        return manager.query<{ 'QUERY PLAN': [{ Plan: PlanNode }] }[]>(`EXPLAIN (FORMAT JSON) ${sql}`, values);
      });
      return nodesOf(plan[0].Plan);
    }

    const indexesOf = (nodes: PlanNode[]) => nodes.map((n) => n['Index Name']).filter(Boolean);
    const seqScansOfStudents = (nodes: PlanNode[]) => nodes.filter((n) => n['Node Type'] === 'Seq Scan' && n['Relation Name'] === 'students');

    it('finds a narrow number prefix through the number prefix index', async () => {
      const nodes = await planOf({ q: '202519' });
      expect(indexesOf(nodes)).toContain('students_school_number_prefix_idx');
      expect(indexesOf(nodes)).not.toContain('students_school_number_key');
      expect(seqScansOfStudents(nodes)).toEqual([]);
    });

    it('finds a whole cohort through the number prefix index, never by walking the school in number order', async () => {
      // Half the table matches, so a sequential read of the matches would be fair; it is taken
      // away to see what the planner does instead. `number LIKE q OR name LIKE q` with the
      // page's order and limit walked students_school_number_key through the earlier cohort.
      const nodes = await planOf({ q: '2025' }, counselor, ['enable_seqscan = off']);
      expect(indexesOf(nodes)).toContain('students_school_number_prefix_idx');
      expect(indexesOf(nodes)).not.toContain('students_school_number_key');
    });

    it('finds by name prefix through the name prefix index, for a class teacher too', async () => {
      const teacher = await createUser(t, { schoolId: w.school.id, role: 'class_teacher' });
      await assignClassTeacher(t, { schoolId: w.school.id, classId: classC.id, userId: teacher.id });
      for (const auth of [counselor, await bearer(t, teacher)]) {
        const nodes = await planOf({ q: '王伟1' }, auth);
        expect(indexesOf(nodes)).toContain('students_school_name_prefix_idx');
        expect(indexesOf(nodes)).not.toContain('students_school_number_key');
        expect(seqScansOfStudents(nodes)).toEqual([]);
        const res = await list({ q: '王伟1', limit: 200 }, auth);
        expect(res.body.items.length).toBeGreaterThan(0);
        expect(res.body.items.every((s: StudentItem) => s.name.startsWith('王伟1'))).toBe(true);
      }
    });

    it('answers the first page of a cohort in student-number order', async () => {
      const res = await list({ q: '2025', limit: 3 });
      expect(numbersOf(res)).toEqual(['202500000', '202500001', '202500002']);
      const next = await list({ q: '2025', limit: 3, cursor: res.body.nextCursor });
      expect(numbersOf(next)).toEqual(['202500003', '202500004', '202500005']);
    });
  });

  it('takes % _ and \\ in q literally', async () => {
    const students = [
      ['P%1', '百%分'],
      ['P_2', '下_划'],
      ['P\\3', '反\\斜'],
      ['PX4', '百分比'],
      ['PY5', '下划线'],
    ];
    for (const [studentNumber, name] of students) await createStudent(t, { schoolId: w.school.id, classId: classC.id, studentNumber, name });
    expect(numbersOf(await list({ q: 'P%' }))).toEqual(['P%1']);
    expect(numbersOf(await list({ q: 'P_' }))).toEqual(['P_2']);
    expect(numbersOf(await list({ q: 'P\\' }))).toEqual(['P\\3']);
    expect(numbersOf(await list({ q: '百%' }))).toEqual(['P%1']);
    expect(numbersOf(await list({ q: '下_' }))).toEqual(['P_2']);
    expect(numbersOf(await list({ q: '%' }))).toEqual([]);
    expect(numbersOf(await list({ q: '_' }))).toEqual([]);
  });

  it('lists a student whose number and name both start with q once, and pages through name and number matches together', async () => {
    for (const [studentNumber, name] of [
      ['Q-2', 'Q-同学'],
      ['Q-1', '钱一'],
      ['A-9', 'Q-名字'],
      ['Q-3', '钱三'],
    ]) {
      await createStudent(t, { schoolId: w.school.id, classId: classC.id, studentNumber, name });
    }
    const first = await list({ q: 'Q-', limit: 2 });
    expect(numbersOf(first)).toEqual(['A-9', 'Q-1']);
    const second = await list({ q: 'Q-', limit: 2, cursor: first.body.nextCursor });
    expect(numbersOf(second)).toEqual(['Q-2', 'Q-3']);
    expect(second.body.nextCursor).toBeNull();
  });

  it("keeps a class teacher's search inside their classes, and a school's inside the school", async () => {
    await createStudent(t, { schoolId: w.school.id, classId: w.classA.id, studentNumber: 'R-1', name: '任甲' });
    await createStudent(t, { schoolId: w.school.id, classId: w.classB.id, studentNumber: 'R-2', name: '任乙' });
    await createStudent(t, { schoolId: w.otherSchool.id, classId: w.otherClass.id, studentNumber: 'R-3', name: '任丙' });
    expect(numbersOf(await list({ q: 'R-' }, await bearer(t, w.teacher)))).toEqual(['R-1']);
    expect(numbersOf(await list({ q: '任' }, await bearer(t, w.teacher)))).toEqual(['R-1']);
    expect(numbersOf(await list({ q: 'R-' }))).toEqual(['R-1', 'R-2']);
    expect(numbersOf(await list({ q: 'R-', classId: w.classB.id }))).toEqual(['R-2']);
  });
});
