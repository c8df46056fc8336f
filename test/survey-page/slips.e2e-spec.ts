import { randomUUID } from 'node:crypto';
import { ManualClock } from '#core';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { assignClassTeacher, createSchoolWorld, createStudent, createUser } from '../support/factories.js';
import { as, instrumentIdsByCode, openCampaign } from '../screening/support/screening-campaigns.js';

const HOUR = 3600_000;
const START = new Date('2026-09-01T00:00:00Z');
const TOKEN_LINK = /http:\/\/[^/"<\s]+\/s\/([A-Za-z0-9_-]+)/g;

describe('printable survey slips', () => {
  let t: TestApp;
  let w: Awaited<ReturnType<typeof createSchoolWorld>>;
  let campaignId: string;
  let usedStudent: { id: string; studentNumber: string };
  const clock = new ManualClock(START);
  const slipsUrl = (classId: string, campaign = campaignId) => `/api/v1/screening-campaigns/${campaign}/classes/${classId}/slips`;

  beforeAll(async () => {
    t = await createTestApp({ clock });
    w = await createSchoolWorld(t);
    const ids = await instrumentIdsByCode(t);
    // classA: studentA and three more; one of them has already answered.
    await createStudent(t, { schoolId: w.school.id, classId: w.classA.id, name: '李<雷>' });
    await createStudent(t, { schoolId: w.school.id, classId: w.classA.id, name: '韩梅梅' });
    usedStudent = await createStudent(t, { schoolId: w.school.id, classId: w.classA.id, name: '王已答' });
    const campaign = await openCampaign(t, w.counselor, {
      opensAt: new Date(START.getTime() - HOUR).toISOString(),
      closesAt: new Date(START.getTime() + 24 * HOUR).toISOString(),
      classIds: [w.classA.id, w.classB.id],
      instrumentIds: [ids.phq9],
    });
    campaignId = campaign.id;
    await t.dataSource.query(
      `UPDATE screening_invitations SET status = 'used', used_at = now() WHERE campaign_id = $1 AND student_id = $2`,
      [campaignId, usedStudent.id],
    );
  });
  afterAll(() => t.close());

  const get = async (user: { id: string }, url: string) => t.http.get(url).set(await as(t, user));

  it("prints one slip per pending student for the campaign's team counselor, each with its link and a QR code", async () => {
    const res = await get(w.counselor, slipsUrl(w.classA.id));
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['content-security-policy']).toContain("default-src 'none'");
    const html = res.text;
    expect(html).toContain('<html lang="zh-Hans">');
    expect(html).toContain('@page{size:A4');
    expect(html).toContain('break-inside:avoid');
    expect(html).toContain('border-bottom:1px dashed');
    expect(html).not.toMatch(/<script|src=|href=/);

    const slips = html.match(/<section class="slip[^"]*">[\s\S]*?<\/section>/g) ?? [];
    expect(slips).toHaveLength(4);
    const pending = slips.filter((s) => !s.includes('slip-done'));
    expect(pending).toHaveLength(3);
    for (const slip of pending) {
      const svgs = slip.match(/<svg[\s\S]*?<\/svg>/g) ?? [];
      expect(svgs).toHaveLength(1);
      expect(svgs[0]).toMatch(/^<svg role="img" aria-label="[^"<>]+" xmlns="http:\/\/www\.w3\.org\/2000\/svg" viewBox="0 0 (\d+) \1"[^>]*>(<path [^<>]+\/>)+<\/svg>$/);
      expect(svgs[0]).toMatch(/<path [^>]*d="M[^"]+"/);
      expect([...slip.matchAll(TOKEN_LINK)]).toHaveLength(1);
    }
    // Names are escaped and every student carries the class name.
    expect(html).toContain('李&lt;雷&gt;');
    expect(html).not.toContain('李<雷>');
    expect(html).toContain('韩梅梅');

    // Every printed token actually opens the student's survey.
    const tokens = [...html.matchAll(TOKEN_LINK)].map((m) => m[1]);
    expect(new Set(tokens).size).toBe(3);
    for (const token of tokens) {
      const survey = await t.http.get(`/api/v1/survey/${token}`);
      expect(survey.status).toBe(200);
    }
    // The links point at the origin the page was asked for.
    expect(html).toMatch(/http:\/\/127\.0\.0\.1:\d+\/s\/|http:\/\/localhost(:\d+)?\/s\//);
  });

  it('prints a used invitation as done, without a token', async () => {
    const html = (await get(w.counselor, slipsUrl(w.classA.id))).text;
    const done = (html.match(/<section class="slip slip-done">[\s\S]*?<\/section>/g) ?? []) as string[];
    expect(done).toHaveLength(1);
    expect(done[0]).toContain('王已答');
    expect(done[0]).toContain('已完成');
    expect(done[0]).not.toMatch(/\/s\/|<svg/);
    const en = (await get(w.counselor, `${slipsUrl(w.classA.id)}?lang=en`)).text;
    expect(en).toContain('<html lang="en">');
    expect(en).toMatch(/<section class="slip slip-done">[\s\S]*?done[\s\S]*?<\/section>/);
  });

  it("prints the class's current class teacher's slips, and only that class's students", async () => {
    const res = await get(w.teacher, slipsUrl(w.classA.id));
    expect(res.status).toBe(200);
    expect(res.text.match(/<svg/g)).toHaveLength(3);
    const classB = await get(w.teacher2, slipsUrl(w.classB.id));
    expect(classB.status).toBe(200);
    expect(classB.text.match(/<svg/g)).toHaveLength(1);
    expect(classB.text).not.toContain('韩梅梅');
  });

  it('audits each print without the tokens', async () => {
    const before = await t.dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM audit_events WHERE action = 'screening_invitation.print' AND actor_id = $1`,
      [w.teacher.id],
    );
    const html = (await get(w.teacher, slipsUrl(w.classA.id))).text;
    const events = await t.dataSource.query<Record<string, unknown>[]>(
      `SELECT * FROM audit_events WHERE action = 'screening_invitation.print' AND actor_id = $1 ORDER BY seq`,
      [w.teacher.id],
    );
    expect(events).toHaveLength(before[0].n + 1);
    const event = events.at(-1) as Record<string, unknown>;
    expect(event).toMatchObject({ entity_type: 'screening_campaign', entity_id: campaignId });
    const stored = JSON.stringify(event);
    for (const [, token] of html.matchAll(TOKEN_LINK)) expect(stored).not.toContain(token);
  });

  it('answers everyone else with the same 404 as a missing campaign or class, and writes no audit entry for them', async () => {
    const outsider = await createUser(t, { schoolId: w.school.id, role: 'counselor' });
    const lead = await createUser(t, { schoolId: w.school.id, role: 'counseling_lead' });
    const formerTeacher = await createUser(t, { schoolId: w.school.id, role: 'class_teacher' });
    await assignClassTeacher(t, { schoolId: w.school.id, classId: w.classA.id, userId: formerTeacher.id });
    await t.dataSource.query('UPDATE class_teacher_assignments SET ended_at = now() WHERE user_id = $1', [formerTeacher.id]);

    const shape = (res: { status: number; body: Record<string, unknown> }) => ({ status: res.status, code: res.body.code, title: res.body.title, type: res.body.type });
    const missing = shape(await get(w.counselor, slipsUrl(randomUUID())));
    expect(missing).toMatchObject({ status: 404, code: 'campaign.not_found' });
    expect(shape(await get(w.counselor, slipsUrl(w.classA.id, randomUUID())))).toEqual(missing);
    expect(shape(await get(w.counselor, slipsUrl(w.otherClass.id)))).toEqual(missing);

    for (const [user, classId] of [
      [outsider, w.classA.id],
      [lead, w.classA.id],
      [w.teacher2, w.classA.id],
      [w.teacher, w.classB.id],
      [formerTeacher, w.classA.id],
      [w.otherCounselor, w.classA.id],
    ] as const) {
      const res = await get(user, slipsUrl(classId));
      expect(res.text).not.toContain('/s/');
      expect(shape(res)).toEqual(missing);
    }
    // Roles without the permission at all (administrators, duty officers) are refused by role, which says nothing of the campaign.
    for (const user of [w.admin, w.duty, w.otherAdmin]) expect((await get(user, slipsUrl(w.classA.id))).status).toBe(403);

    const [{ n }] = await t.dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM audit_events WHERE action = 'screening_invitation.print' AND actor_id = ANY($1::uuid[])`,
      [[outsider.id, lead.id, formerTeacher.id, w.teacher2.id]],
    );
    expect(n).toBe(1); // teacher2 printed their own class above
  });
});
