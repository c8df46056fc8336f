import { ManualClock } from '#core';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { bearer, createSchoolWorld, createUser } from '../support/factories.js';

describe('holiday duty roster', () => {
  const clock = new ManualClock(new Date('2027-01-10T04:00:00Z'));
  let t: TestApp;
  let w: Awaited<ReturnType<typeof createSchoolWorld>>;
  let admin: { authorization: string };
  let holidayId: string;

  beforeAll(async () => {
    t = await createTestApp({ clock });
    w = await createSchoolWorld(t);
    admin = { authorization: await bearer(t, w.admin) };
    holidayId = (await t.http.post('/api/v1/calendar/holidays').set(admin).send({ kind: 'other', name: '元旦', startsOn: '2027-01-30', endsOn: '2027-02-01' })).body.id;
  });
  afterAll(async () => t.close());

  const as = async (user: { id: string }) => ({ authorization: await bearer(t, user) });
  const shift = (values: Record<string, unknown>) =>
    t.http.post('/api/v1/duty-roster').set(admin).send({ dutyDate: '2027-01-30', shift: 'day', officerId: w.duty.id, phone: '138-0000-0000', ...values });

  it('plans a shift at the school-zone hours, with encrypted handover notes', async () => {
    const res = await shift({ handoverNotes: '302班学生张某需关注' });
    expect(res.status).toBe(201);
    expect(res.headers.location).toBe(`/api/v1/duty-roster/${res.body.id}`);
    expect(res.body).toMatchObject({
      dutyDate: '2027-01-30',
      shift: 'day',
      officerId: w.duty.id,
      startsAt: '2027-01-30T00:00:00.000Z',
      endsAt: '2027-01-30T12:00:00.000Z',
      handoverNotes: '302班学生张某需关注',
      lastConfirmedReachableAt: null,
      version: 1,
    });
    const [stored] = await t.dataSource.query('SELECT handover_notes FROM duty_shifts WHERE id = $1', [res.body.id]);
    expect(stored.handover_notes).not.toContain('张某');
    const night = await shift({ shift: 'night' });
    expect(night.body).toMatchObject({ startsAt: '2027-01-30T12:00:00.000Z', endsAt: '2027-01-31T00:00:00.000Z' });
    // A class teacher sees who to call, not the notes.
    const seen = await t.http.get(`/api/v1/duty-roster/${res.body.id}`).set(await as(w.teacher));
    expect(seen.body).toMatchObject({ phone: '138-0000-0000', handoverNotes: null });
  });

  it('refuses a second officer for the same shift (409), a class teacher as officer (400), non-admins (403)', async () => {
    expect((await shift({})).body.code).toBe('duty_shift.taken');
    const teacherAsOfficer = await shift({ dutyDate: '2027-01-31', officerId: w.teacher.id });
    expect(teacherAsOfficer.status).toBe(400);
    expect(teacherAsOfficer.body.errors[0].field).toBe('officerId');
    expect((await shift({ dutyDate: '2027-01-31', officerId: w.otherCounselor.id })).status).toBe(400);
    const byCounselor = await t.http.post('/api/v1/duty-roster').set(await as(w.counselor)).send({ dutyDate: '2027-01-31', shift: 'day', officerId: w.duty.id, phone: '1' });
    expect(byCounselor.status).toBe(403);
  });

  it('lists the holiday days and shifts nobody covers, and the officers nothing reaches', async () => {
    const gaps = await t.http.get('/api/v1/duty-roster/gaps').query({ holidayId }).set(admin);
    const unfilled = (date: string, shift: string) => ({ kind: 'unfilled_shift', date, shift, shiftId: null, officerId: null, officerName: null, confirmBy: null });
    const [first] = (await t.http.get('/api/v1/duty-roster').query({ from: '2027-01-30', to: '2027-01-30' }).set(admin)).body.items;
    expect(gaps.body.items).toEqual([
      // No email or SMS is set up here, so no channel reaches the officer: a gap at once (test/holidays/reachability.e2e-spec.ts has the rest).
      { kind: 'unreachable_officer', date: '2027-01-30', shift: 'day', shiftId: first.id, officerId: w.duty.id, officerName: first.officerName, confirmBy: '2027-01-29T00:00:00.000Z' },
      unfilled('2027-01-31', 'day'),
      unfilled('2027-01-31', 'night'),
      unfilled('2027-02-01', 'day'),
      unfilled('2027-02-01', 'night'),
    ]);
    const foreign = await t.http.get('/api/v1/duty-roster/gaps').query({ holidayId }).set(await as(w.otherAdmin));
    expect(foreign.status).toBe(404);
  });

  it('reassigns a shift at the expected version, and lists an officer\'s own shifts', async () => {
    const officer = await createUser(t, { schoolId: w.school.id, role: 'duty_officer' });
    const created = (await shift({ dutyDate: '2027-01-31', officerId: officer.id })).body;
    const moved = await t.http.patch(`/api/v1/duty-roster/${created.id}`).set(admin).set('if-match', '"1"').send({ officerId: w.duty.id, handoverNotes: '交接' });
    expect(moved.body).toMatchObject({ officerId: w.duty.id, handoverNotes: '交接', version: 2 });
    expect((await t.http.patch(`/api/v1/duty-roster/${created.id}`).set(admin).send({ phone: '110', version: 1 })).status).toBe(409);
    const toTeacher = await t.http.patch(`/api/v1/duty-roster/${created.id}`).set(admin).send({ officerId: w.teacher.id, version: 2 });
    expect(toTeacher.status).toBe(400);
    const mine = await t.http.get('/api/v1/duty-roster').query({ from: '2027-01-30', to: '2027-02-01', mine: true }).set(await as(w.duty));
    expect(mine.body.items.map((s: { dutyDate: string; shift: string }) => `${s.dutyDate} ${s.shift}`)).toEqual(['2027-01-30 day', '2027-01-30 night', '2027-01-31 day']);
    expect((await t.http.get('/api/v1/duty-roster').query({ from: '2027-02-01', to: '2027-01-30' }).set(admin)).status).toBe(400);
  });

  it('lets the officer, and only them, confirm they are reachable', async () => {
    const [own] = (await t.http.get('/api/v1/duty-roster').query({ from: '2027-01-30', to: '2027-01-30' }).set(admin)).body.items;
    const confirmed = await t.http.post(`/api/v1/duty-roster/${own.id}/confirm-reachable`).set(await as(w.duty));
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.lastConfirmedReachableAt).toBe(clock.now().toISOString());
    expect((await t.http.post(`/api/v1/duty-roster/${own.id}/confirm-reachable`).set(await as(w.counselor))).status).toBe(404);
  });
});
