import { ManualClock } from '#core';
import { DEFAULT_RULES } from '#reminders';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { bearer, createSchoolWorld } from '../support/factories.js';

describe('reminder rules', () => {
  const clock = new ManualClock(new Date('2027-01-05T02:00:00Z'));
  let t: TestApp;
  let w: Awaited<ReturnType<typeof createSchoolWorld>>;

  const as = async (user: { id: string }) => ({ authorization: await bearer(t, user) });
  const listRules = async (user: { id: string }) => t.http.get('/api/v1/reminder-rules').set(await as(user));
  const newRule = (overrides: Record<string, unknown> = {}) => ({
    code: 'pre_holiday_dorm_check',
    windowKind: 'pre_holiday',
    subjects: 'class',
    recipients: 'class_teachers',
    doneWhen: 'holiday_categories_registered',
    dueAfterDays: 7,
    titleZh: '假前：核对住校学生名单',
    titleEn: 'Before the holiday: check the list of students staying on campus',
    ...overrides,
  });

  beforeAll(async () => {
    t = await createTestApp({ clock });
    w = await createSchoolWorld(t);
  });
  afterAll(async () => t.close());

  it('shows every staff member the defaults, by window in holiday order then code, inserting them once', async () => {
    const first = await listRules(w.duty);
    expect(first.status).toBe(200);
    expect(first.body.nextCursor).toBeNull();
    expect(first.body.items.map((r: { code: string }) => r.code).sort()).toEqual(DEFAULT_RULES.map((r) => r.code).sort());
    const windows = first.body.items.map((r: { windowKind: string }) => r.windowKind);
    const order = ['pre_holiday', 'holiday', 'pre_return', 'post_return'];
    expect([...windows].sort((a, b) => order.indexOf(a) - order.indexOf(b))).toEqual(windows);
    const preHoliday = first.body.items.filter((r: { windowKind: string }) => r.windowKind === 'pre_holiday').map((r: { code: string }) => r.code);
    expect(preHoliday).toEqual([...preHoliday].sort());
    expect(first.body.items[0]).toMatchObject({ enabled: true, escalateAfterHours: 24, version: 1 });

    const again = await listRules(w.teacher);
    expect(again.body.items).toHaveLength(DEFAULT_RULES.length);
    // Another school's rules are its own.
    const other = await listRules(w.otherAdmin);
    expect(other.body.items.map((r: { id: string }) => r.id)).not.toContain(first.body.items[0].id);
    expect((await t.http.get(`/api/v1/reminder-rules/${first.body.items[0].id}`).set(await as(w.otherAdmin))).status).toBe(404);
  });

  it('lets an administrator switch a rule off and change it with the version, audited; a stale version answers 409', async () => {
    const rules = (await listRules(w.admin)).body.items as { id: string; code: string; version: number }[];
    const checkIn = rules.find((r) => r.code === 'holiday_check_in')!;
    const url = `/api/v1/reminder-rules/${checkIn.id}`;

    const changed = await t.http.patch(url).set(await as(w.admin)).set('if-match', '"1"').send({ enabled: false, repeatEveryDays: 5, escalateAfterHours: 48 });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ enabled: false, repeatEveryDays: 5, escalateAfterHours: 48, version: 2 });
    expect((await t.http.get(url).set(await as(w.teacher))).body).toMatchObject({ enabled: false, version: 2 });

    const stale = await t.http.patch(url).set(await as(w.admin)).send({ enabled: true, version: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('reminder_rule.version_conflict');
    expect((await t.http.get(url).set(await as(w.admin))).body.enabled).toBe(false);

    const cleared = await t.http.patch(url).set(await as(w.admin)).send({ repeatEveryDays: null, dueAfterDays: 3, version: 2 });
    expect(cleared.body).toMatchObject({ repeatEveryDays: null, dueAfterDays: 3, version: 3 });

    const audits = await t.dataSource.query('SELECT action, changed_fields FROM audit_events WHERE entity_id = $1 ORDER BY seq', [checkIn.id]);
    expect(audits).toEqual([
      { action: 'reminder_rule.update', changed_fields: ['enabled', 'escalateAfterHours', 'repeatEveryDays'] },
      { action: 'reminder_rule.update', changed_fields: ['dueAfterDays', 'repeatEveryDays'] },
    ]);
  });

  it('refuses a change that leaves a combination the sweep cannot check, naming the field', async () => {
    const rules = (await listRules(w.admin)).body.items as { id: string; code: string; version: number }[];
    const roster = rules.find((r) => r.code === 'pre_holiday_duty_roster')!;
    const res = await t.http.patch(`/api/v1/reminder-rules/${roster.id}`).set(await as(w.admin)).send({ subjects: 'class', version: roster.version });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([{ field: 'subjects', message: expect.stringContaining('roster_covers_holiday') }]);
    const recipients = await t.http.patch(`/api/v1/reminder-rules/${roster.id}`).set(await as(w.admin)).send({ recipients: 'case_owner', version: roster.version });
    expect(recipients.body.errors.map((e: { field: string }) => e.field)).toEqual(['recipients']);
  });

  it('refuses bad bodies: unknown fields, out-of-range numbers, no version', async () => {
    const [rule] = (await listRules(w.admin)).body.items as { id: string; version: number }[];
    const url = `/api/v1/reminder-rules/${rule.id}`;
    const unknown = await t.http.patch(url).set(await as(w.admin)).send({ code: 'renamed', version: rule.version });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors).toEqual([{ field: 'code', message: 'is not a field this request accepts' }]);
    expect((await t.http.patch(url).set(await as(w.admin)).send({ escalateAfterHours: 721, version: rule.version })).status).toBe(400);
    expect((await t.http.patch(url).set(await as(w.admin)).send({ enabled: null, version: rule.version })).status).toBe(400);
    const noVersion = await t.http.patch(url).set(await as(w.admin)).send({ enabled: false });
    expect(noVersion.body.errors.map((e: { field: string }) => e.field)).toEqual(['version']);
    expect((await t.http.get('/api/v1/reminder-rules/not-a-uuid').set(await as(w.admin))).status).toBe(400);
  });

  it('creates a rule of the school with a unique code (201 + Location), audited; a taken code answers 409', async () => {
    const created = await t.http.post('/api/v1/reminder-rules').set(await as(w.admin)).send(newRule());
    expect(created.status).toBe(201);
    expect(created.headers.location).toBe(`/api/v1/reminder-rules/${created.body.id}`);
    expect(created.body).toMatchObject({ code: 'pre_holiday_dorm_check', enabled: true, dueAfterDays: 7, repeatEveryDays: null, escalateAfterHours: 24, version: 1 });
    const [audit] = await t.dataSource.query('SELECT action, actor_id FROM audit_events WHERE entity_id = $1', [created.body.id]);
    expect(audit).toEqual({ action: 'reminder_rule.create', actor_id: w.admin.id });

    const taken = await t.http.post('/api/v1/reminder-rules').set(await as(w.admin)).send(newRule({ titleZh: '另一个' }));
    expect(taken.status).toBe(409);
    expect(taken.body.code).toBe('reminder_rule.code_taken');
    const defaultCode = await t.http.post('/api/v1/reminder-rules').set(await as(w.admin)).send(newRule({ code: 'holiday_check_in' }));
    expect(defaultCode.body.code).toBe('reminder_rule.code_taken');
    // The same code in another school is that school's business.
    expect((await t.http.post('/api/v1/reminder-rules').set(await as(w.otherAdmin)).send(newRule())).status).toBe(201);

    const badCode = await t.http.post('/api/v1/reminder-rules').set(await as(w.admin)).send(newRule({ code: 'Bad-Code' }));
    expect(badCode.body.errors.map((e: { field: string }) => e.field)).toEqual(['code']);
    const badShape = await t.http.post('/api/v1/reminder-rules').set(await as(w.admin)).send(newRule({ code: 'shape_check', subjects: 'open_case' }));
    expect(badShape.status).toBe(400);
    expect(badShape.body.errors.map((e: { field: string }) => e.field)).toEqual(['subjects']);
    expect((await t.http.post('/api/v1/reminder-rules').set(await as(w.admin)).send(newRule({ code: 'with_school', schoolId: w.otherSchool.id }))).status).toBe(400);
  });

  it('lets only administrators change or create rules', async () => {
    const [rule] = (await listRules(w.admin)).body.items as { id: string; version: number }[];
    for (const user of [w.duty, w.counselor, w.teacher]) {
      expect((await t.http.patch(`/api/v1/reminder-rules/${rule.id}`).set(await as(user)).send({ enabled: false, version: rule.version })).status).toBe(403);
      expect((await t.http.post('/api/v1/reminder-rules').set(await as(user)).send(newRule({ code: 'not_allowed' }))).status).toBe(403);
    }
    expect((await t.http.get('/api/v1/reminder-rules')).status).toBe(401);
  });
});
