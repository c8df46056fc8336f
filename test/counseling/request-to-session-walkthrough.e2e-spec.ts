import { ManualClock } from '#core';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { demoSchool } from '../walkthroughs/demo.js';

/** Rounded down to the minute, as the README's `date -u +%FT%H:%M:00Z` does. */
const minuteAt = (at: Date, plusMinutes = 0) => new Date(Math.floor(at.getTime() / 60_000) * 60_000 + plusMinutes * 60_000).toISOString();

/**
 * The README's walkthrough "From a teacher's request to a completed session", step by step,
 * with the demo accounts: if this fails, the README is no longer true.
 */
describe('README walkthrough: from a teacher\'s request to a completed session', () => {
  const clock = new ManualClock(new Date());
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ clock });
  });
  afterAll(async () => t.close());

  it('runs end to end with the demo accounts', async () => {
    const as = await demoSchool(t);

    // 1. The class teacher looks at when 李老师 is free; booked time shows no names.
    const counselors = await t.http.get('/api/v1/counselors').set(as.teacher);
    const counselor = counselors.body.items.find((c: { displayName: string }) => c.displayName.startsWith('李老师'));
    const now = clock.now();
    const week = { from: now.toISOString(), to: new Date(now.getTime() + 7 * 86_400_000).toISOString() };
    const calendar = await t.http.get(`/api/v1/counselors/${counselor.id}/calendar`).query(week).set(as.teacher);
    expect(calendar.body.free.length).toBeGreaterThan(0); // the demo seed gives weekday hours
    expect(calendar.body.free[0]).toMatchObject({ mode: 'room', place: '心理咨询室 201' });

    // 2. ... and asks for a session for a student of the class: a category, never what was observed.
    const student = (await t.http.get('/api/v1/students').query({ limit: 1 }).set(as.teacher)).body.items[0];
    const request = await t.http
      .post('/api/v1/appointment-requests')
      .set(as.teacher)
      .send({ studentId: student.id, preferredFrom: week.from, preferredTo: week.to, reasonCategory: 'emotional_wellbeing', counselorId: counselor.id });
    expect(request.status).toBe(201);
    expect(request.body.status).toBe('waiting');
    const id = request.body.id;

    // 3. The counselor adds extra hours from now (so the walkthrough finishes today) and confirms
    //    the waiting request into a slot starting within the minute.
    const extra = await t.http
      .post(`/api/v1/counselors/${counselor.id}/availability-exceptions`)
      .set(as.counselor)
      .send({ kind: 'extra', startsAt: minuteAt(now), endsAt: minuteAt(now, 120), mode: 'room', place: '心理咨询室 201' });
    expect(extra.status).toBe(201);
    const waiting = await t.http.get('/api/v1/appointments').query({ status: 'requested' }).set(as.counselor);
    expect(waiting.body.items.map((a: { id: string }) => a.id)).toContain(id);
    const confirmed = await t.http
      .post(`/api/v1/appointments/${id}/confirm`)
      .set(as.counselor)
      .send({ startsAt: minuteAt(now, 1), endsAt: minuteAt(now, 31), version: 1 });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body).toMatchObject({ status: 'scheduled', place: '心理咨询室 201' });

    // 4. The teacher sees the outcome: status and time, nothing else.
    const outcome = await t.http.get(`/api/v1/appointments/${id}`).set(as.teacher);
    expect(outcome.body).toMatchObject({ status: 'scheduled', startsAt: minuteAt(now, 1), endsAt: minuteAt(now, 31) });

    // 5. Once it has begun, the counselor writes a note and records the session as completed.
    clock.advance(60_000);
    const note = await t.http.post(`/api/v1/appointments/${id}/notes`).set(as.counselor).send({ body: '学生谈到学习压力与睡眠问题，约定两周后复谈。' });
    expect(note.status).toBe(201);
    const completed = await t.http.post(`/api/v1/appointments/${id}/complete`).set(as.counselor).send({ version: 2 });
    expect(completed.body.status).toBe('completed');
    expect((await t.http.get(`/api/v1/appointments/${id}`).set(as.teacher)).body.status).toBe('completed');
    const teacherReadsNote = await t.http.get(`/api/v1/appointments/${id}/notes`).set(as.teacher);
    expect(teacherReadsNote.body.code).toBe('appointment.not_found');
  });
});
