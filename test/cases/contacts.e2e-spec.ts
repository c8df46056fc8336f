import { randomUUID } from 'node:crypto';
import { ManualClock } from '#core';
import { CaseContactRepository } from '#cases';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { bearer, createCase, createSchoolWorld, createStudent, createUser } from '../support/factories.js';

const AGREED = '母亲同意本周末带孩子去市精神卫生中心就诊';

describe('case contacts', () => {
  let t: TestApp;
  let w: Awaited<ReturnType<typeof createSchoolWorld>>;
  let outsider: Awaited<ReturnType<typeof createUser>>;
  let caseId: string;
  let mother: string;
  let father: string;
  let otherStudentsGuardian: string;
  const clock = new ManualClock(new Date('2026-04-01T08:00:00.000Z'));

  beforeAll(async () => {
    t = await createTestApp({ clock });
    w = await createSchoolWorld(t);
    outsider = await createUser(t, { schoolId: w.school.id, role: 'counselor' });
    caseId = (await createCase(t, { schoolId: w.school.id, studentId: w.studentA.id, ownerId: w.counselor.id })).id;
    mother = await guardianOf(w.studentA.id, 'mother');
    father = await guardianOf(w.studentA.id, 'father');
    otherStudentsGuardian = await guardianOf(w.studentB.id, 'mother');
  });
  afterAll(async () => t.close());

  const guardianOf = async (studentId: string, relation: string) =>
    (
      await t.dataSource.query<{ id: string }[]>(
        `INSERT INTO guardians (school_id, student_id, name, relation, phone) VALUES ($1, $2, $3, $4, '13800000000') RETURNING id`,
        [w.school.id, studentId, `${relation}-${randomUUID().slice(0, 4)}`, relation],
      )
    )[0].id;
  const as = async (user: { id: string }) => ({ authorization: await bearer(t, user) });
  const minutesAgo = (minutes: number) => new Date(clock.now().getTime() - minutes * 60_000).toISOString();
  const log = async (body: Record<string, unknown>, id = caseId, user: { id: string } = w.counselor) =>
    t.http
      .post(`/api/v1/cases/${id}/contacts`)
      .set(await as(user))
      .send({ counterpart: 'student', channel: 'in_person', outcome: 'reached', contactedAt: minutesAgo(30), ...body });
  const list = async (id = caseId, query: Record<string, string | number> = {}, user: { id: string } = w.counselor) =>
    t.http.get(`/api/v1/cases/${id}/contacts`).query(query).set(await as(user));

  it('logs a guardian notification: 201, a Location, what was agreed encrypted, a timeline event without the text', async () => {
    const res = await log({ counterpart: 'guardian', guardianId: mother, channel: 'phone', isGuardianNotification: true, agreed: AGREED });
    expect(res.status).toBe(201);
    expect(res.headers.location).toBe(`/api/v1/cases/${caseId}/contacts/${res.body.id}`);
    expect(res.body).toMatchObject({
      caseId,
      counterpart: 'guardian',
      guardianId: mother,
      guardianName: expect.stringMatching(/^mother-/),
      counterpartName: null,
      channel: 'phone',
      outcome: 'reached',
      isGuardianNotification: true,
      agreed: AGREED,
      recordedBy: w.counselor.id,
    });
    const [stored] = await t.dataSource.query('SELECT agreed FROM case_contacts WHERE id = $1', [res.body.id]);
    expect(stored.agreed).toMatch(/^v1\./);
    const [event] = await t.dataSource.query(`SELECT e::text AS row, data FROM case_events e WHERE case_id = $1 AND kind = 'contact_logged'`, [caseId]);
    expect(event.data).toEqual({
      contactId: res.body.id,
      counterpart: 'guardian',
      guardianId: mother,
      channel: 'phone',
      outcome: 'reached',
      contactedAt: res.body.contactedAt,
      isGuardianNotification: true,
    });
    const audit = await t.dataSource.query(`SELECT a::text AS row FROM audit_events a WHERE school_id = $1`, [w.school.id]);
    expect(JSON.stringify([event.row, audit])).not.toContain('精神卫生中心');
    expect((await t.http.get(res.headers.location).set(await as(w.counselor))).body.agreed).toBe(AGREED);
  });

  it.each([
    ['a guardian contact without the guardian', { counterpart: 'guardian' }, 'guardianId'],
    ['a guardian of another student', { counterpart: 'guardian', guardianId: '<other>' }, 'guardianId'],
    ['a guardian id on a student contact', { guardianId: '<mother>' }, 'guardianId'],
    ['another counterpart without a name', { counterpart: 'other' }, 'counterpartName'],
    ['a name on a class teacher contact', { counterpart: 'class_teacher', counterpartName: '王老师' }, 'counterpartName'],
    ['a guardian notification to the student', { isGuardianNotification: true }, 'isGuardianNotification'],
    ['a contact tomorrow', { contactedAt: '<tomorrow>' }, 'contactedAt'],
    ['an unknown channel', { channel: 'carrier_pigeon' }, 'channel'],
    ['an unknown outcome', { outcome: 'maybe' }, 'outcome'],
    ['an unknown counterpart', { counterpart: 'neighbour' }, 'counterpart'],
    ['a time that is not one', { contactedAt: 'yesterday' }, 'contactedAt'],
    ['an empty agreement', { agreed: '' }, 'agreed'],
    ['a recorder', { recordedBy: randomUUID() }, 'recordedBy'],
    ['a school', { schoolId: randomUUID() }, 'schoolId'],
    ['a case', { caseId: randomUUID() }, 'caseId'],
  ])('refuses %s with 400 naming the field, storing nothing', async (_label, body, field) => {
    const placeholders: Record<string, string> = {
      '<other>': otherStudentsGuardian,
      '<mother>': mother,
      '<tomorrow>': new Date(clock.now().getTime() + 86_400_000).toISOString(),
    };
    const resolved = Object.fromEntries(Object.entries(body).map(([k, v]) => [k, typeof v === 'string' ? (placeholders[v] ?? v) : v]));
    const before = (await t.dataSource.query('SELECT count(*)::int AS n FROM case_contacts'))[0].n;
    const res = await log(resolved);
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    expect((await t.dataSource.query('SELECT count(*)::int AS n FROM case_contacts'))[0].n).toBe(before);
  });

  it('answers 404 to anyone off the team, exactly as for a missing case', async () => {
    const missing = await list(randomUUID());
    expect(missing.status).toBe(404);
    for (const user of [outsider, w.teacher, w.admin, w.otherAdmin, w.otherCounselor]) {
      const res = await list(caseId, {}, user);
      expect(res.status).toBe(404);
      expect(res.body).toEqual(missing.body);
    }
    const write = await log({}, caseId, outsider);
    expect(write.status).toBe(404);
    expect(write.body).toEqual(missing.body);
    expect((await log({}, caseId, w.admin)).status).toBe(403);
  });

  it('lists newest first with the unreachable count and the last time anyone was reached', async () => {
    const student = await createStudent(t, { schoolId: w.school.id, classId: w.classA.id });
    const id = (await createCase(t, { schoolId: w.school.id, studentId: student.id, ownerId: w.counselor.id })).id;
    const dad = await guardianOf(student.id, 'father');
    const mum = await guardianOf(student.id, 'mother');
    expect((await list(id)).body).toEqual({ items: [], nextCursor: null, summary: { unreachable: 0, lastReachedAt: null } });

    // Father not reached twice, then reached; mother not reached once; the dorm teacher not reached.
    await log({ counterpart: 'guardian', guardianId: dad, channel: 'phone', outcome: 'not_reached', contactedAt: minutesAgo(300) }, id);
    await log({ counterpart: 'guardian', guardianId: dad, channel: 'phone', outcome: 'not_reached', contactedAt: minutesAgo(200) }, id);
    const reached = await log({ counterpart: 'guardian', guardianId: dad, channel: 'home_visit', outcome: 'reached', contactedAt: minutesAgo(100) }, id);
    await log({ counterpart: 'guardian', guardianId: mum, channel: 'message', outcome: 'not_reached', contactedAt: minutesAgo(90) }, id);
    await log({ counterpart: 'other', counterpartName: '宿管老师', channel: 'phone', outcome: 'not_reached', contactedAt: minutesAgo(80) }, id);

    const res = await list(id);
    expect(res.status).toBe(200);
    expect(res.body.summary).toEqual({ unreachable: 2, lastReachedAt: reached.body.contactedAt });
    const times = res.body.items.map((c: { contactedAt: string }) => c.contactedAt);
    expect(times).toEqual([...times].sort().reverse());
    expect(res.body.items[0]).toMatchObject({ counterpart: 'other', counterpartName: '宿管老师', agreed: null });

    const unreachable = await list(id, { outcome: 'not_reached' });
    expect(unreachable.body.items).toHaveLength(4);
    const first = await list(id, { limit: 3 });
    const rest = await list(id, { limit: 3, cursor: first.body.nextCursor });
    expect([...first.body.items, ...rest.body.items].map((c: { id: string }) => c.id)).toEqual(res.body.items.map((c: { id: string }) => c.id));

    // What the case list gets, for a page of cases at once.
    const counts = await t.app.get(CaseContactRepository).unreachableCountsByCase([id, caseId, randomUUID()]);
    expect(counts.get(id)).toBe(2);
    expect(counts.has(caseId)).toBe(false);
  });

  it('records reads in the audit trail with the student', async () => {
    await list();
    const [entry] = await t.dataSource.query(
      `SELECT entity_id, student_id FROM audit_events WHERE action = 'case_contact.read' AND actor_id = $1 ORDER BY seq DESC LIMIT 1`,
      [w.counselor.id],
    );
    expect(entry).toEqual({ entity_id: caseId, student_id: w.studentA.id });
  });

  it('keeps the log as it was: no edits, no deletes', async () => {
    const contact = (await log({ counterpart: 'guardian', guardianId: father, outcome: 'not_reached', channel: 'phone' })).body;
    const auth = await as(w.counselor);
    expect((await t.http.patch(`/api/v1/cases/${caseId}/contacts/${contact.id}`).set(auth).send({ outcome: 'reached' })).status).toBe(404);
    expect((await t.http.delete(`/api/v1/cases/${caseId}/contacts/${contact.id}`).set(auth)).status).toBe(404);
  });
});
