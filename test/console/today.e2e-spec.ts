// Code passed to page.evaluate() runs in the browser: type it against the DOM.
/// <reference lib="dom" />
import type { Browser, Locator } from 'playwright-core';
import { bearer, createCase, createStudent, createUser, type TestUser } from '../support/factories.js';
import { launchChromium } from '../support/browser/chromium.js';
import { createHoliday, defaultRuleId, insertReminder } from '../reminders/reminder-fixtures.js';
import { type ConsoleServer, startConsoleServer } from './support/console-server.js';
import { type ConsoleTab, closeTab, DESKTOP, expectAccessible, heading, openTab, PHONE, screenshot, signIn } from './support/console-steps.js';

const HOUR = 3600_000;
const DAY = 24 * HOUR;

/** An instant of the local day (the browser's, which is this process's): today at hh:mm, or days later. */
const localTime = (hours: number, minutes = 0, days = 0) => {
  const now = new Date();
  return new Date(now.getFullYear(), now.getMonth(), now.getDate() + days, hours, minutes);
};

describe("the Today page: my cases needing me, today's sessions (Chromium)", () => {
  let server: ConsoleServer;
  let browser: Browser;
  let tab: ConsoleTab;
  let other: TestUser;
  let idle: TestUser;
  const cases: Record<string, string> = {};

  beforeAll(async () => {
    [server, browser] = await Promise.all([startConsoleServer(), launchChromium()]);
    const { t, world } = server;
    const school = world.school.id;
    other = await createUser(t, { schoolId: school, role: 'counselor', displayName: '周老师' });
    idle = await createUser(t, { schoolId: school, role: 'counseling_lead', displayName: '孙主任' });
    const student = (name: string, classId = world.classA.id) => createStudent(t, { schoolId: school, classId, name });
    const students = {
      late: await student('陈一鸣'),
      unreached: await student('林晓雨', world.classB.id),
      quiet: await student('黄安'),
      others: await student('吴思远'),
      morning: await student('郑可'),
      noon: await student('冯乐'),
      afternoon: await student('何静'),
      tomorrow: await student('许诺'),
    };

    // Mine: a high-risk case with a task overdue, one whose guardian could not be reached, one with nothing waiting.
    cases.late = (await createCase(t, { schoolId: school, studentId: students.late.id, ownerId: world.counselor.id, riskLevel: 'high', state: 'active' })).id;
    cases.unreached = (await createCase(t, { schoolId: school, studentId: students.unreached.id, ownerId: world.counselor.id, riskLevel: 'moderate', state: 'active' })).id;
    cases.quiet = (await createCase(t, { schoolId: school, studentId: students.quiet.id, ownerId: world.counselor.id })).id;
    // Another counselor's case with an overdue task: never on my page.
    cases.others = (await createCase(t, { schoolId: school, studentId: students.others.id, ownerId: other.id, riskLevel: 'critical' })).id;

    const task = async (user: TestUser, caseId: string, title: string, dueAt: Date) => {
      const res = await t.http.post(`/api/v1/cases/${caseId}/tasks`).set({ authorization: await bearer(t, user) }).send({ title, assigneeId: user.id, dueAt: dueAt.toISOString() });
      expect(res.status).toBe(201);
    };
    await task(world.counselor, cases.late, '与班主任沟通近一周情况', new Date(Date.now() - 2 * DAY));
    await task(world.counselor, cases.quiet, '下周回访', new Date(Date.now() + 5 * DAY));
    await task(other, cases.others, '他人的超期任务', new Date(Date.now() - DAY));

    const [guardian] = await t.dataSource.query<{ id: string }[]>(
      `INSERT INTO guardians (school_id, student_id, name, relation, phone) VALUES ($1, $2, '林母', 'mother', '13800000001') RETURNING id`,
      [school, students.unreached.id],
    );
    const contact = await t.http
      .post(`/api/v1/cases/${cases.unreached}/contacts`)
      .set({ authorization: await bearer(t, world.counselor) })
      .send({ counterpart: 'guardian', guardianId: guardian.id, channel: 'phone', outcome: 'not_reached', contactedAt: new Date(Date.now() - HOUR).toISOString() });
    expect(contact.status).toBe(201);

    // Sessions: three of mine today (inserted out of order), one of mine tomorrow, one of the other counselor's today.
    const session = (studentId: string, counselorId: string, startsAt: Date, status = 'scheduled') =>
      t.dataSource.query(
        `INSERT INTO appointments (school_id, student_id, counselor_id, status, starts_at, ends_at, mode, place, requested_by)
         VALUES ($1, $2, $3, $4, $5, $5::timestamptz + interval '50 minutes', 'room', '心理咨询室 201', $3)`,
        [school, studentId, counselorId, status, startsAt],
      );
    await session(students.afternoon.id, world.counselor.id, localTime(15, 30));
    await session(students.morning.id, world.counselor.id, localTime(0, 30), 'completed');
    await session(students.noon.id, world.counselor.id, localTime(12, 0));
    await session(students.tomorrow.id, world.counselor.id, localTime(0, 30, 1));
    await session(students.others.id, other.id, localTime(10, 0));

    // One reminder of mine, overdue, for the summary (as test/reminders arranges them).
    await insertReminder(t, {
      schoolId: school,
      ruleId: await defaultRuleId(t, school, 'pre_holiday_safety_education'),
      holidayId: await createHoliday(t, world.admin),
      recipientId: world.counselor.id,
      subjectType: 'class',
      subjectId: world.classA.id,
      dueAt: new Date(Date.now() - HOUR),
    });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  afterEach(async () => closeTab(tab, server));

  const panel = (name: RegExp) => tab.page.getByRole('region', { name });
  const cards = (region: Locator) => region.getByRole('listitem').filter({ has: tab.page.locator('.card-head') });

  it('shows my cases with overdue tasks and unreached guardians, most urgent first, each linked to its case; not another counselor\'s', async () => {
    tab = await openTab(browser, DESKTOP);
    const { page } = tab;
    await signIn(page, server, server.world.counselor);
    expect(await heading(page)).toBe('今日工作');
    const casesPanel = panel(/需要我跟进的个案/);
    await casesPanel.getByRole('link', { name: '打开陈一鸣的个案' }).waitFor();

    const shown = await cards(casesPanel).allInnerTexts();
    expect(shown).toHaveLength(2);
    expect(shown[0]).toContain('陈一鸣');
    expect(shown[0]).toContain('高风险');
    expect(shown[0]).toContain('1 项任务已超期');
    expect(shown[0]).toContain('与班主任沟通近一周情况');
    expect(shown[1]).toContain('林晓雨');
    expect(shown[1]).toContain('1 次联系未联系上');
    expect(shown.join('\n')).not.toMatch(/黄安|吴思远|他人的超期任务/);
    expect(await casesPanel.getByRole('link', { name: '打开陈一鸣的个案' }).getAttribute('href')).toBe(`/console/cases/${cases.late}`);
    expect(await casesPanel.getByRole('link', { name: '打开林晓雨的个案' }).getAttribute('href')).toBe(`/console/cases/${cases.unreached}`);

    // What the API holds for me: the same two cases wait on me.
    const api = await server.t.http.get('/api/v1/cases').set({ authorization: await bearer(server.t, server.world.counselor) });
    const waiting = api.body.items.filter((c: { overdueTasks: number; unreachableContacts: number }) => c.overdueTasks + c.unreachableContacts > 0).map((c: { id: string }) => c.id);
    expect(waiting.sort()).toEqual([cases.late, cases.unreached].sort());

    await panel(/今天的咨询/).getByRole('link', { name: '何静' }).waitFor();
    await panel(/我的提醒/).getByText('1 条已超期').waitFor();
    await expectAccessible(page);
    await screenshot(page, 'today-desktop');
  });

  it("shows today's sessions in the order they happen, with time, student link and status; not tomorrow's nor a colleague's", async () => {
    tab = await openTab(browser, PHONE);
    const { page } = tab;
    await signIn(page, server, server.world.counselor);
    const sessions = panel(/今天的咨询/);
    await sessions.getByRole('link', { name: '何静' }).waitFor();
    const names = await sessions.locator('.card-title').allInnerTexts();
    expect(names).toEqual(['郑可', '冯乐', '何静']);
    const first = await cards(sessions).first().innerText();
    expect(first).toMatch(/00:30–01:20/);
    expect(first).toContain('已完成');
    expect(await cards(sessions).nth(1).innerText()).toContain('已安排');
    const [{ id: noonStudent }] = await server.t.dataSource.query<{ id: string }[]>(`SELECT id FROM students WHERE name = '冯乐'`);
    expect(await sessions.getByRole('link', { name: '冯乐' }).getAttribute('href')).toBe(`/console/students/${noonStudent}`);

    // On a phone the alerts stay first, then the cases.
    const titles = await page.locator('main h2').allInnerTexts();
    expect(titles[0]).toMatch(/^待确认的预警/);
    expect(titles[1]).toMatch(/^待分诊的关注上报/);
    expect(titles[2]).toMatch(/^需要我跟进的个案/);
    await expectAccessible(page);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  });

  it('shows the other counselor only their own case and session', async () => {
    tab = await openTab(browser, PHONE);
    const { page } = tab;
    await signIn(page, server, other);
    const casesPanel = panel(/需要我跟进的个案/);
    await casesPanel.getByRole('link', { name: '打开吴思远的个案' }).waitFor();
    expect(await cards(casesPanel).allInnerTexts()).toEqual([expect.stringContaining('他人的超期任务')]);
    const sessions = panel(/今天的咨询/);
    await sessions.getByRole('link', { name: '吴思远' }).waitFor();
    expect(await sessions.locator('.card-title').allInnerTexts()).toEqual(['吴思远']);
  });

  it('says kindly when nothing waits, in both languages', async () => {
    tab = await openTab(browser, DESKTOP);
    const { page } = tab;
    await signIn(page, server, idle);
    await page.getByText('很好，你的个案目前没有超期任务，也没有联系不上的人。').waitFor();
    await page.getByText('今天没有安排咨询。').waitFor();
    await page.getByText('没有需要处理的提醒。').waitFor();
    await expectAccessible(page);
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByText('All clear: none of your cases has an overdue task or someone not reached.').waitFor();
    await page.getByText('No session is booked for today.').waitFor();
    await page.getByRole('button', { name: '中文' }).click();
    await page.getByText('今天没有安排咨询。').waitFor();
  });
});
