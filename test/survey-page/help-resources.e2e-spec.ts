import { createTestApp, type TestApp } from '../support/test-app.js';
import { createClass, createSchoolWorld, createStudent, createUser } from '../support/factories.js';
import { as, instrumentIdsByCode, openCampaign, phq9, tokensOf } from '../screening/support/screening-campaigns.js';

const HOUR = 3600_000;
const URL = '/api/v1/help-resources';
const CENTRE = { nameZh: '学校心理辅导中心', nameEn: 'School counseling centre', contact: '0571-8888 1234', noteZh: '周一至周五 8:00-17:00', noteEn: 'Weekdays 8:00-17:00' };
const HOTLINE = { nameZh: '杭州市心理援助热线', nameEn: 'Hangzhou help line', contact: '0571-85029595' };

describe('help resources API (/api/v1/help-resources)', () => {
  let t: TestApp;
  let w: Awaited<ReturnType<typeof createSchoolWorld>>;

  beforeAll(async () => {
    t = await createTestApp();
    w = await createSchoolWorld(t);
  });
  afterAll(() => t.close());

  const get = async (user: { id: string }) => t.http.get(URL).set(await as(t, user));
  const put = async (user: { id: string }, body: object, headers: Record<string, string> = {}) =>
    t.http.put(URL).set({ ...(await as(t, user)), ...headers }).send(body);

  it('lets an administrator read the defaults, replace the list at a version and read it back, audited in the same transaction', async () => {
    const school = await createSchoolWorld(t);
    expect((await get(school.admin)).body).toEqual({ resources: [], showsGeneralHelp: true, version: 1 });

    const saved = await put(school.admin, { resources: [CENTRE, HOTLINE], version: 1 });
    expect(saved.status).toBe(200);
    expect(saved.body).toEqual({ resources: [CENTRE, HOTLINE], showsGeneralHelp: false, version: 2 });
    expect((await get(school.admin)).body).toEqual(saved.body);

    // If-Match works as well as the body's version.
    const reordered = await put(school.admin, { resources: [HOTLINE] }, { 'if-match': '"2"' });
    expect(reordered.body).toEqual({ resources: [HOTLINE], showsGeneralHelp: false, version: 3 });

    const audit = await t.dataSource.query<{ action: string; actor_id: string; changed_fields: string[] }[]>(
      `SELECT action, actor_id, changed_fields FROM audit_events WHERE school_id = $1 AND action = 'help_resources.replace' ORDER BY seq`,
      [school.school.id],
    );
    expect(audit).toEqual([
      { action: 'help_resources.replace', actor_id: school.admin.id, changed_fields: ['resources'] },
      { action: 'help_resources.replace', actor_id: school.admin.id, changed_fields: ['resources'] },
    ]);
    // Another school's administrator sees only their own school's list.
    expect((await get(school.otherAdmin)).body).toEqual({ resources: [], showsGeneralHelp: true, version: 1 });
  });

  it('answers 409 for a stale version and changes nothing', async () => {
    const school = await createSchoolWorld(t);
    expect((await put(school.admin, { resources: [CENTRE], version: 1 })).status).toBe(200);
    const stale = await put(school.admin, { resources: [HOTLINE], version: 1 });
    expect(stale.status).toBe(409);
    expect(stale.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(stale.body).toMatchObject({ status: 409, code: 'help_resources.version_conflict' });
    expect((await put(school.admin, { resources: [HOTLINE] }, { 'if-match': '"7"' })).status).toBe(409);
    expect((await get(school.admin)).body).toEqual({ resources: [CENTRE], showsGeneralHelp: false, version: 2 });
  });

  it('refuses counselors, the head of counseling, class teachers and duty officers (403)', async () => {
    const lead = await createUser(t, { schoolId: w.school.id, role: 'counseling_lead' });
    for (const user of [w.counselor, lead, w.teacher, w.duty]) {
      const read = await get(user);
      const write = await put(user, { resources: [CENTRE], version: 1 });
      expect([read.status, write.status]).toEqual([403, 403]);
      expect(write.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
    expect((await get(w.admin)).body.version).toBe(1);
  });

  it.each([
    ['an unknown field in a resource', { resources: [{ ...CENTRE, url: 'https://x.example' }], version: 1 }, 'resources.0.url'],
    ['an unknown top-level field', { resources: [CENTRE], version: 1, schoolId: '00000000-0000-0000-0000-000000000000' }, 'schoolId'],
    ['a missing English name', { resources: [{ nameZh: '热线', contact: '12356' }], version: 1 }, 'resources.0.nameEn'],
    ['an empty Chinese name', { resources: [{ ...CENTRE, nameZh: '' }], version: 1 }, 'resources.0.nameZh'],
    ['a contact of 201 characters', { resources: [{ ...CENTRE, contact: '1'.repeat(201) }], version: 1 }, 'resources.0.contact'],
    ['a list of 21', { resources: Array.from({ length: 21 }, () => HOTLINE), version: 1 }, 'resources'],
    ['no list', { version: 1 }, 'resources'],
    ['no version at all', { resources: [CENTRE] }, 'version'],
  ])('answers 400 problem details for %s, changing nothing', async (_case, body, field) => {
    const res = await put(w.admin, body);
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ status: 400, code: 'validation.invalid' });
    expect((res.body.errors as { field: string }[]).map((e) => e.field)).toContain(field);
    expect((await get(w.admin)).body.version).toBe(1);
  });

  it('an If-Match that is not a quoted version answers 400', async () => {
    const res = await put(w.admin, { resources: [CENTRE] }, { 'if-match': 'W/"1"' });
    expect([res.status, res.body.errors?.[0]?.field]).toEqual([400, 'If-Match']);
  });

  it('the thank-you answer and the used-link page show the updated resources; an empty list brings back the general help lines', async () => {
    const school = await createSchoolWorld(t);
    const ids = await instrumentIdsByCode(t);
    const classId = (await createClass(t, school.school.id, school.grade.id)).id;
    await Promise.all([1, 2].map(() => createStudent(t, { schoolId: school.school.id, classId })));
    const campaign = await openCampaign(t, school.counselor, {
      opensAt: new Date(Date.now() - HOUR).toISOString(),
      closesAt: new Date(Date.now() + HOUR).toISOString(),
      classIds: [classId],
      instrumentIds: [ids.phq9],
    });
    const [first, second] = [...(await tokensOf(t, school.counselor, campaign.id)).values()];

    expect((await put(school.admin, { resources: [CENTRE, HOTLINE], version: 1 })).status).toBe(200);
    const thanks = await t.http.post(`/api/v1/survey/${first}`).send({ consent: true, answers: { phq9: phq9() } });
    expect(thanks.body.helpResources).toEqual([CENTRE, HOTLINE]);
    const used = await t.http.get(`/s/${first}`);
    expect(used.text).toContain('0571-8888 1234');
    expect(used.text).toContain('周一至周五 8:00-17:00');

    expect((await put(school.admin, { resources: [], version: 2 })).body).toEqual({ resources: [], showsGeneralHelp: true, version: 3 });
    const general = await t.http.post(`/api/v1/survey/${second}`).send({ consent: true, answers: { phq9: phq9() } });
    expect(general.body.helpResources).toEqual(expect.arrayContaining([expect.objectContaining({ contact: '12356' })]));
  });
});
