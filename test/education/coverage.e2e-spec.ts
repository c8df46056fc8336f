import { ManualClock } from '#core';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { bearer, createClass, createGrade, createSchoolWorld, createUser } from '../support/factories.js';
import { confirmDelivery, lessonBody, planActivity, SYSTEM_TOPIC_CODES, systemTopicIds } from './education-helpers.js';

const NOW = '2026-06-15T08:00:00.000Z';
const JUNE = { from: '2026-06-01', to: '2026-06-30' };
const REQUIRED = SYSTEM_TOPIC_CODES;

type Matrix = { topics: { code: string }[]; classes: { id: string; cells: { code: string; status: string }[]; missingTopics: string[] }[] };
const statusesOf = (matrix: Matrix, classId: string) =>
  Object.fromEntries((matrix.classes.find((c) => c.id === classId)?.cells ?? []).map((cell) => [cell.code, cell.status]));

/**
 * A known school: class A and B (grade 1, taught by teacher and teacher2), class C and D (grade 2).
 * In June (Asia/Shanghai): A has fire safety delivered, drowning planned, telecom fraud delivered;
 * B has telecom fraud only planned (A confirmed that talk, B did not) and a cancelled fire safety
 * lesson; C has activities on the edges of the month; D has every required topic planned.
 */
describe('education coverage and reports', () => {
  const clock = new ManualClock(new Date(NOW));
  let t: TestApp;
  let w: Awaited<ReturnType<typeof createSchoolWorld>>;
  let topics: Record<string, string>;
  let grade2: { id: string };
  let classC: { id: string };
  let classD: { id: string };
  const as = async (user: { id: string }) => ({ authorization: await bearer(t, user) });

  async function plan(classIds: string[], codes: string[], startsAt: string) {
    const res = await planActivity(t, w.counselor, lessonBody({ classIds, topicIds: codes.map((code) => topics[code]), startsAt }));
    expect(res.status).toBe(201);
    return res.body as { id: string; deliveries: { id: string; classId: string }[] };
  }
  const deliveryOf = (activity: { deliveries: { id: string; classId: string }[] }, classId: string) =>
    activity.deliveries.find((d) => d.classId === classId)?.id as string;

  beforeAll(async () => {
    t = await createTestApp({ clock });
    w = await createSchoolWorld(t);
    topics = await systemTopicIds(t);
    grade2 = await createGrade(t, w.school.id);
    classC = await createClass(t, w.school.id, grade2.id, 'C班');
    classD = await createClass(t, w.school.id, grade2.id, 'D班');
    // A school topic that is not required: it shows in the matrix, never as missing.
    await t.http.post('/api/v1/education/topics').set(await as(w.admin)).send({ code: 'club_day', nameZh: '社团日', nameEn: 'Club day' });

    const fire = await plan([w.classA.id], ['fire_safety'], '2026-06-10T02:00:00.000Z');
    await confirmDelivery(t, w.teacher, deliveryOf(fire, w.classA.id), { version: 1, presentCount: 1 });
    await plan([w.classA.id], ['drowning'], '2026-06-20T02:00:00.000Z');
    const telecom = await plan([w.classA.id, w.classB.id], ['telecom_fraud'], '2026-06-12T02:00:00.000Z');
    await confirmDelivery(t, w.teacher, deliveryOf(telecom, w.classA.id), { version: 1, presentCount: 1 });
    const cancelled = await plan([w.classB.id], ['fire_safety'], '2026-06-18T02:00:00.000Z');
    await t.http.post(`/api/v1/education/activities/${cancelled.id}/cancel`).set(await as(w.counselor)).send({ version: 1, reason: '停课' });

    // Shanghai is UTC+8: 16:00Z is midnight there.
    await plan([classC.id], ['gas_poisoning'], '2026-05-31T16:00:00.000Z'); // 06-01 00:00, first instant of June
    await plan([classC.id], ['bullying'], '2026-06-30T15:59:59.999Z'); // 06-30 23:59:59.999, last instant of June
    await plan([classC.id], ['traffic_safety'], '2026-06-30T16:00:00.000Z'); // 07-01 00:00, July
    await plan([classC.id], ['mental_health'], '2026-05-31T15:59:59.999Z'); // 05-31 23:59:59.999, May
    await plan([classD.id], REQUIRED, '2026-06-25T02:00:00.000Z');
  });
  afterAll(async () => t.close());

  const coverage = async (user: { id: string }, period: Record<string, string> = JUNE) =>
    t.http.get('/api/v1/education/coverage').query(period).set(await as(user));

  it('marks each cell delivered, planned or missing, and lists the missing required topics per class', async () => {
    const res = await coverage(w.admin);
    expect(res.status).toBe(200);
    const matrix = res.body as Matrix;
    expect(res.body).toMatchObject(JUNE);
    expect(matrix.topics.map((x) => x.code)).toEqual([...REQUIRED, 'club_day']);
    const order = matrix.classes.map((c) => c.id);
    expect([...order].sort()).toEqual([w.classA.id, w.classB.id, classC.id, classD.id].sort());
    // By grade, then class name: C before D, and the grades' classes together.
    expect(order.indexOf(classD.id) - order.indexOf(classC.id)).toBe(1);
    expect(matrix.classes.every((c) => c.cells.map((cell) => cell.code).join() === matrix.topics.map((x) => x.code).join())).toBe(true);
    expect(statusesOf(matrix, w.classA.id)).toMatchObject({ fire_safety: 'delivered', drowning: 'planned', telecom_fraud: 'delivered', gas_poisoning: 'missing', club_day: 'missing' });
    expect(statusesOf(matrix, w.classB.id)).toMatchObject({ fire_safety: 'missing', telecom_fraud: 'planned', drowning: 'missing' });
    const classA = matrix.classes.find((c) => c.id === w.classA.id);
    expect(classA?.missingTopics).toEqual(['gas_poisoning', 'infectious_disease', 'bullying', 'traffic_safety', 'mental_health']);
    expect(matrix.classes.find((c) => c.id === classD.id)?.missingTopics).toEqual([]);
  });

  it('reads the period in the school time zone: both days included, from midnight to midnight in Shanghai', async () => {
    const june = statusesOf((await coverage(w.admin)).body, classC.id);
    expect(june).toMatchObject({ gas_poisoning: 'planned', bullying: 'planned', traffic_safety: 'missing', mental_health: 'missing' });
    const lastOfMay = statusesOf((await coverage(w.admin, { from: '2026-05-31', to: '2026-05-31' })).body, classC.id);
    expect(lastOfMay).toMatchObject({ mental_health: 'planned', gas_poisoning: 'missing' });
    const firstOfJuly = statusesOf((await coverage(w.admin, { from: '2026-07-01', to: '2026-07-01' })).body, classC.id);
    expect(firstOfJuly).toMatchObject({ traffic_safety: 'planned', bullying: 'missing' });
  });

  it('shows a class teacher their classes only, and the school to counselors; not to duty officers or other schools', async () => {
    expect((await coverage(w.teacher)).body.classes.map((c: { id: string }) => c.id)).toEqual([w.classA.id]);
    expect((await coverage(w.teacher2)).body.classes.map((c: { id: string }) => c.id)).toEqual([w.classB.id]);
    expect((await coverage(w.counselor)).body.classes).toHaveLength(4);
    expect((await coverage(w.duty)).status).toBe(403);
    const other = (await coverage(w.otherAdmin)).body as Matrix;
    expect(other.classes.map((c) => c.id)).toEqual([w.otherClass.id]);
    expect(other.topics.map((x) => x.code)).toEqual(REQUIRED);
    expect(other.classes[0].missingTopics).toEqual(REQUIRED);
  });

  it('validates the period', async () => {
    const backwards = await coverage(w.admin, { from: '2026-06-30', to: '2026-06-01' });
    expect(backwards.body.errors).toEqual([{ field: 'to', message: 'must not be before from' }]);
    const bad = await coverage(w.admin, { from: '2026-06-31', to: 'tomorrow' });
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['from', 'to']);
    expect((await t.http.get('/api/v1/education/coverage').set(await as(w.admin))).status).toBe(400);
  });

  it('exports the same matrix as CSV: UTF-8 with a BOM, a header row, one row per class', async () => {
    const res = await t.http.get('/api/v1/education/coverage.csv').query(JUNE).set(await as(w.teacher)).buffer(true).parse((response, done) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => done(null, Buffer.concat(chunks)));
    });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename="education-coverage.csv"');
    const bytes = res.body as Buffer;
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString('utf8').slice(1).trimEnd().split('\r\n');
    expect(lines[0]).toBe('年级,班级,消防安全,防溺水,防煤气中毒,防范电信网络诈骗,传染病防控,预防校园欺凌,交通安全,心理健康与自我调适,社团日,缺少的必修主题');
    expect(lines).toHaveLength(2);
    expect(lines[1].split(',').slice(2)).toEqual([
      '已开展',
      '已计划',
      '未安排',
      '已开展',
      '未安排',
      '未安排',
      '未安排',
      '未安排',
      '未安排',
      '防煤气中毒、传染病防控、预防校园欺凌、交通安全、心理健康与自我调适',
    ]);
    expect((await t.http.get('/api/v1/education/coverage.csv').query(JUNE).set(await as(w.duty))).status).toBe(403);
  });

  it('reports per grade and topic how many classes had it delivered, planned or missing (administrators)', async () => {
    const res = await t.http.get('/api/v1/reports/education-coverage').query(JUNE).set(await as(w.admin));
    expect(res.status).toBe(200);
    const counts = (gradeId: string, code: string) =>
      res.body.grades.find((g: { gradeId: string }) => g.gradeId === gradeId).topics.find((x: { code: string }) => x.code === code);
    expect(counts(w.grade.id, 'fire_safety')).toMatchObject({ classes: 2, delivered: 1, planned: 0, missing: 1, requiredBeforeHoliday: true });
    expect(counts(w.grade.id, 'telecom_fraud')).toMatchObject({ classes: 2, delivered: 1, planned: 1, missing: 0 });
    expect(counts(grade2.id, 'gas_poisoning')).toMatchObject({ classes: 2, delivered: 0, planned: 2, missing: 0 });
    expect(counts(grade2.id, 'club_day')).toMatchObject({ classes: 2, missing: 2, requiredBeforeHoliday: false });
    const lead = await createUser(t, { schoolId: w.school.id, role: 'counseling_lead' });
    expect((await t.http.get('/api/v1/reports/education-coverage').query(JUNE).set(await as(lead))).status).toBe(200);
    for (const user of [w.teacher, w.counselor, w.duty]) {
      expect((await t.http.get('/api/v1/reports/education-coverage').query(JUNE).set(await as(user))).status).toBe(403);
    }
  });

  it('lists the classes still missing required topics before the holiday, with their class teachers', async () => {
    const res = await t.http.get('/api/v1/reports/education-missing-topics').query({ before: '2026-07-01' }).set(await as(w.admin));
    expect(res.status).toBe(200);
    // With an explicit `before` the window is the 30 days before it.
    expect(res.body).toMatchObject({ from: '2026-06-01', before: '2026-07-01' });
    const byClass = Object.fromEntries(res.body.classes.map((c: { classId: string; missingTopics: { code: string }[] }) => [c.classId, c.missingTopics.map((x) => x.code)]));
    expect(Object.keys(byClass).sort()).toEqual([w.classA.id, w.classB.id, classC.id].sort());
    expect(byClass[classC.id]).toEqual(['fire_safety', 'drowning', 'telecom_fraud', 'infectious_disease', 'traffic_safety', 'mental_health']);
    const rowA = res.body.classes.find((c: { classId: string }) => c.classId === w.classA.id);
    expect(rowA.teachers).toEqual([{ userId: w.teacher.id, displayName: expect.any(String) }]);

    // The holiday's first day is excluded: a lesson at 23:59 the evening before still counts, one on the day does not.
    const dayBefore = await t.http.get('/api/v1/reports/education-missing-topics').query({ before: '2026-06-30', from: '2026-06-01' }).set(await as(w.admin));
    const missingOfC = dayBefore.body.classes.find((c: { classId: string }) => c.classId === classC.id).missingTopics.map((x: { code: string }) => x.code);
    expect(missingOfC).toContain('bullying');
    const bad = await t.http.get('/api/v1/reports/education-missing-topics').query({ before: '2026-06-01', from: '2026-06-01' }).set(await as(w.admin));
    expect(bad.status).toBe(400);
    expect((await t.http.get('/api/v1/reports/education-missing-topics').query({ before: '2026-07-01' }).set(await as(w.teacher))).status).toBe(403);
  });
});
