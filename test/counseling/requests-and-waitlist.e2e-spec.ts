import { randomUUID } from 'node:crypto';
import { ManualClock } from '#core';
import { OfferExpiryJob } from '#counseling';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { bearer, createStudent, createUser } from '../support/factories.js';
import { giveWeekdayAvailability, MONDAY, shanghai, SUNDAY_EVENING, TUESDAY, waitlistWorld, type WaitlistWorld } from './counseling-support.js';

describe('requests from class teachers, and the waitlist', () => {
  const clock = new ManualClock(new Date(SUNDAY_EVENING));
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ clock });
  });
  afterAll(async () => t.close());
  afterEach(() => clock.set(SUNDAY_EVENING));

  const world = () => waitlistWorld(t);
  type World = WaitlistWorld;
  /** Tokens are minted at the clock's now: after moving the clock, a fresh one is needed. */
  const auth = async (user: { id: string }) => ({ authorization: await bearer(t, user) });

  /** Requests a second apart, so the waitlist's order (by request time) is the order asked. */
  const ask = async (w: World, studentId: string, extra: Record<string, unknown> = {}) => {
    clock.advance(1000);
    return t.http
      .post('/api/v1/appointment-requests')
      .set(await auth(w.teacher))
      .send({ studentId, preferredFrom: shanghai(MONDAY, '08:00'), preferredTo: shanghai('2026-03-13', '18:00'), reasonCategory: 'academic_pressure', ...extra });
  };
  const book = async (w: World, studentId: string, day: string, from: string, to: string) =>
    t.http.post('/api/v1/appointments').set(await auth(w.counselor)).send({ studentId, startsAt: shanghai(day, from), endsAt: shanghai(day, to) });
  const notificationsOf = (userId: string, kind: string) =>
    t.dataSource.query(`SELECT entity_id FROM notifications WHERE recipient_id = $1 AND kind = $2`, [userId, kind]);

  it('turns a teacher\'s request into a completed session, the teacher seeing only status and time', async () => {
    const w = await world();
    const requested = await ask(w, w.studentA.id);
    expect(requested.status).toBe(201);
    expect(requested.headers.location).toBe(`/api/v1/appointments/${requested.body.id}`);
    const id = requested.body.id;
    expect(requested.body).toEqual({
      id,
      studentId: w.studentA.id,
      studentName: expect.any(String),
      status: 'waiting',
      startsAt: null,
      endsAt: null,
      reasonCategory: 'academic_pressure',
      preferredFrom: shanghai(MONDAY, '08:00'),
      preferredTo: shanghai('2026-03-13', '18:00'),
      rescheduledTo: null,
      createdAt: expect.any(String),
      version: 1,
    });
    expect(await notificationsOf(w.counselor.id, 'appointment.requested')).toEqual([{ entity_id: id }]);

    const waiting = await t.http.get('/api/v1/appointments').query({ status: 'requested' }).set(await auth(w.counselor));
    expect(waiting.body.items.map((a: { id: string }) => a.id)).toEqual([id]);

    const confirmed = await t.http
      .post(`/api/v1/appointments/${id}/confirm`)
      .set(await auth(w.counselor))
      .send({ startsAt: shanghai(MONDAY, '14:00'), endsAt: shanghai(MONDAY, '14:50'), version: 1 });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body).toMatchObject({
      status: 'scheduled',
      counselorId: w.counselor.id,
      request: { requestedBy: w.teacher.id, reasonCategory: 'academic_pressure' },
      version: 2,
    });
    expect(await notificationsOf(w.teacher.id, 'appointment.scheduled')).toEqual([{ entity_id: id }]);

    const teacherSees = await t.http.get(`/api/v1/appointments/${id}`).set(await auth(w.teacher));
    expect(teacherSees.body).toMatchObject({ status: 'scheduled', startsAt: shanghai(MONDAY, '14:00'), endsAt: shanghai(MONDAY, '14:50') });
    expect(Object.keys(teacherSees.body).sort()).toEqual(
      ['createdAt', 'endsAt', 'id', 'preferredFrom', 'preferredTo', 'reasonCategory', 'rescheduledTo', 'startsAt', 'status', 'studentId', 'studentName', 'version'].sort(),
    );

    clock.set(shanghai(MONDAY, '14:55'));
    const completed = await t.http.post(`/api/v1/appointments/${id}/complete`).set(await auth(w.counselor)).send({ version: 2 });
    expect(completed.body).toMatchObject({ status: 'completed', outcomeRecordedAt: shanghai(MONDAY, '14:55') });
    expect((await t.http.get(`/api/v1/appointments/${id}`).set(await auth(w.teacher))).body.status).toBe('completed');
    const teacherList = await t.http.get('/api/v1/appointments').set(await auth(w.teacher));
    expect(teacherList.body.items).toEqual([expect.objectContaining({ id, status: 'completed' })]);
  });

  it('answers 404 to a teacher asking for a student of another class, like a missing student', async () => {
    const w = await world();
    const other = await ask(w, w.studentB.id);
    const missing = await ask(w, randomUUID());
    expect(other.status).toBe(404);
    expect(other.body).toEqual(missing.body);
    expect((await ask(w, w.otherStudent.id)).status).toBe(404);
  });

  it('keeps a teacher\'s requests from other teachers, and the decline reason from the teacher', async () => {
    const w = await world();
    const id = (await ask(w, w.studentA.id)).body.id;
    expect((await t.http.get(`/api/v1/appointments/${id}`).set(await auth(w.teacher2))).status).toBe(404);
    expect((await t.http.get('/api/v1/appointments').set(await auth(w.teacher2))).body.items).toEqual([]);

    const declined = await t.http.post(`/api/v1/appointments/${id}/decline`).set(await auth(w.counselor)).send({ reason: '已转介校外机构，无需校内咨询', version: 1 });
    expect(declined.body.status).toBe('declined');
    const counselorSees = await t.http.get(`/api/v1/appointments/${id}`).set(await auth(w.counselor));
    expect(counselorSees.body.cancellation).toEqual({ by: w.counselor.id, at: clock.now().toISOString(), reason: '已转介校外机构，无需校内咨询' });
    const teacherSees = await t.http.get(`/api/v1/appointments/${id}`).set(await auth(w.teacher));
    expect(teacherSees.body.status).toBe('declined');
    expect(JSON.stringify(teacherSees.body)).not.toContain('转介');
    const [stored] = await t.dataSource.query('SELECT cancellation_reason FROM appointments WHERE id = $1', [id]);
    expect(stored.cancellation_reason).toMatch(/^v1\./);
  });

  it('lets the teacher who asked withdraw a waiting request', async () => {
    const w = await world();
    const id = (await ask(w, w.studentA.id)).body.id;
    const withdrawn = await t.http.post(`/api/v1/appointments/${id}/withdraw`).set(await auth(w.teacher)).send({ version: 1 });
    expect(withdrawn.body).toMatchObject({ status: 'cancelled' });
    expect((await t.http.post(`/api/v1/appointments/${id}/withdraw`).set(await auth(w.teacher)).send({ version: 2 })).status).toBe(409);
  });

  it('offers a cancelled slot to the first waiting request, held until the counselor confirms it', async () => {
    const w = await world();
    const [first, second] = [(await ask(w, w.studentA.id)).body.id, (await ask(w, (await createStudent(t, { schoolId: w.school.id, classId: w.classA.id })).id)).body.id];
    const booked = (await book(w, (await createStudent(t, { schoolId: w.school.id, classId: w.classB.id })).id, TUESDAY, '09:00', '10:00')).body;

    const cancelled = await t.http.post(`/api/v1/appointments/${booked.id}/cancel`).set(await auth(w.counselor)).send({ reason: '学生家长要求取消', version: 1 });
    expect(cancelled.status).toBe(200);
    const offered = (await t.http.get(`/api/v1/appointments/${first}`).set(await auth(w.counselor))).body;
    expect(offered).toMatchObject({
      status: 'offered',
      counselorId: w.counselor.id,
      startsAt: shanghai(TUESDAY, '09:00'),
      endsAt: shanghai(TUESDAY, '10:00'),
      // Held for 24 hours from the cancellation.
      offerExpiresAt: new Date(clock.now().getTime() + 24 * 3_600_000).toISOString(),
      allowedActions: ['release_offer', 'confirm', 'decline', 'withdraw'],
    });
    expect((await t.http.get(`/api/v1/appointments/${second}`).set(await auth(w.counselor))).body.status).toBe('requested');
    expect(await notificationsOf(w.counselor.id, 'appointment.offered')).toEqual([{ entity_id: first }]);
    // The teacher sees the request still waiting: the hold is the counselor's to confirm.
    expect((await t.http.get(`/api/v1/appointments/${first}`).set(await auth(w.teacher))).body).toMatchObject({ status: 'waiting', startsAt: null });

    // The held slot is taken: nobody else can book it meanwhile.
    const taken = await book(w, w.studentB.id, TUESDAY, '09:30', '10:00');
    expect(taken.body).toMatchObject({ code: 'appointment.overlap', conflict: 'counselor' });

    const confirmed = await t.http.post(`/api/v1/appointments/${first}/confirm`).set(await auth(w.counselor)).send({ version: offered.version });
    expect(confirmed.body).toMatchObject({ status: 'scheduled', startsAt: shanghai(TUESDAY, '09:00'), offerExpiresAt: null });
  });

  it('releases a hold nobody confirmed in time, and passes a released hold to the next in line', async () => {
    const w = await world();
    const first = (await ask(w, w.studentA.id)).body.id;
    const second = (await ask(w, (await createStudent(t, { schoolId: w.school.id, classId: w.classA.id })).id)).body.id;
    const booked = (await book(w, w.studentB.id, TUESDAY, '14:00', '15:00')).body;
    await t.http.post(`/api/v1/appointments/${booked.id}/cancel`).set(await auth(w.counselor)).send({ reason: '咨询师临时外出培训', version: 1 });
    const held = (await t.http.get(`/api/v1/appointments/${first}`).set(await auth(w.counselor))).body;
    expect(held.status).toBe('offered');

    // The counselor passes: the slot goes to the second request, the first waits again.
    const released = await t.http.post(`/api/v1/appointments/${first}/release-offer`).set(await auth(w.counselor)).send({ version: held.version });
    expect(released.body).toMatchObject({ status: 'requested', counselorId: null, startsAt: null });
    const next = (await t.http.get(`/api/v1/appointments/${second}`).set(await auth(w.counselor))).body;
    expect(next).toMatchObject({ status: 'offered', startsAt: shanghai(TUESDAY, '14:00') });

    // Nobody confirms within the hold: the job sends it back to waiting and the slot is free again.
    clock.advance(24 * 3_600_000);
    await t.app.get(OfferExpiryJob).tick();
    expect((await t.http.get(`/api/v1/appointments/${second}`).set(await auth(w.counselor))).body).toMatchObject({ status: 'requested', startsAt: null, offerExpiresAt: null });
    const calendar = await t.http
      .get(`/api/v1/counselors/${w.counselor.id}/calendar`)
      .query({ from: shanghai(TUESDAY, '14:00'), to: shanghai(TUESDAY, '15:00') })
      .set(await auth(w.counselor));
    expect(calendar.body.booked).toEqual([]);
    expect(calendar.body.free).toEqual([expect.objectContaining({ startsAt: shanghai(TUESDAY, '14:00'), endsAt: shanghai(TUESDAY, '15:00') })]);
    const [expired] = await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'appointment.offer_expire' AND entity_id = $1`, [second]);
    expect(expired.n).toBe(1);
  });

  it('skips a waiting student who is busy at the freed time, and offers nothing for a slot already begun', async () => {
    const w = await world();
    const counselor2 = await createUser(t, { schoolId: w.school.id, role: 'counselor' });
    await giveWeekdayAvailability(t, counselor2);
    const busy = await createStudent(t, { schoolId: w.school.id, classId: w.classA.id });
    const busyRequest = (await ask(w, busy.id)).body.id;
    const freeRequest = (await ask(w, w.studentA.id)).body.id;
    await t.http.post('/api/v1/appointments').set(await auth(counselor2)).send({ studentId: busy.id, startsAt: shanghai(TUESDAY, '11:00'), endsAt: shanghai(TUESDAY, '12:00') });

    const slot = (await book(w, w.studentB.id, TUESDAY, '11:00', '12:00')).body;
    await t.http.post(`/api/v1/appointments/${slot.id}/cancel`).set(await auth(w.counselor)).send({ reason: 'moved to another week', version: 1 });
    expect((await t.http.get(`/api/v1/appointments/${busyRequest}`).set(await auth(w.counselor))).body.status).toBe('requested');
    expect((await t.http.get(`/api/v1/appointments/${freeRequest}`).set(await auth(w.counselor))).body.status).toBe('offered');

    const begun = (await book(w, w.studentB.id, TUESDAY, '14:00', '15:00')).body;
    clock.set(shanghai(TUESDAY, '14:10'));
    await t.http.post(`/api/v1/appointments/${begun.id}/cancel`).set(await auth(w.counselor)).send({ reason: 'student left early', version: 1 });
    expect((await t.http.get(`/api/v1/appointments/${busyRequest}`).set(await auth(w.counselor))).body.status).toBe('requested');
  });
});
