import { ManualClock } from '#core';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { bearer, createSchoolWorld, createStudent } from '../support/factories.js';
import { giveWeekdayAvailability, MONDAY, shanghai, SUNDAY_EVENING, TUESDAY } from '../counseling/counseling-support.js';

describe('counseling follows the term calendar', () => {
  const clock = new ManualClock(new Date(SUNDAY_EVENING));
  let t: TestApp;
  let w: Awaited<ReturnType<typeof createSchoolWorld>>;

  beforeAll(async () => {
    t = await createTestApp({ clock });
    w = await createSchoolWorld(t);
    await giveWeekdayAvailability(t, w.counselor);
  });
  afterAll(async () => t.close());

  it('holds sessions on a holiday of the calendar by phone or video when the school asks for it', async () => {
    const admin = { authorization: await bearer(t, w.admin) };
    const counselor = { authorization: await bearer(t, w.counselor) };
    await t.http.post('/api/v1/calendar/holidays').set(admin).send({ kind: 'other', name: '校庆', startsOn: TUESDAY, endsOn: TUESDAY });
    await t.http.patch('/api/v1/counseling-settings').set(admin).send({ remoteOnlyDuringHolidays: true, version: 1 });
    const student = await createStudent(t, { schoolId: w.school.id, classId: w.classA.id });
    const book = (day: string, extra: Record<string, unknown> = {}) =>
      t.http.post('/api/v1/appointments').set(counselor).send({ studentId: student.id, startsAt: shanghai(day, '09:00'), endsAt: shanghai(day, '10:00'), ...extra });

    const inRoom = await book(TUESDAY);
    expect(inRoom.status).toBe(409);
    expect(inRoom.body.code).toBe('appointment.remote_only_during_holidays');
    expect((await book(TUESDAY, { mode: 'video' })).status).toBe(201);
    // The day before the holiday is a school day.
    expect((await book(MONDAY)).body.mode).toBe('room');
  });
});
