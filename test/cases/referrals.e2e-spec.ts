import { randomUUID } from 'node:crypto';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { bearer, createCase, createSchoolWorld, createStudent, createUser } from '../support/factories.js';

const NOTE = '已电话预约市精神卫生中心青少年门诊，携带转介单';

describe('referral agencies', () => {
  let t: TestApp;
  let w: Awaited<ReturnType<typeof createSchoolWorld>>;
  let lead: Awaited<ReturnType<typeof createUser>>;

  beforeAll(async () => {
    t = await createTestApp();
    w = await createSchoolWorld(t);
    lead = await createUser(t, { schoolId: w.school.id, role: 'counseling_lead' });
  });
  afterAll(async () => t.close());

  const as = async (user: { id: string }) => ({ authorization: await bearer(t, user) });
  const create = async (user: { id: string }, body: Record<string, unknown>) =>
    t.http.post('/api/v1/referral-agencies').set(await as(user)).send({ kind: 'hospital', ...body });

  it('lets the head of counseling and administrators keep the list, which the case workers read', async () => {
    const res = await create(lead, { name: '市精神卫生中心', kind: 'psychiatric_service', phone: '021-64387250', contactPerson: '李医生' });
    expect(res.status).toBe(201);
    expect(res.headers.location).toBe(`/api/v1/referral-agencies/${res.body.id}`);
    expect(res.body).toMatchObject({ name: '市精神卫生中心', kind: 'psychiatric_service', phone: '021-64387250', address: null, contactPerson: '李医生', active: true, version: 1 });
    expect((await create(w.admin, { name: '区派出所', kind: 'police' })).status).toBe(201);
    expect((await create(w.counselor, { name: '社区卫生服务中心' })).status).toBe(403);
    expect((await create(w.teacher, { name: '社区卫生服务中心' })).status).toBe(403);

    const list = await t.http.get('/api/v1/referral-agencies').set(await as(w.counselor));
    expect(list.body.items.map((a: { name: string }) => a.name)).toEqual(['区派出所', '市精神卫生中心']);
    expect((await t.http.get('/api/v1/referral-agencies').set(await as(w.otherAdmin))).body.items).toEqual([]);
    expect((await t.http.get(`/api/v1/referral-agencies/${res.body.id}`).set(await as(w.otherAdmin))).status).toBe(404);
    const audit = await t.dataSource.query(`SELECT changed_fields FROM audit_events WHERE action = 'referral_agency.create' AND entity_id = $1`, [res.body.id]);
    expect(audit).toEqual([{ changed_fields: ['contactPerson', 'kind', 'name', 'phone'] }]);
  });

  it('keeps names unique per school: 409 referral_agency.duplicate_name, on create and on rename', async () => {
    await create(lead, { name: '第一人民医院' });
    const again = await create(w.admin, { name: '第一人民医院' });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('referral_agency.duplicate_name');
    expect((await create(w.otherAdmin, { name: '第一人民医院' })).status).toBe(201);
    const second = (await create(lead, { name: '第二人民医院' })).body;
    const rename = await t.http.patch(`/api/v1/referral-agencies/${second.id}`).set(await as(lead)).send({ name: '第一人民医院', version: 1 });
    expect(rename.status).toBe(409);
    expect(rename.body.code).toBe('referral_agency.duplicate_name');
  });

  it('updates with versions, clears with null, deactivates rather than deletes', async () => {
    const agency = (await create(lead, { name: '儿童医院', address: '某路 1 号' })).body;
    const url = `/api/v1/referral-agencies/${agency.id}`;
    const updated = await t.http.patch(url).set({ ...(await as(lead)), 'if-match': '"1"' }).send({ address: null, phone: '110' });
    expect(updated.body).toMatchObject({ address: null, phone: '110', version: 2 });
    const stale = await t.http.patch(url).set(await as(w.admin)).send({ name: '改名', version: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('referral_agency.version_conflict');
    expect((await t.http.get(url).set(await as(lead))).body).toMatchObject({ name: '儿童医院', version: 2 });

    const off = await t.http.patch(url).set(await as(w.admin)).send({ active: false, version: 2 });
    expect(off.body.active).toBe(false);
    const active = await t.http.get('/api/v1/referral-agencies').set(await as(w.counselor));
    expect(active.body.items.map((a: { id: string }) => a.id)).not.toContain(agency.id);
    const all = await t.http.get('/api/v1/referral-agencies').query({ includeInactive: 'true' }).set(await as(w.counselor));
    expect(all.body.items.map((a: { id: string }) => a.id)).toContain(agency.id);
    expect((await t.http.delete(url).set(await as(w.admin))).status).toBe(404);
  });

  it.each([
    ['no name', { name: undefined }, 'name'],
    ['an unknown kind', { name: 'x', kind: 'spa' }, 'kind'],
    ['a school', { name: 'x', schoolId: randomUUID() }, 'schoolId'],
    ['an active flag on creation', { name: 'x', active: false }, 'active'],
    ['a version on creation', { name: 'x', version: 1 }, 'version'],
  ])('refuses an agency with %s with 400 naming the field', async (_label, body, field) => {
    const res = await create(lead, body);
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
  });

  it('refuses a null name or kind in an update', async () => {
    const agency = (await create(lead, { name: '中医院' })).body;
    const res = await t.http.patch(`/api/v1/referral-agencies/${agency.id}`).set(await as(lead)).send({ name: null, kind: null, version: 1 });
    expect(res.status).toBe(400);
    expect(new Set(res.body.errors.map((e: { field: string }) => e.field))).toEqual(new Set(['kind', 'name']));
  });
});

describe('case referrals', () => {
  let t: TestApp;
  let w: Awaited<ReturnType<typeof createSchoolWorld>>;
  let outsider: Awaited<ReturnType<typeof createUser>>;
  let caseId: string;
  let hospital: string;

  beforeAll(async () => {
    t = await createTestApp();
    w = await createSchoolWorld(t);
    outsider = await createUser(t, { schoolId: w.school.id, role: 'counselor' });
    caseId = (await createCase(t, { schoolId: w.school.id, studentId: w.studentA.id, ownerId: w.counselor.id, state: 'active' })).id;
    hospital = await agency(w.school.id, '市精神卫生中心');
  });
  afterAll(async () => t.close());

  const agency = async (schoolId: string, name: string, active = true) =>
    (
      await t.dataSource.query<{ id: string }[]>(
        `INSERT INTO referral_agencies (school_id, name, kind, active) VALUES ($1, $2, 'psychiatric_service', $3) RETURNING id`,
        [schoolId, name, active],
      )
    )[0].id;
  const as = async (user: { id: string }) => ({ authorization: await bearer(t, user) });
  const refer = async (body: Record<string, unknown>, id = caseId, user: { id: string } = w.counselor) =>
    t.http
      .post(`/api/v1/cases/${id}/referrals`)
      .set(await as(user))
      .send({ agencyId: hospital, ...body });
  const move = async (referralId: string, body: Record<string, unknown>, user: { id: string } = w.counselor) =>
    t.http
      .patch(`/api/v1/cases/${caseId}/referrals/${referralId}`)
      .set(await as(user))
      .send(body);

  it('refers a case as pending, with the note encrypted, without moving the case', async () => {
    const res = await refer({ note: NOTE });
    expect(res.status).toBe(201);
    expect(res.headers.location).toBe(`/api/v1/cases/${caseId}/referrals/${res.body.id}`);
    expect(res.body).toMatchObject({
      caseId,
      agencyId: hospital,
      agencyName: '市精神卫生中心',
      agencyKind: 'psychiatric_service',
      status: 'pending',
      allowedStatuses: ['accepted', 'declined', 'withdrawn'],
      statusChangedAt: null,
      note: NOTE,
      createdBy: w.counselor.id,
      version: 1,
    });
    const [stored] = await t.dataSource.query('SELECT note FROM case_referrals WHERE id = $1', [res.body.id]);
    expect(stored.note).toMatch(/^v1\./);
    const [kase] = await t.dataSource.query('SELECT state, version FROM cases WHERE id = $1', [caseId]);
    expect(kase).toEqual({ state: 'active', version: 1 });
    const [event] = await t.dataSource.query(`SELECT data FROM case_events WHERE case_id = $1 AND kind = 'referral_created'`, [caseId]);
    expect(event.data).toEqual({ referralId: res.body.id, agencyId: hospital, status: 'pending' });
    const audit = await t.dataSource.query(`SELECT a::text AS row FROM audit_events a WHERE school_id = $1`, [w.school.id]);
    expect(JSON.stringify(audit)).not.toContain('青少年门诊');
  });

  it('follows a referral pending -> accepted -> completed, recording when, and refuses moves out of a final state naming none', async () => {
    const referral = (await refer({})).body;
    const accepted = await move(referral.id, { status: 'accepted', note: '对方已接收，预约下周二', version: 1 });
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ status: 'accepted', allowedStatuses: ['completed', 'withdrawn'], note: '对方已接收，预约下周二', version: 2 });
    expect(accepted.body.statusChangedAt).toEqual(expect.any(String));
    const withoutVersion = await move(referral.id, { status: 'completed' });
    expect(withoutVersion.status).toBe(400);
    const done = await t.http
      .patch(`/api/v1/cases/${caseId}/referrals/${referral.id}`)
      .set({ ...(await as(w.counselor)), 'if-match': '"2"' })
      .send({ status: 'completed' });
    expect(done.body).toMatchObject({ status: 'completed', allowedStatuses: [], note: '对方已接收，预约下周二', version: 3 });

    const illegal = await move(referral.id, { status: 'withdrawn', version: 3 });
    expect(illegal.status).toBe(409);
    expect(illegal.body).toMatchObject({ code: 'referral.illegal_transition', allowed: [] });
    const fromPending = await move((await refer({})).body.id, { status: 'completed', version: 1 });
    expect(fromPending.body).toMatchObject({ code: 'referral.illegal_transition', allowed: ['accepted', 'declined', 'withdrawn'] });

    const events = await t.dataSource.query(
      `SELECT data FROM case_events WHERE case_id = $1 AND kind = 'referral_updated' AND data->>'referralId' = $2 ORDER BY occurred_at, id`,
      [caseId, referral.id],
    );
    expect(events.map((e: { data: object }) => e.data)).toEqual([
      { referralId: referral.id, agencyId: hospital, from: 'pending', to: 'accepted' },
      { referralId: referral.id, agencyId: hospital, from: 'accepted', to: 'completed' },
    ]);
  });

  it('answers a stale version with 409 and changes nothing', async () => {
    const referral = (await refer({})).body;
    await move(referral.id, { status: 'accepted', version: 1 });
    const stale = await move(referral.id, { status: 'withdrawn', version: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('referral.version_conflict');
    const [row] = await t.dataSource.query('SELECT status, version FROM case_referrals WHERE id = $1', [referral.id]);
    expect(row).toEqual({ status: 'accepted', version: 2 });
  });

  it('refers only to an active agency of the school, 400 naming agencyId', async () => {
    const inactive = await agency(w.school.id, '已停用医院', false);
    const foreign = await agency(w.otherSchool.id, '外校的医院');
    for (const agencyId of [inactive, foreign, randomUUID()]) {
      const res = await refer({ agencyId });
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([{ field: 'agencyId', message: "is not an active agency of the school's list" }]);
    }
  });

  it.each([
    ['a status', { status: 'accepted' }, 'status'],
    ['a referral time', { referredAt: new Date().toISOString() }, 'referredAt'],
    ['a case', { caseId: randomUUID() }, 'caseId'],
    ['a school', { schoolId: randomUUID() }, 'schoolId'],
    ['an empty note', { note: '' }, 'note'],
    ['an agency that is not a UUID', { agencyId: 'hospital' }, 'agencyId'],
  ])('refuses a referral with %s with 400 naming the field', async (_label, body, field) => {
    const res = await refer(body);
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
  });

  it('answers 404 to anyone off the team, exactly as for a missing case', async () => {
    const referral = (await refer({})).body;
    const missing = await t.http.get(`/api/v1/cases/${randomUUID()}/referrals`).set(await as(w.counselor));
    expect(missing.status).toBe(404);
    for (const user of [outsider, w.teacher, w.admin, w.otherAdmin, w.otherCounselor]) {
      const res = await t.http.get(`/api/v1/cases/${caseId}/referrals`).set(await as(user));
      expect(res.status).toBe(404);
      expect(res.body).toEqual(missing.body);
    }
    const write = await move(referral.id, { status: 'accepted', version: 1 }, outsider);
    expect(write.status).toBe(404);
    expect(write.body).toEqual(missing.body);
  });

  it('lists newest first and refuses referrals of a closed case', async () => {
    const student = await createStudent(t, { schoolId: w.school.id, classId: w.classA.id });
    const id = (await createCase(t, { schoolId: w.school.id, studentId: student.id, ownerId: w.counselor.id })).id;
    const first = (await refer({}, id)).body;
    const second = (await refer({}, id)).body;
    const list = await t.http.get(`/api/v1/cases/${id}/referrals`).set(await as(w.counselor));
    const ids = list.body.items.map((r: { id: string }) => r.id);
    expect(new Set(ids)).toEqual(new Set([first.id, second.id]));
    const times = list.body.items.map((r: { referredAt: string }) => r.referredAt);
    expect(times).toEqual([...times].sort().reverse());
    await t.dataSource.query(`UPDATE cases SET state = 'closed', closed_at = now() WHERE id = $1`, [id]);
    const closed = await refer({}, id);
    expect(closed.status).toBe(409);
    expect(closed.body.code).toBe('case.closed');
  });
});
