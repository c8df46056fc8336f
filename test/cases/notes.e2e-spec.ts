import { randomUUID } from 'node:crypto';
import { ManualClock } from '#core';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { bearer, createCase, createSchoolWorld, createUser } from '../support/factories.js';

const NOTE = '学生自述昨晚与父亲激烈争吵后用小刀划伤手臂，已约定每天午休时间到心理室签到';
const MARKER = '划伤手臂';

describe('case notes', () => {
  let t: TestApp;
  let w: Awaited<ReturnType<typeof createSchoolWorld>>;
  let counselor2: Awaited<ReturnType<typeof createUser>>;
  let caseId: string;
  /** Everything the app wrote to stdout while a test ran: its logs. */
  let logs: string[] = [];
  const clock = new ManualClock(new Date());

  const stdoutWrite = process.stdout.write;

  beforeAll(async () => {
    // Logs on, at the level production uses, so that a leak into them would show; and stdout
    // replaced before the app starts, so that its logger writes through it (pino then uses it).
    process.env.LOG_LEVEL = 'info';
    process.stdout.write = ((chunk: unknown) => (logs.push(String(chunk)), true)) as typeof process.stdout.write;
    t = await createTestApp({ clock });
    w = await createSchoolWorld(t);
    counselor2 = await createUser(t, { schoolId: w.school.id, role: 'counselor' });
    caseId = (await createCase(t, { schoolId: w.school.id, studentId: w.studentA.id, ownerId: w.counselor.id })).id;
  });
  afterAll(async () => {
    await t.close();
    process.stdout.write = stdoutWrite;
  });

  beforeEach(() => {
    logs = [];
  });

  const as = async (user: { id: string }) => ({ authorization: await bearer(t, user) });
  const add = async (user: { id: string }, body: Record<string, unknown>, id = caseId) => {
    // A minute between notes, so that "newest first" is decided by time, not by id.
    clock.advance(60_000);
    return t.http.post(`/api/v1/cases/${id}/notes`).set(await as(user)).send(body);
  };
  const read = async (user: { id: string }, id = caseId) => t.http.get(`/api/v1/cases/${id}/notes`).set(await as(user));

  it('adds a note for the team: 201 with a Location, the body encrypted and never in the answer, the timeline, the audit or the logs', async () => {
    const res = await t.http
      .post(`/api/v1/cases/${caseId}/notes`)
      .set({ ...(await as(w.counselor)), 'idempotency-key': `note-${randomUUID()}` })
      .send({ body: NOTE });
    expect(res.status).toBe(201);
    expect(res.headers.location).toBe(`/api/v1/cases/${caseId}/notes/${res.body.id}`);
    expect(res.body).toEqual({ id: expect.any(String), caseId, authorId: w.counselor.id, authorName: expect.any(String), createdAt: expect.any(String) });

    const [stored] = await t.dataSource.query('SELECT body FROM case_notes WHERE id = $1', [res.body.id]);
    expect(stored.body).toMatch(/^v1\./);
    expect(stored.body).not.toContain(MARKER);
    const [event] = await t.dataSource.query(`SELECT kind, data, reason FROM case_events WHERE case_id = $1 AND kind = 'note_added'`, [caseId]);
    expect(event).toEqual({ kind: 'note_added', data: { noteId: res.body.id }, reason: null });

    const detail = await t.http.get(res.headers.location).set(await as(w.counselor));
    expect(detail.body.body).toBe(NOTE);

    // Every column of every audit entry, the saved idempotent answer and the timeline, as text.
    const everywhere = await t.dataSource.query(
      `SELECT (SELECT coalesce(string_agg(a::text, '|'), '') FROM audit_events a) AS audit,
              (SELECT coalesce(string_agg(k::text, '|'), '') FROM idempotency_keys k) AS idempotency,
              (SELECT coalesce(string_agg(e::text, '|'), '') FROM case_events e) AS events`,
    );
    expect(everywhere[0].audit).toContain('case_note.create');
    expect(JSON.stringify(everywhere)).not.toContain(MARKER);
    expect(logs.join('')).toContain('/notes');
    expect(logs.join('')).not.toContain(MARKER);
  });

  it('lists notes newest first, decrypted, and audits every read with the student', async () => {
    const second = '第二条记录：与班主任沟通后调整座位';
    await add(w.counselor, { body: second });
    const res = await read(w.counselor);
    expect(res.status).toBe(200);
    expect(res.body.items.map((n: { body: string }) => n.body)).toEqual([second, NOTE]);
    const created = res.body.items.map((n: { createdAt: string }) => n.createdAt);
    expect(created).toEqual([...created].sort().reverse());

    const page = await t.http.get(`/api/v1/cases/${caseId}/notes`).query({ limit: 1 }).set(await as(w.counselor));
    const next = await t.http.get(`/api/v1/cases/${caseId}/notes`).query({ limit: 1, cursor: page.body.nextCursor }).set(await as(w.counselor));
    expect([page.body.items[0].body, next.body.items[0].body, next.body.nextCursor]).toEqual([second, NOTE, null]);

    const reads = await t.dataSource.query(
      `SELECT student_id, entity_id, break_glass_grant_id FROM audit_events WHERE action = 'case_note.read' AND actor_id = $1 AND outcome = 'success'`,
      [w.counselor.id],
    );
    expect(reads.length).toBeGreaterThanOrEqual(3);
    expect(reads[0]).toEqual({ student_id: w.studentA.id, entity_id: caseId, break_glass_grant_id: null });
    expect(logs.join('')).not.toContain('第二条记录');
  });

  it('answers 404 to a counselor off the team, a class teacher and another school, exactly as for a missing case', async () => {
    const missing = await read(w.counselor, randomUUID());
    expect(missing.status).toBe(404);
    for (const user of [counselor2, w.teacher, w.otherAdmin, w.otherCounselor, w.admin]) {
      const res = await read(user);
      expect(res.status).toBe(404);
      expect(res.body).toEqual(missing.body);
    }
    const write = await add(counselor2, { body: 'x' });
    expect(write.status).toBe(404);
    expect(write.body).toEqual(missing.body);
    // Administrators do not work on cases at all.
    expect((await add(w.admin, { body: 'x' })).status).toBe(403);
    const refused = await t.dataSource.query(`SELECT outcome FROM audit_events WHERE action = 'case_note.read' AND actor_id = $1`, [counselor2.id]);
    expect(refused).toEqual([{ outcome: 'not_found' }]);
  });

  it('lets an administrator read notes through break-glass, and records the grant with the read', async () => {
    const grant = await t.http
      .post('/api/v1/break-glass')
      .set(await as(w.admin))
      .send({ studentId: w.studentA.id, reason: 'The case owner is unreachable and the student called the hotline' });
    expect(grant.status).toBe(201);
    const res = await read(w.admin);
    expect(res.status).toBe(200);
    expect(res.body.items.map((n: { body: string }) => n.body)).toContain(NOTE);
    const [entry] = await t.dataSource.query(
      `SELECT student_id, break_glass_grant_id FROM audit_events WHERE action = 'case_note.read' AND actor_id = $1 AND outcome = 'success'`,
      [w.admin.id],
    );
    expect(entry).toEqual({ student_id: w.studentA.id, break_glass_grant_id: grant.body.id });
  });

  it('lets a counselor off the team read and write under break-glass, each recorded with the grant', async () => {
    expect((await read(counselor2)).status).toBe(404);
    const grant = await t.http
      .post('/api/v1/break-glass')
      .set(await as(counselor2))
      .send({ studentId: w.studentA.id, reason: 'Night duty: the student disclosed a plan, owner unreachable' });
    expect((await read(counselor2)).status).toBe(200);
    const added = await add(counselor2, { body: '夜间值班：已联系家长接回' });
    expect(added.status).toBe(201);
    const entries = await t.dataSource.query(
      `SELECT action, break_glass_grant_id FROM audit_events WHERE actor_id = $1 AND outcome = 'success' AND action LIKE 'case_note.%' ORDER BY seq`,
      [counselor2.id],
    );
    expect(entries).toEqual([
      { action: 'case_note.read', break_glass_grant_id: grant.body.id },
      { action: 'case_note.create', break_glass_grant_id: grant.body.id },
    ]);
  });

  it.each([
    ['an empty body', { body: '' }, 'body'],
    ['a body of 20,001 characters', { body: 'x'.repeat(20_001) }, 'body'],
    ['a number', { body: 42 }, 'body'],
    ['no body', {}, 'body'],
    ['an author', { body: 'ok', authorId: randomUUID() }, 'authorId'],
    ['a case id', { body: 'ok', caseId: randomUUID() }, 'caseId'],
    ['a school', { body: 'ok', schoolId: randomUUID() }, 'schoolId'],
    ['a creation time', { body: 'ok', createdAt: new Date().toISOString() }, 'createdAt'],
  ])('refuses %s with 400 naming the field, storing nothing', async (_label, body, field) => {
    const before = (await t.dataSource.query('SELECT count(*)::int AS n FROM case_notes'))[0].n;
    const res = await add(w.counselor, body);
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    expect((await t.dataSource.query('SELECT count(*)::int AS n FROM case_notes'))[0].n).toBe(before);
  });

  it('accepts a body of exactly 20,000 characters and never echoes a refused one', async () => {
    expect((await add(w.counselor, { body: '记'.repeat(20_000) })).status).toBe(201);
    const refused = await add(w.counselor, { body: `${MARKER}${'x'.repeat(20_000)}` });
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.body)).not.toContain(MARKER);
  });

  it('offers no way to edit or delete a note', async () => {
    const note = (await add(w.counselor, { body: '原始记录' })).body;
    const auth = await as(w.counselor);
    expect((await t.http.patch(`/api/v1/cases/${caseId}/notes/${note.id}`).set(auth).send({ body: '改' })).status).toBe(404);
    expect((await t.http.delete(`/api/v1/cases/${caseId}/notes/${note.id}`).set(auth)).status).toBe(404);
  });
});
