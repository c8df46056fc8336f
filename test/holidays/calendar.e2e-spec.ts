import { ManualClock } from '#core';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { bearer, createSchoolWorld } from '../support/factories.js';

describe('term calendars and key windows', () => {
  const clock = new ManualClock(new Date('2027-01-20T04:00:00Z'));
  let t: TestApp;
  let w: Awaited<ReturnType<typeof createSchoolWorld>>;
  let admin: { authorization: string };

  beforeAll(async () => {
    t = await createTestApp({ clock });
    w = await createSchoolWorld(t);
    admin = { authorization: await bearer(t, w.admin) };
  });
  afterAll(async () => t.close());

  const as = async (user: { id: string }) => ({ authorization: await bearer(t, user) });
  const winter = { kind: 'winter', name: '2027寒假', startsOn: '2027-01-16', endsOn: '2027-02-20' };

  it('lets an administrator create a holiday: 201, Location, audited; all staff read it', async () => {
    const res = await t.http.post('/api/v1/calendar/holidays').set(admin).send(winter);
    expect(res.status).toBe(201);
    expect(res.headers.location).toBe(`/api/v1/calendar/holidays/${res.body.id}`);
    expect(res.body).toMatchObject({ ...winter, version: 1 });
    const [audit] = await t.dataSource.query(`SELECT actor_id FROM audit_events WHERE action = 'holiday.create' AND entity_id = $1`, [res.body.id]);
    expect(audit.actor_id).toBe(w.admin.id);

    const list = await t.http.get('/api/v1/calendar/holidays').set(await as(w.teacher));
    expect(list.body).toEqual({ items: [expect.objectContaining({ id: res.body.id, startsOn: '2027-01-16' })], nextCursor: null });
    expect((await t.http.post('/api/v1/calendar/holidays').set(await as(w.counselor)).send(winter)).status).toBe(403);
  });

  it('refuses overlapping holidays (409), an end before the start and unknown fields (400)', async () => {
    const overlap = await t.http.post('/api/v1/calendar/holidays').set(admin).send({ ...winter, name: '重叠', startsOn: '2027-02-20', endsOn: '2027-02-25' });
    expect(overlap.status).toBe(409);
    expect(overlap.body.code).toBe('holiday.overlap');
    const inverted = await t.http.post('/api/v1/calendar/holidays').set(admin).send({ ...winter, startsOn: '2027-08-10', endsOn: '2027-08-01' });
    expect(inverted.status).toBe(400);
    expect(inverted.body.errors).toEqual([{ field: 'endsOn', message: 'must not be before startsOn' }]);
    expect((await t.http.post('/api/v1/calendar/holidays').set(admin).send({ ...winter, startsOn: '2027-02-30' })).status).toBe(400);
    expect((await t.http.post('/api/v1/calendar/holidays').set(admin).send({ ...winter, schoolId: w.otherSchool.id })).status).toBe(400);
    // Another school may hold the same dates.
    expect((await t.http.post('/api/v1/calendar/holidays').set(await as(w.otherAdmin)).send(winter)).status).toBe(201);
  });

  it('updates at the expected version only; another school\'s holiday answers 404', async () => {
    const created = (await t.http.post('/api/v1/calendar/holidays').set(admin).send({ kind: 'other', name: '国庆', startsOn: '2027-10-01', endsOn: '2027-10-07' })).body;
    const moved = await t.http.patch(`/api/v1/calendar/holidays/${created.id}`).set(admin).set('if-match', '"1"').send({ endsOn: '2027-10-08' });
    expect(moved.body).toMatchObject({ endsOn: '2027-10-08', version: 2 });
    const stale = await t.http.patch(`/api/v1/calendar/holidays/${created.id}`).set(admin).send({ name: '旧', version: 1 });
    expect(stale.status).toBe(409);
    const inverted = await t.http.patch(`/api/v1/calendar/holidays/${created.id}`).set(admin).send({ startsOn: '2027-10-09', version: 2 });
    expect(inverted.status).toBe(400);
    const foreign = await as(w.otherAdmin);
    expect((await t.http.get(`/api/v1/calendar/holidays/${created.id}`).set(foreign)).status).toBe(404);
    expect((await t.http.patch(`/api/v1/calendar/holidays/${created.id}`).set(foreign).send({ name: 'x', version: 2 })).status).toBe(404);
  });

  it('keeps terms the same way', async () => {
    const term = await t.http.post('/api/v1/calendar/terms').set(admin).send({ name: '第一学期', startsOn: '2026-09-01', endsOn: '2027-01-15' });
    expect(term.status).toBe(201);
    expect(term.headers.location).toBe(`/api/v1/calendar/terms/${term.body.id}`);
    const overlap = await t.http.post('/api/v1/calendar/terms').set(admin).send({ name: '重叠', startsOn: '2027-01-15', endsOn: '2027-06-30' });
    expect(overlap.body.code).toBe('term.overlap');
  });

  it('answers the windows active now, at the Shanghai midnight that starts the holiday', async () => {
    const teacher = await as(w.teacher);
    const now = await t.http.get('/api/v1/calendar/windows').set(teacher);
    expect(now.body.items.map((x: { kind: string }) => x.kind)).toEqual(['holiday']);
    // 2027-01-16 00:00 in Shanghai is 2027-01-15T16:00Z.
    const before = await t.http.get('/api/v1/calendar/windows').query({ at: '2027-01-15T15:59:59.999Z' }).set(teacher);
    expect(before.body.items).toEqual([
      expect.objectContaining({ kind: 'pre_holiday', firstDay: '2027-01-02', lastDay: '2027-01-15', from: '2027-01-01T16:00:00.000Z', to: '2027-01-15T16:00:00.000Z' }),
    ]);
    const at = await t.http.get('/api/v1/calendar/windows').query({ at: '2027-01-15T16:00:00.000Z' }).set(teacher);
    expect(at.body.items.map((x: { kind: string }) => x.kind)).toEqual(['holiday']);
    const lastDay = await t.http.get('/api/v1/calendar/windows').query({ at: '2027-02-20T15:00:00+00:00' }).set(teacher);
    expect(lastDay.body.items.map((x: { kind: string }) => x.kind)).toEqual(['holiday', 'pre_return']);
    const restart = await t.http.get('/api/v1/calendar/windows').query({ at: '2027-02-20T16:00:00Z' }).set(teacher);
    expect(restart.body.items.map((x: { kind: string }) => x.kind)).toEqual(['post_return']);
  });

  it('lists the windows of a range, with the school\'s own lengths', async () => {
    const settings = await t.http.patch('/api/v1/calendar/window-settings').set(admin).send({ preHolidayDays: 0, postReturnDays: 3, version: 1 });
    expect(settings.body).toEqual({ preHolidayDays: 0, preReturnDays: 7, postReturnDays: 3, version: 2 });
    expect((await t.http.patch('/api/v1/calendar/window-settings').set(admin).send({ preReturnDays: 91, version: 2 })).status).toBe(400);
    expect((await t.http.patch('/api/v1/calendar/window-settings').set(admin).send({ preReturnDays: 5, version: 1 })).status).toBe(409);
    const range = await t.http.get('/api/v1/calendar/windows').query({ from: '2027-01-01T00:00:00Z', to: '2027-03-01T00:00:00Z' }).set(admin);
    expect(range.body.items.map((x: { kind: string; firstDay: string; lastDay: string }) => [x.kind, x.firstDay, x.lastDay])).toEqual([
      ['holiday', '2027-01-16', '2027-02-20'],
      ['pre_return', '2027-02-14', '2027-02-20'],
      ['post_return', '2027-02-21', '2027-02-23'],
    ]);
    expect((await t.http.get('/api/v1/calendar/windows').query({ from: '2027-01-01T00:00:00Z' }).set(admin)).status).toBe(400);
    expect((await t.http.get('/api/v1/calendar/windows').query({ at: 'yesterday' }).set(admin)).status).toBe(400);
  });
});
