import { ManualClock } from '#core';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { bearer, createSchoolWorld, createStudent, createUser } from '../support/factories.js';
import { giveWeekdayAvailability, MONDAY, shanghai, SUNDAY_EVENING, TUESDAY } from './counseling-support.js';

describe("listing a day's appointments (startsFrom / startsBefore)", () => {
  const clock = new ManualClock(new Date(SUNDAY_EVENING));
  let t: TestApp;
  let w: Awaited<ReturnType<typeof createSchoolWorld>>;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestApp({ clock });
    w = await createSchoolWorld(t);
    const colleague = await createUser(t, { schoolId: w.school.id, role: 'counselor' });
    await giveWeekdayAvailability(t, w.counselor);
    await giveWeekdayAvailability(t, colleague);
    const book = async (name: string, counselor: { id: string }, day: string, from: string, to: string) => {
      const student = await createStudent(t, { schoolId: w.school.id, classId: w.classA.id });
      const res = await t.http
        .post('/api/v1/appointments')
        .set({ authorization: await bearer(t, counselor) })
        .send({ studentId: student.id, startsAt: shanghai(day, from), endsAt: shanghai(day, to) });
      expect(res.status).toBe(201);
      ids[name] = res.body.id;
    };
    await book('mondayMorning', w.counselor, MONDAY, '09:00', '09:50');
    await book('mondayAfternoon', w.counselor, MONDAY, '16:00', '16:50');
    await book('tuesday', w.counselor, TUESDAY, '09:00', '09:50');
    await book('colleaguesMonday', colleague, MONDAY, '10:00', '10:50');
    // A request without a time, waiting for any counselor: never part of a day's range.
    const requested = await t.http
      .post('/api/v1/appointment-requests')
      .set({ authorization: await bearer(t, w.teacher) })
      .send({ studentId: w.studentA.id, reasonCategory: 'emotional_wellbeing', preferredFrom: shanghai(MONDAY, '09:00'), preferredTo: shanghai(TUESDAY, '17:00') });
    expect(requested.status).toBe(201);
    ids.request = requested.body.id;
  });
  afterAll(async () => t.close());

  const list = async (query: Record<string, string>) => t.http.get('/api/v1/appointments').query(query).set({ authorization: await bearer(t, w.counselor) });
  const names = (items: { id: string }[]) => items.map((item) => Object.keys(ids).find((name) => ids[name] === item.id)).sort();

  it("answers only the caller's sessions starting within the range: Monday in Shanghai, from 00:00 to the next 00:00", async () => {
    const res = await list({ startsFrom: shanghai(MONDAY, '00:00'), startsBefore: shanghai(TUESDAY, '00:00') });
    expect(res.status).toBe(200);
    expect(names(res.body.items)).toEqual(['mondayAfternoon', 'mondayMorning']);
  });

  it('takes the start as inclusive and the end as exclusive, and each bound alone', async () => {
    expect(names((await list({ startsFrom: shanghai(MONDAY, '16:00') })).body.items)).toEqual(['mondayAfternoon', 'tuesday']);
    expect(names((await list({ startsBefore: shanghai(MONDAY, '16:00') })).body.items)).toEqual(['mondayMorning']);
    // Without a range the waiting request is there too, as before.
    expect(names((await list({})).body.items)).toContain('request');
  });

  it('refuses a bound that is not an ISO 8601 instant', async () => {
    const res = await list({ startsFrom: 'monday' });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([expect.objectContaining({ field: 'startsFrom' })]);
  });
});
