import { jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { ManualClock } from '#core';
import { SchoolHolidays } from '#counseling';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { bearer, createSchoolWorld, createStudent, createUser } from '../support/factories.js';
import { giveWeekdayAvailability, MONDAY, ROOM, shanghai, SUNDAY_EVENING, TUESDAY } from './counseling-support.js';

describe('booking counseling sessions', () => {
  const clock = new ManualClock(new Date(SUNDAY_EVENING));
  let t: TestApp;
  let w: Awaited<ReturnType<typeof createSchoolWorld>>;
  let auth: { authorization: string };

  beforeAll(async () => {
    t = await createTestApp({ clock });
    w = await createSchoolWorld(t);
    await giveWeekdayAvailability(t, w.counselor);
    auth = { authorization: await bearer(t, w.counselor) };
  });
  afterAll(async () => t.close());

  const newStudent = () => createStudent(t, { schoolId: w.school.id, classId: w.classA.id });
  const book = (studentId: string, from: string, to: string, extra: Record<string, unknown> = {}, headers = auth) =>
    t.http.post('/api/v1/appointments').set(headers).send({ studentId, startsAt: shanghai(MONDAY, from), endsAt: shanghai(MONDAY, to), ...extra });

  it('books a student into the counselor\'s availability: 201, Location, the window\'s room', async () => {
    const student = await newStudent();
    const res = await book(student.id, '09:00', '09:50');
    expect(res.status).toBe(201);
    expect(res.headers.location).toBe(`/api/v1/appointments/${res.body.id}`);
    expect(res.body).toMatchObject({
      studentId: student.id,
      counselorId: w.counselor.id,
      status: 'scheduled',
      startsAt: shanghai(MONDAY, '09:00'),
      endsAt: shanghai(MONDAY, '09:50'),
      mode: 'room',
      place: ROOM,
      request: null,
      allowedActions: ['cancel', 'reschedule', 'complete', 'mark_no_show'],
      version: 1,
    });
    const [audit] = await t.dataSource.query(`SELECT actor_id FROM audit_events WHERE action = 'appointment.book' AND entity_id = $1`, [res.body.id]);
    expect(audit.actor_id).toBe(w.counselor.id);
  });

  it('gives one slot to exactly one of 100 concurrent bookings: one 201, 99 409, one row', async () => {
    const students = await t.dataSource.query<{ id: string }[]>(
      `INSERT INTO students (school_id, class_id, student_number, name)
       SELECT $1, $2, 'RACE-' || n, '学生' || n FROM generate_series(1, 100) n RETURNING id`,
      [w.school.id, w.classA.id],
    );
    const answers = await Promise.all(students.map((s) => book(s.id, '10:00', '10:50')));
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(99);
    const losers = answers.filter((a) => a.status === 409);
    expect(losers.every((a) => a.body.code === 'appointment.overlap' && a.body.conflict === 'counselor')).toBe(true);
    expect(losers[0].body.conflictingSession).toEqual({ startsAt: shanghai(MONDAY, '10:00'), endsAt: shanghai(MONDAY, '10:50') });
    const rows = await t.dataSource.query(
      `SELECT id FROM appointments WHERE counselor_id = $1 AND starts_at = $2 AND status = 'scheduled'`,
      [w.counselor.id, shanghai(MONDAY, '10:00')],
    );
    expect(rows).toHaveLength(1);
  });

  it('refuses an overlapping session but accepts touching ones (ending at 11:00, starting at 11:00)', async () => {
    const [a, b, c] = await Promise.all([newStudent(), newStudent(), newStudent()]);
    expect((await book(a.id, '11:00', '11:30')).status).toBe(201);
    expect((await book(b.id, '11:30', '12:00')).status).toBe(201);
    const overlapping = await book(c.id, '11:15', '11:45');
    expect(overlapping.status).toBe(409);
    expect(overlapping.body).toMatchObject({ code: 'appointment.overlap', conflict: 'counselor' });
    // 10:50-11:00 ends exactly where the 11:00 session starts.
    expect((await book(c.id, '10:50', '11:00')).status).toBe(201);
  });

  it('never double-books a student, even with two counselors', async () => {
    const other = await createUser(t, { schoolId: w.school.id, role: 'counselor' });
    await giveWeekdayAvailability(t, other);
    const student = await newStudent();
    expect((await book(student.id, '14:00', '15:00')).status).toBe(201);
    const res = await book(student.id, '14:30', '15:30', {}, { authorization: await bearer(t, other) });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({
      code: 'appointment.overlap',
      conflict: 'student',
      conflictingSession: { startsAt: shanghai(MONDAY, '14:00'), endsAt: shanghai(MONDAY, '15:00') },
    });
  });

  it('gives one student\'s slot to one of 40 concurrent bookings by two counselors: no deadlock, one 201, 39 409', async () => {
    const counselors = await Promise.all([1, 2].map(() => createUser(t, { schoolId: w.school.id, role: 'counselor' })));
    for (const counselor of counselors) await giveWeekdayAvailability(t, counselor);
    const headers = await Promise.all(counselors.map(async (c) => ({ authorization: await bearer(t, c) })));
    // The locks prevent the deadlock; the retry of deadlocked transactions must not be what saves the answers.
    const warnings = jest.spyOn(Logger.prototype, 'warn');
    // Three rounds (a deadlock needs the unlucky interleaving; one round alone may miss it).
    for (const [from, to] of [['14:00', '14:50'], ['15:00', '15:50'], ['16:00', '16:50']]) {
      const student = await newStudent();
      const answers = await Promise.all(Array.from({ length: 40 }, (_, i) => book(student.id, from, to, {}, headers[i % 2])));
      const statuses = answers.map((a) => a.status);
      expect(statuses.filter((s) => s >= 500)).toEqual([]);
      expect(statuses.filter((s) => s === 201)).toHaveLength(1);
      expect(answers.filter((a) => a.status === 409 && a.body.code === 'appointment.overlap')).toHaveLength(39);
      const rows = await t.dataSource.query(`SELECT id FROM appointments WHERE student_id = $1 AND status = 'scheduled'`, [student.id]);
      expect(rows).toHaveLength(1);
    }
    const retried = warnings.mock.calls.filter(([line]) => (line as { msg?: string }).msg === 'Transaction retried');
    warnings.mockRestore();
    expect(retried).toEqual([]);
  });

  it('refuses a time outside availability with 409 naming the reason', async () => {
    const student = await newStudent();
    const lunch = await book(student.id, '12:30', '13:00');
    expect(lunch.status).toBe(409);
    expect(lunch.body).toMatchObject({ code: 'appointment.outside_availability', reason: 'outside_availability' });
    const overTheEdge = await book(student.id, '16:30', '17:30');
    expect(overTheEdge.body.code).toBe('appointment.outside_availability');
  });

  it('refuses leave, and books extra hours by phone, whose window has no room', async () => {
    const counselor = await createUser(t, { schoolId: w.school.id, role: 'counselor' });
    await giveWeekdayAvailability(t, counselor);
    const headers = { authorization: await bearer(t, counselor) };
    await t.dataSource.query(
      `INSERT INTO counselor_availability_exceptions (school_id, counselor_id, kind, starts_at, ends_at, mode, created_by)
       VALUES ($1, $2, 'leave', $3, $4, NULL, $2), ($1, $2, 'extra', $5, $6, 'phone', $2)`,
      [w.school.id, counselor.id, shanghai(MONDAY, '09:00'), shanghai(MONDAY, '12:00'), shanghai(MONDAY, '18:00'), shanghai(MONDAY, '20:00')],
    );
    const student = await newStudent();
    expect((await book(student.id, '09:00', '10:00', {}, headers)).body.code).toBe('appointment.outside_availability');
    const inPerson = await book(student.id, '18:00', '19:00', { mode: 'room' }, headers);
    expect(inPerson.status).toBe(409);
    expect(inPerson.body.code).toBe('appointment.mode_unavailable');
    const call = await book(student.id, '18:00', '19:00', {}, headers);
    expect(call.status).toBe(201);
    expect(call.body).toMatchObject({ mode: 'phone', place: null });
  });

  it('answers 400 to an end before (or at) the start, a session over 4 hours, and a time in the past', async () => {
    const student = await newStudent();
    const backwards = await book(student.id, '10:00', '09:00');
    expect(backwards.status).toBe(400);
    expect(backwards.body.errors).toEqual([{ field: 'endsAt', message: 'must be after startsAt' }]);
    expect((await book(student.id, '10:00', '10:00')).status).toBe(400);
    expect((await book(student.id, '09:00', '13:30')).status).toBe(400);
    const past = await t.http.post('/api/v1/appointments').set(auth).send({ studentId: student.id, startsAt: '2026-03-01T01:00:00Z', endsAt: '2026-03-01T02:00:00Z' });
    expect(past.status).toBe(400);
    expect(past.body.errors[0].field).toBe('startsAt');
  });

  it('answers 404 for a student of another school, like a missing one', async () => {
    const res = await book(w.otherStudent.id, '15:00', '15:30');
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('student.not_found');
  });

  it('moves a session: the old one points to the new one, which may overlap the old time', async () => {
    const student = await newStudent();
    const first = (await book(student.id, '15:00', '16:00')).body;
    const moved = await t.http
      .post(`/api/v1/appointments/${first.id}/reschedule`)
      .set(auth)
      .send({ startsAt: shanghai(MONDAY, '15:30'), endsAt: shanghai(MONDAY, '16:30'), version: 1 });
    expect(moved.status).toBe(201);
    expect(moved.headers.location).toBe(`/api/v1/appointments/${moved.body.id}`);
    expect(moved.body).toMatchObject({ status: 'scheduled', rescheduledFrom: first.id, startsAt: shanghai(MONDAY, '15:30') });
    const old = await t.http.get(`/api/v1/appointments/${first.id}`).set(auth);
    expect(old.body).toMatchObject({ status: 'rescheduled', rescheduledTo: moved.body.id, allowedActions: [] });
    const again = await t.http.post(`/api/v1/appointments/${first.id}/reschedule`).set(auth).send({ startsAt: shanghai(MONDAY, '16:00'), endsAt: shanghai(MONDAY, '16:30'), version: 3 });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'appointment.illegal_transition', allowed: [] });
  });

  it('answers 409 to a stale version and names the allowed actions for an illegal one', async () => {
    const student = await newStudent();
    const session = (await t.http.post('/api/v1/appointments').set(auth).send({ studentId: student.id, startsAt: shanghai(TUESDAY, '16:00'), endsAt: shanghai(TUESDAY, '16:30') })).body;
    const stale = await t.http.post(`/api/v1/appointments/${session.id}/cancel`).set(auth).send({ reason: '学生请假', version: 7 });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('appointment.version_conflict');
    const early = await t.http.post(`/api/v1/appointments/${session.id}/complete`).set(auth).send({ version: 1 });
    expect(early.status).toBe(409);
    expect(early.body.code).toBe('appointment.not_started');
    const cancelled = await t.http.post(`/api/v1/appointments/${session.id}/cancel`).set(auth).send({ reason: '学生请假', version: 1 });
    expect(cancelled.body).toMatchObject({ status: 'cancelled', cancellation: { by: w.counselor.id } });
    const confirm = await t.http.post(`/api/v1/appointments/${session.id}/confirm`).set(auth).send({ version: 2 });
    expect(confirm.status).toBe(409);
    expect(confirm.body).toMatchObject({ code: 'appointment.illegal_transition', allowed: [] });
  });

  it('links a session of a student with an open case to the case as a signal', async () => {
    const student = await newStudent();
    const [kase] = await t.dataSource.query<{ id: string }[]>(
      `INSERT INTO cases (school_id, student_id, risk_level, owner_id, source_type, opened_at, opened_by) VALUES ($1, $2, 'moderate', $3, 'manual', now(), $3) RETURNING id`,
      [w.school.id, student.id, w.counselor.id],
    );
    const session = (await t.http.post('/api/v1/appointments').set(auth).send({ studentId: student.id, startsAt: shanghai('2026-03-11', '09:00'), endsAt: shanghai('2026-03-11', '10:00') })).body;
    expect(session.caseId).toBe(kase.id);
    const signals = await t.dataSource.query(`SELECT case_id FROM case_signals WHERE source_type = 'appointment' AND source_id = $1`, [session.id]);
    expect(signals).toEqual([{ case_id: kase.id }]);
    const events = await t.dataSource.query(`SELECT kind FROM case_events WHERE case_id = $1`, [kase.id]);
    expect(events).toEqual([{ kind: 'signal_attached' }]);
  });

  it('holds holiday sessions by phone or video when the school asks for it', async () => {
    // Patching overlapsHoliday makes every day a holiday, so this tests the booking rule alone;
    // test/holidays/counseling-holidays.e2e-spec.ts tests it against a holiday of the term calendar.
    const holidays = t.app.get(SchoolHolidays);
    const unpatched = holidays.overlapsHoliday;
    holidays.overlapsHoliday = async () => true;
    try {
      const admin = { authorization: await bearer(t, w.admin) };
      const settings = await t.http.patch('/api/v1/counseling-settings').set(admin).send({ remoteOnlyDuringHolidays: true, version: 1 });
      expect(settings.body).toMatchObject({ remoteOnlyDuringHolidays: true, offerHoldHours: 24, timeZone: 'Asia/Shanghai', version: 2 });
      const student = await newStudent();
      const inRoom = await t.http.post('/api/v1/appointments').set(auth).send({ studentId: student.id, startsAt: shanghai('2026-03-12', '09:00'), endsAt: shanghai('2026-03-12', '10:00') });
      expect(inRoom.status).toBe(409);
      expect(inRoom.body.code).toBe('appointment.remote_only_during_holidays');
      const byVideo = await t.http
        .post('/api/v1/appointments')
        .set(auth)
        .send({ studentId: student.id, startsAt: shanghai('2026-03-12', '09:00'), endsAt: shanghai('2026-03-12', '10:00'), mode: 'video' });
      expect(byVideo.status).toBe(201);
      await t.http.patch('/api/v1/counseling-settings').set(admin).set('if-match', '"2"').send({ remoteOnlyDuringHolidays: false });
    } finally {
      holidays.overlapsHoliday = unpatched;
    }
  });
});
