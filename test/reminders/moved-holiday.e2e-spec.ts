import { ManualClock } from '#core';
import { ReminderSweepService } from '#reminders';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { bearer, createSchoolWorld } from '../support/factories.js';

/** An administrator corrects a holiday's dates: open reminders follow it, nothing is announced twice. */
describe('reminders of a moved holiday', () => {
  const clock = new ManualClock(new Date('2027-01-05T02:00:00Z'));
  let t: TestApp;
  let w: Awaited<ReturnType<typeof createSchoolWorld>>;
  let sweep: ReminderSweepService;

  beforeAll(async () => {
    t = await createTestApp({ clock });
    sweep = t.app.get(ReminderSweepService);
    w = await createSchoolWorld(t);
  });
  afterAll(async () => t.close());

  const reminders = async (schoolId = w.school.id) =>
    t.dataSource.query<{ subject_id: string; status: string; due_at: Date; escalate_at: Date; escalated_to: string[]; version: number }[]>(
      `SELECT r.subject_id, r.status, r.due_at, r.escalate_at, r.escalated_to, r.version FROM reminders r JOIN reminder_rules rr ON rr.id = r.rule_id
        WHERE r.school_id = $1 AND rr.code = 'pre_holiday_categories' ORDER BY r.subject_id`,
      [schoolId],
    );
  const deliveries = async () => (await t.dataSource.query<{ n: number }[]>('SELECT count(*)::int AS n FROM reminder_deliveries WHERE school_id = $1', [w.school.id]))[0].n;

  it('moves the due and escalation times of open reminders, leaves done ones alone, and queues no second delivery', async () => {
    const admin = { authorization: await bearer(t, w.admin) };
    const holiday = (await t.http.post('/api/v1/calendar/holidays').set(admin).send({ kind: 'winter', name: '寒假', startsOn: '2027-01-16', endsOn: '2027-02-20' })).body;
    await sweep.run();
    const before = await reminders();
    expect(before.map((r) => r.due_at.toISOString())).toEqual(['2027-01-15T16:00:00.000Z', '2027-01-15T16:00:00.000Z']);
    const queued = await deliveries();

    // Class A registers everyone (its reminder closes), then the holiday moves two days later.
    const teacher = { authorization: await bearer(t, w.teacher) };
    expect((await t.http.put(`/api/v1/calendar/holidays/${holiday.id}/categories/${w.studentA.id}`).set(teacher).send({ whereabouts: 'at_home', contactPhone: '138 1234 5678' })).status).toBe(201);
    await sweep.run();
    const moved = await t.http.patch(`/api/v1/calendar/holidays/${holiday.id}`).set(admin).send({ startsOn: '2027-01-18', endsOn: '2027-02-22', version: holiday.version });
    expect(moved.status).toBe(200);
    await sweep.run();

    const after = Object.fromEntries((await reminders()).map((r) => [r.subject_id, r]));
    expect(after[w.classA.id]).toMatchObject({ status: 'done', due_at: new Date('2027-01-15T16:00:00.000Z') });
    expect(after[w.classB.id]).toMatchObject({ status: 'open', due_at: new Date('2027-01-17T16:00:00.000Z'), escalate_at: new Date('2027-01-18T16:00:00.000Z') });
    expect(await deliveries()).toBe(queued);
    const [{ n }] = await t.dataSource.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM audit_events WHERE school_id = $1 AND action = 'reminder.reschedule'`, [w.school.id]);
    expect(n).toBeGreaterThan(0);
    // A second sweep finds nothing to move.
    const versions = (await reminders()).map((r) => r.version);
    await sweep.run();
    expect((await reminders()).map((r) => r.version)).toEqual(versions);
  });

  it('moves the reminders of a window the move put in the past, so that they are overdue and escalate', async () => {
    const other = await createSchoolWorld(t);
    const admin = { authorization: await bearer(t, other.admin) };
    const holiday = (await t.http.post('/api/v1/calendar/holidays').set(admin).send({ kind: 'winter', name: '寒假', startsOn: '2027-01-16', endsOn: '2027-02-20' })).body;
    await sweep.run();
    expect((await reminders(other.school.id)).map((r) => r.due_at.toISOString())).toEqual(['2027-01-15T16:00:00.000Z', '2027-01-15T16:00:00.000Z']);

    // The holiday turns out to have started three days ago: its pre-holiday window is over.
    const moved = await t.http.patch(`/api/v1/calendar/holidays/${holiday.id}`).set(admin).send({ startsOn: '2027-01-02', endsOn: '2027-02-06', version: holiday.version });
    expect(moved.status).toBe(200);
    await sweep.run();

    for (const r of await reminders(other.school.id)) {
      expect(r).toMatchObject({ status: 'open', due_at: new Date('2027-01-01T16:00:00.000Z'), escalate_at: new Date('2027-01-02T16:00:00.000Z'), escalated_to: [other.admin.id] });
    }
    const overdue = await t.http.get('/api/v1/reminders/overdue').set(admin);
    expect(overdue.status).toBe(200);
    // Every pre-holiday reminder of the school followed: categories and safety education per class, the duty roster.
    const overdueRules = overdue.body.items.map((r: { rule: { code: string }; dueAt: string }) => `${r.rule.code} ${r.dueAt}`).sort();
    expect(overdueRules).toEqual([
      ...Array(2).fill('pre_holiday_categories 2027-01-01T16:00:00.000Z'),
      'pre_holiday_duty_roster 2027-01-01T16:00:00.000Z',
      ...Array(2).fill('pre_holiday_safety_education 2027-01-01T16:00:00.000Z'),
    ]);
    const [{ n }] = await t.dataSource.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM audit_events WHERE school_id = $1 AND action = 'reminder.reschedule'`, [other.school.id]);
    expect(n).toBe(3); // one entry per rule
  });
});
