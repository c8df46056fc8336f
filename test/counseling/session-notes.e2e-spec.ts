import { randomUUID } from 'node:crypto';
import { ManualClock } from '#core';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { bearer, createCase, createSchoolWorld, createStudent, createUser } from '../support/factories.js';
import { giveWeekdayAvailability, MONDAY, shanghai, SUNDAY_EVENING } from './counseling-support.js';

describe('session notes', () => {
  const clock = new ManualClock(new Date(SUNDAY_EVENING));
  let t: TestApp;
  let w: Awaited<ReturnType<typeof createSchoolWorld>>;
  let hour = 9;

  beforeAll(async () => {
    t = await createTestApp({ clock });
    w = await createSchoolWorld(t);
    await giveWeekdayAvailability(t, w.counselor);
  });
  afterAll(async () => t.close());

  const auth = async (user: { id: string }) => ({ authorization: await bearer(t, user) });
  const session = async (studentId: string) => {
    const start = `${String(hour).padStart(2, '0')}:00`;
    const end = `${String(hour).padStart(2, '0')}:45`;
    hour = hour === 11 ? 14 : hour + 1;
    const res = await t.http.post('/api/v1/appointments').set(await auth(w.counselor)).send({ studentId, startsAt: shanghai(MONDAY, start), endsAt: shanghai(MONDAY, end) });
    expect(res.status).toBe(201);
    return res.body as { id: string; version: number };
  };
  const write = async (appointmentId: string, body: string, user: { id: string } = w.counselor, headers: Record<string, string> = {}) =>
    t.http.post(`/api/v1/appointments/${appointmentId}/notes`).set(await auth(user)).set(headers).send({ body });
  const read = async (appointmentId: string, user: { id: string }) => t.http.get(`/api/v1/appointments/${appointmentId}/notes`).set(await auth(user));

  it('is written by the session\'s counselor and read back by them, every read audited', async () => {
    const s = await session(w.studentA.id);
    const written = await write(s.id, '学生谈到与室友的矛盾，情绪平稳。');
    expect(written.status).toBe(201);
    expect(written.headers.location).toBe(`/api/v1/appointments/${s.id}/notes/${written.body.id}`);
    expect(written.body).toEqual({ id: expect.any(String), appointmentId: s.id, authorId: w.counselor.id, authorName: expect.any(String), body: '学生谈到与室友的矛盾，情绪平稳。', createdAt: SUNDAY_EVENING });
    const list = await read(s.id, w.counselor);
    expect(list.body.items).toEqual([expect.objectContaining({ id: written.body.id, body: '学生谈到与室友的矛盾，情绪平稳。' })]);
    const one = await t.http.get(written.headers.location).set(await auth(w.counselor));
    expect(one.body.body).toBe('学生谈到与室友的矛盾，情绪平稳。');
    const audits = await t.dataSource.query(`SELECT action, outcome FROM audit_events WHERE actor_id = $1 AND action LIKE 'session_note.%' ORDER BY seq`, [w.counselor.id]);
    expect(audits).toEqual([
      { action: 'session_note.create', outcome: 'success' },
      { action: 'session_note.read', outcome: 'success' },
      { action: 'session_note.read', outcome: 'success' },
    ]);
  });

  it('answers 404 to a class teacher reading it, exactly like a missing session, and audits the attempt', async () => {
    const s = await session(w.studentA.id);
    await write(s.id, 'private words');
    const teacher = await read(s.id, w.teacher);
    const missing = await read(randomUUID(), w.teacher);
    expect(teacher.status).toBe(404);
    expect(teacher.body).toEqual(missing.body);
    expect((await t.http.post(`/api/v1/appointments/${s.id}/notes`).set(await auth(w.teacher)).send({ body: 'x' })).status).toBe(403);
    const [refused] = await t.dataSource.query(`SELECT outcome, student_id FROM audit_events WHERE actor_id = $1 AND action = 'session_note.read' AND entity_id = $2`, [w.teacher.id, s.id]);
    expect(refused).toEqual({ outcome: 'not_found', student_id: w.studentA.id });
  });

  it('is hidden from other counselors and administrators until they join the open case, or use break-glass', async () => {
    const student = await createStudent(t, { schoolId: w.school.id, classId: w.classA.id });
    const s = await session(student.id);
    await write(s.id, '讨论了考试焦虑的应对方法');
    const colleague = await createUser(t, { schoolId: w.school.id, role: 'counselor' });
    expect((await read(s.id, colleague)).status).toBe(404);
    expect((await read(s.id, w.admin)).status).toBe(404);
    expect((await read(s.id, w.otherAdmin)).status).toBe(404);
    expect((await write(s.id, 'not my session', colleague)).status).toBe(404);

    const kase = await createCase(t, { schoolId: w.school.id, studentId: student.id, ownerId: colleague.id });
    expect((await read(s.id, colleague)).body.items).toHaveLength(1);
    await t.dataSource.query(`UPDATE cases SET state = 'closed', closed_at = now() WHERE id = $1`, [kase.id]);
    expect((await read(s.id, colleague)).status).toBe(404);

    const grant = await t.http.post('/api/v1/break-glass').set(await auth(w.admin)).send({ studentId: student.id, reason: 'Counselor unreachable; student in crisis tonight' });
    expect(grant.status).toBe(201);
    const viaGlass = await read(s.id, w.admin);
    expect(viaGlass.body.items[0].body).toBe('讨论了考试焦虑的应对方法');
    const [audit] = await t.dataSource.query(
      `SELECT break_glass_grant_id FROM audit_events WHERE actor_id = $1 AND action = 'session_note.read' AND outcome = 'success'`,
      [w.admin.id],
    );
    expect(audit.break_glass_grant_id).toBe(grant.body.id);
  });

  it('takes no note on a session that was cancelled', async () => {
    const s = await session(w.studentB.id);
    await t.http.post(`/api/v1/appointments/${s.id}/cancel`).set(await auth(w.counselor)).send({ reason: '学生生病', version: 1 });
    const res = await write(s.id, 'too late');
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('session_note.session_not_held');
  });

  it('never stores the note in plain text: not in any table, not in the audit trail, not in a kept idempotent answer', async () => {
    const marker = `MARKER-${randomUUID()}`;
    const text = `${marker} 学生透露曾有轻生念头`;
    const s = await session(w.studentA.id);
    const key = { 'idempotency-key': `note-${randomUUID()}` };
    const first = await write(s.id, text, w.counselor, key);
    const replay = await write(s.id, text, w.counselor, key);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.body.id).toBe(first.body.id);
    expect((await read(s.id, w.counselor)).body.items[0].body).toBe(text);

    const columns = await t.dataSource.query<{ table_name: string; column_name: string; data_type: string }[]>(
      `SELECT c.table_name, c.column_name, c.data_type FROM information_schema.columns c
         JOIN information_schema.tables tb ON tb.table_schema = c.table_schema AND tb.table_name = c.table_name AND tb.table_type = 'BASE TABLE'
        WHERE c.table_schema = 'public' AND c.data_type IN ('text', 'character varying', 'jsonb', 'json', 'ARRAY', 'USER-DEFINED', 'bytea')`,
    );
    expect(columns.length).toBeGreaterThan(20);
    const found: string[] = [];
    for (const { table_name: table, column_name: column, data_type: type } of columns) {
      const matches = type === 'bytea' ? `position(convert_to($1, 'UTF8') in "${column}") > 0` : `"${column}"::text LIKE '%' || $1 || '%'`;
      const [row] = await t.dataSource.query(`SELECT count(*)::int AS n FROM "${table}" WHERE ${matches}`, [marker]);
      if (row.n > 0) found.push(`${table}.${column}`);
    }
    expect(found).toEqual([]);
    const [stored] = await t.dataSource.query('SELECT body FROM session_notes WHERE id = $1', [first.body.id]);
    expect(stored.body).toMatch(/^v1\./);
  });
});
