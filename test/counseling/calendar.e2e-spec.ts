import { ManualClock } from '#core';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { bearer, createCase, createSchoolWorld, createStudent, createUser } from '../support/factories.js';
import { MONDAY, ROOM, shanghai, SUNDAY_EVENING, TUESDAY } from './counseling-support.js';

describe('counselor calendars', () => {
  const clock = new ManualClock(new Date(SUNDAY_EVENING));
  let t: TestApp;
  let w: Awaited<ReturnType<typeof createSchoolWorld>>;

  beforeAll(async () => {
    t = await createTestApp({ clock });
    w = await createSchoolWorld(t);
  });
  afterAll(async () => t.close());

  const auth = async (user: { id: string }) => ({ authorization: await bearer(t, user) });
  /** A whole Shanghai day as a calendar range. */
  const day = (date: string) => ({ from: `${date}T00:00:00+08:00`, to: `${date}T23:59:59+08:00` });

  it('keeps weekly availability and exceptions, and shows free and booked time in the school\'s zone', async () => {
    const counselor = await createUser(t, { schoolId: w.school.id, role: 'counselor' });
    const me = await auth(counselor);
    const base = `/api/v1/counselors/${counselor.id}`;
    const morning = await t.http.post(`${base}/availability-rules`).set(me).send({ weekday: 1, startTime: '09:00', endTime: '12:00', mode: 'room', place: ROOM });
    expect(morning.status).toBe(201);
    expect(morning.headers.location).toBe(`${base}/availability-rules/${morning.body.id}`);
    expect(morning.body).toMatchObject({ weekday: 1, startTime: '09:00', endTime: '12:00', mode: 'room', place: ROOM });
    expect((await t.http.get(morning.headers.location).set(me)).body.id).toBe(morning.body.id);
    await t.http.post(`${base}/availability-rules`).set(me).send({ weekday: 1, startTime: '14:00', endTime: '17:00', mode: 'video' });
    const backwards = await t.http.post(`${base}/availability-rules`).set(me).send({ weekday: 1, startTime: '12:00', endTime: '09:00', mode: 'room' });
    expect(backwards.status).toBe(400);
    expect((await t.http.post(`${base}/availability-rules`).set(me).send({ weekday: 8, startTime: '9am', endTime: '12:00', mode: 'room' })).body.errors.map((e: { field: string }) => e.field)).toEqual(['weekday', 'startTime']);
    const leave = await t.http.post(`${base}/availability-exceptions`).set(me).send({ kind: 'leave', startsAt: shanghai(MONDAY, '10:00'), endsAt: shanghai(MONDAY, '11:00') });
    expect(leave.status).toBe(201);
    expect((await t.http.post(`${base}/availability-exceptions`).set(me).send({ kind: 'extra', startsAt: shanghai(MONDAY, '18:00'), endsAt: shanghai(MONDAY, '19:00') })).status).toBe(400);

    const student = await createStudent(t, { schoolId: w.school.id, classId: w.classA.id, name: '王小红' });
    const booked = await t.http.post('/api/v1/appointments').set(me).send({ studentId: student.id, startsAt: shanghai(MONDAY, '09:00'), endsAt: shanghai(MONDAY, '09:45') });
    expect(booked.status).toBe(201);

    const calendar = await t.http.get(`${base}/calendar`).query(day(MONDAY)).set(me);
    expect(calendar.status).toBe(200);
    expect(calendar.body).toMatchObject({ counselorId: counselor.id, timeZone: 'Asia/Shanghai' });
    expect(calendar.body.free).toEqual([
      { startsAt: shanghai(MONDAY, '09:45'), endsAt: shanghai(MONDAY, '10:00'), mode: 'room', place: ROOM },
      { startsAt: shanghai(MONDAY, '11:00'), endsAt: shanghai(MONDAY, '12:00'), mode: 'room', place: ROOM },
      { startsAt: shanghai(MONDAY, '14:00'), endsAt: shanghai(MONDAY, '17:00'), mode: 'video', place: null },
    ]);
    expect(calendar.body.booked).toEqual([
      { startsAt: shanghai(MONDAY, '09:00'), endsAt: shanghai(MONDAY, '09:45'), appointmentId: booked.body.id, studentId: student.id, studentName: '王小红', status: 'scheduled' },
    ]);

    // A class teacher (choosing when to ask) and another counselor see the time taken, not by whom.
    for (const viewer of [w.teacher, w.counselor]) {
      const seen = await t.http.get(`${base}/calendar`).query(day(MONDAY)).set(await auth(viewer));
      expect(seen.body.booked).toEqual([{ startsAt: shanghai(MONDAY, '09:00'), endsAt: shanghai(MONDAY, '09:45') }]);
    }
    // The student's case team does see who.
    await createCase(t, { schoolId: w.school.id, studentId: student.id, ownerId: w.counselor.id });
    const team = await t.http.get(`${base}/calendar`).query(day(MONDAY)).set(await auth(w.counselor));
    expect(team.body.booked[0].studentName).toBe('王小红');

    const removed = await t.http.delete(`${base}/availability-exceptions/${leave.body.id}`).set(me);
    expect(removed.status).toBe(204);
    const rules = await t.http.get(`${base}/availability-rules`).set(me);
    expect(rules.body.items.map((r: { startTime: string }) => r.startTime)).toEqual(['09:00', '14:00']);
  });

  it('refuses ranges longer than 31 days or backwards, and unknown counselors with 404', async () => {
    const me = await auth(w.counselor);
    const long = await t.http.get(`/api/v1/counselors/${w.counselor.id}/calendar`).query({ from: '2026-03-01T00:00:00Z', to: '2026-04-02T00:00:00Z' }).set(me);
    expect(long.status).toBe(400);
    const backwards = await t.http.get(`/api/v1/counselors/${w.counselor.id}/calendar`).query({ from: '2026-03-02T00:00:00Z', to: '2026-03-01T00:00:00Z' }).set(me);
    expect(backwards.status).toBe(400);
    expect((await t.http.get(`/api/v1/counselors/${w.otherCounselor.id}/calendar`).query(day(MONDAY)).set(me)).status).toBe(404);
    expect((await t.http.get(`/api/v1/counselors/${w.teacher.id}/calendar`).query(day(MONDAY)).set(me)).status).toBe(404);
  });

  it('lets a counselor keep only their own availability (404 for another\'s), the head of counseling anyone\'s', async () => {
    const lead = await createUser(t, { schoolId: w.school.id, role: 'counseling_lead' });
    const colleague = await createUser(t, { schoolId: w.school.id, role: 'counselor' });
    const rule = { weekday: 2, startTime: '09:00', endTime: '10:00', mode: 'phone' };
    expect((await t.http.post(`/api/v1/counselors/${colleague.id}/availability-rules`).set(await auth(w.counselor)).send(rule)).status).toBe(404);
    expect((await t.http.post(`/api/v1/counselors/${colleague.id}/availability-rules`).set(await auth(lead)).send(rule)).status).toBe(201);
    expect((await t.http.post(`/api/v1/counselors/${colleague.id}/availability-rules`).set(await auth(w.teacher)).send(rule)).status).toBe(403);
  });

  it('lists the school\'s counselors', async () => {
    const list = await t.http.get('/api/v1/counselors').set(await auth(w.teacher));
    expect(list.status).toBe(200);
    const ids = list.body.items.map((c: { id: string }) => c.id);
    expect(ids).toContain(w.counselor.id);
    expect(ids).not.toContain(w.teacher.id);
    expect(ids).not.toContain(w.otherCounselor.id);
  });

  describe('iCalendar export', () => {
    it('exports the counselor\'s own sessions: RFC 5545 lines, UTC times, no student name', async () => {
      const counselor = await createUser(t, { schoolId: w.school.id, role: 'counselor' });
      const me = await auth(counselor);
      await t.http.post(`/api/v1/counselors/${counselor.id}/availability-rules`).set(me).send({ weekday: 2, startTime: '09:00', endTime: '12:00', mode: 'room', place: '心理咨询室 201, 教学楼二层' });
      const student = await createStudent(t, { schoolId: w.school.id, classId: w.classA.id, name: '李小龙' });
      const session = await t.http.post('/api/v1/appointments').set(me).send({ studentId: student.id, startsAt: shanghai(TUESDAY, '09:00'), endsAt: shanghai(TUESDAY, '10:00') });

      const ics = await t.http.get('/api/v1/counselors/me/calendar.ics').set(me).buffer(true).parse((res, done) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => done(null, text));
      });
      expect(ics.status).toBe(200);
      expect(ics.headers['content-type']).toBe('text/calendar; charset=utf-8');
      const text = ics.body as string;
      expect(text.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n')).toBe(true);
      expect(text.endsWith('END:VCALENDAR\r\n')).toBe(true);
      expect(text.split('\r\n').every((line) => Buffer.byteLength(line, 'utf8') <= 75)).toBe(true);
      const unfolded = text.replace(/\r\n /g, '');
      expect(unfolded).toContain(`UID:${session.body.id}@campus-care`);
      expect(unfolded).toContain('DTSTART:20260310T010000Z\r\nDTEND:20260310T020000Z');
      expect(unfolded).toContain('SUMMARY:咨询 Counseling session (面谈 in person)');
      expect(unfolded).toContain('LOCATION:心理咨询室 201\\, 教学楼二层');
      expect(unfolded).not.toContain('李小龙');
      expect(unfolded).not.toContain(student.id);
    });

    it('serves a secret feed address without a bearer token; rotating ends the old one', async () => {
      const me = await auth(w.counselor);
      const first = await t.http.post('/api/v1/counselors/me/calendar-feed-token').set(me).send({});
      expect(first.status).toBe(201);
      expect(first.body.url).toBe(`/api/v1/calendar-feeds/${first.body.token}.ics`);
      expect(first.headers.location).toBe(first.body.url);
      const feed = await t.http.get(first.body.url);
      expect(feed.status).toBe(200);
      expect(feed.headers['content-type']).toBe('text/calendar; charset=utf-8');
      const [stored] = await t.dataSource.query('SELECT token_hash FROM counselor_calendar_feeds WHERE counselor_id = $1', [w.counselor.id]);
      expect(stored.token_hash.toString('utf8')).not.toContain(first.body.token);

      const second = await t.http.post('/api/v1/counselors/me/calendar-feed-token').set(me).send({});
      expect((await t.http.get(first.body.url)).status).toBe(404);
      expect((await t.http.get(second.body.url)).status).toBe(200);
      expect((await t.http.get('/api/v1/calendar-feeds/not-a-token.ics')).status).toBe(404);
      const keyed = await t.http.post('/api/v1/counselors/me/calendar-feed-token').set(me).set('idempotency-key', 'rotate-once-only').send({});
      expect(keyed.status).toBe(400);
      expect(keyed.body.code).toBe('idempotency.not_supported');

      expect((await t.http.delete('/api/v1/counselors/me/calendar-feed-token').set(me)).status).toBe(204);
      expect((await t.http.get(second.body.url)).status).toBe(404);
    });

    it('limits the public feed address to 60 requests a minute per client address', async () => {
      // The feed test above used a few of this minute's requests already.
      const answers = [];
      for (let i = 0; i < 61; i++) answers.push(await t.http.get(`/api/v1/calendar-feeds/${'x'.repeat(43)}.ics`));
      const statuses = answers.map((a) => a.status);
      expect(statuses.filter((s) => s === 404).length).toBeGreaterThan(45);
      expect(statuses.indexOf(429)).toBe(statuses.filter((s) => s === 404).length);
      expect(answers[60].status).toBe(429);
      expect(answers[60].body.code).toBe('rate_limit.exceeded');
    });

    it('is a counselor\'s own: class teachers and administrators get 403', async () => {
      expect((await t.http.get('/api/v1/counselors/me/calendar.ics').set(await auth(w.teacher))).status).toBe(403);
      expect((await t.http.get('/api/v1/counselors/me/calendar.ics').set(await auth(w.admin))).status).toBe(403);
    });
  });
});
