import { ManualClock } from '#core';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { createSchoolWorld, createStudent } from '../support/factories.js';
import { as, gad7, instrumentIdsByCode, openCampaign, phq9, tokensOf } from './support/screening-campaigns.js';

const HOUR = 3600_000;
const START = new Date('2026-09-01T00:00:00Z');

describe('campaign progress and reminders', () => {
  let t: TestApp;
  let w: Awaited<ReturnType<typeof createSchoolWorld>>;
  let campaignId: string;
  let answeredA: { id: string; studentNumber: string };
  const clock = new ManualClock(START);

  const progress = async (user: { id: string }) => t.http.get(`/api/v1/screening-campaigns/${campaignId}/progress`).set(await as(t, user));
  const pending = async (user: { id: string }, query: Record<string, unknown> = {}) =>
    t.http.get(`/api/v1/screening-campaigns/${campaignId}/pending-students`).query(query).set(await as(t, user));

  beforeAll(async () => {
    process.env.AUTH_RATE_LIMIT_PER_MINUTE = '1000';
    t = await createTestApp({ clock });
    w = await createSchoolWorld(t);
    const ids = await instrumentIdsByCode(t);
    answeredA = await createStudent(t, { schoolId: w.school.id, classId: w.classA.id, name: '已答' });
    await createStudent(t, { schoolId: w.school.id, classId: w.classA.id, name: '未答甲' });
    await createStudent(t, { schoolId: w.school.id, classId: w.classB.id, name: '未答乙' });
    campaignId = (
      await openCampaign(t, w.counselor, {
        opensAt: new Date(START.getTime() - HOUR).toISOString(),
        closesAt: new Date(START.getTime() + 7 * 24 * HOUR).toISOString(),
        gradeIds: [w.grade.id],
        instrumentIds: [ids.phq9, ids.gad7],
      })
    ).id;
    const token = (await tokensOf(t, w.counselor, campaignId)).get(answeredA.studentNumber);
    await t.http.post(`/api/v1/survey/${token}`).send({ consent: true, answers: { phq9: phq9({ item9: 3 }), gad7: gad7() } });
  });
  afterAll(async () => {
    delete process.env.AUTH_RATE_LIMIT_PER_MINUTE;
    await t.close();
  });

  it('counts invited and submitted students per class for counselors and administrators', async () => {
    const res = await progress(w.admin);
    expect(res.status).toBe(200);
    expect(res.body.invited).toBe(5);
    expect(res.body.submitted).toBe(1);
    const byClass = Object.fromEntries(res.body.classes.map((c: { classId: string; invited: number; submitted: number }) => [c.classId, [c.invited, c.submitted]]));
    expect(byClass).toEqual({ [w.classA.id]: [3, 1], [w.classB.id]: [2, 0] });
    expect((await progress(w.counselor)).body).toEqual(res.body);
    expect((await progress(w.teacher)).status).toBe(403);
    expect((await progress(w.otherAdmin)).status).toBe(404);
  });

  it("shows a class teacher who in their own classes has not answered: names and numbers, never scores", async () => {
    const res = await pending(w.teacher);
    expect(res.status).toBe(200);
    expect(res.body.items.map((s: { name: string }) => s.name).sort()).toEqual(['张小明', '未答甲']);
    expect(res.body.items.every((s: { classId: string }) => s.classId === w.classA.id)).toBe(true);
    expect(Object.keys(res.body.items[0]).sort()).toEqual(['classId', 'className', 'gradeName', 'name', 'studentId', 'studentNumber']);
    expect(JSON.stringify(res.body)).not.toMatch(/total|band|critical|answers|level|已答/);
    const otherClass = await pending(w.teacher, { classId: w.classB.id });
    expect(otherClass.body.items).toEqual([]);
  });

  it('shows counselors every pending student, page by page', async () => {
    const first = await pending(w.counselor, { limit: 2 });
    expect(first.body.items).toHaveLength(2);
    const rest = await pending(w.counselor, { limit: 2, cursor: first.body.nextCursor });
    expect(rest.body.items).toHaveLength(2);
    expect(rest.body.nextCursor).toBeNull();
    const names = [...first.body.items, ...rest.body.items].map((s: { name: string }) => s.name);
    expect(names.sort()).toEqual(['张小明', '张小明', '未答乙', '未答甲'].sort());
  });

  it('lists the open campaigns that wait for answers, with counts of only the students the caller may remind', async () => {
    const awaiting = async (user: { id: string }) => t.http.get('/api/v1/screening-campaigns/open/awaiting-answers').set(await as(t, user));
    const teacher = await awaiting(w.teacher);
    expect(teacher.status).toBe(200);
    expect(teacher.body.items).toEqual([{ campaignId, name: expect.any(String), closesAt: expect.any(String), pending: 2 }]);
    expect(teacher.body.nextCursor).toBeNull();
    expect((await awaiting(w.teacher2)).body.items).toEqual([expect.objectContaining({ campaignId, pending: 2 })]);
    expect((await awaiting(w.counselor)).body.items).toEqual([expect.objectContaining({ campaignId, pending: 4 })]);
    expect((await awaiting(w.otherCounselor)).body.items).toEqual([]);
    expect((await awaiting(w.admin)).status).toBe(403);
  });

  it("keeps other schools' staff and administrators out of the pending list", async () => {
    expect((await pending(w.admin)).status).toBe(403);
    expect((await pending(w.otherCounselor)).status).toBe(404);
    expect((await pending(w.counselor, { cursor: 'bm90IGEgY3Vyc29y' })).status).toBe(400);
  });
});
