// Code passed to page.evaluate() runs in the browser: type it against the DOM.
/// <reference lib="dom" />
import type { Browser } from 'playwright-core';
import { bearer, createCase, createUser, type TestUser } from '../support/factories.js';
import { launchChromium } from '../support/browser/chromium.js';
import { createHoliday, defaultRuleId, insertReminder, type ReminderFixture } from '../reminders/reminder-fixtures.js';
import { type ConsoleServer, startConsoleServer } from './support/console-server.js';
import { type ConsoleTab, closeTab, DESKTOP, expectAccessible, heading, openTab, PHONE, screenshot, signIn } from './support/console-steps.js';

const HOUR = 3600_000;
const DAY = 24 * HOUR;

interface ReminderRow {
  status: string;
  snoozed_until: Date | null;
  completed_by: string | null;
  acknowledged_at: Date | null;
}

describe('the Reminders page: acknowledge, snooze, complete (Chromium)', () => {
  let server: ConsoleServer;
  let browser: Browser;
  let tab: ConsoleTab;
  let holidayId: string;
  let classRule: string;
  let flagRule: string;
  let other: TestUser;
  let lead: TestUser;
  let caseId: string;

  /** A reminder as the sweep would create it (as test/reminders arranges them), for the counselor unless said otherwise. */
  const reminder = (overrides: Partial<ReminderFixture>) =>
    insertReminder(server.t, {
      schoolId: server.world.school.id,
      ruleId: classRule,
      holidayId,
      recipientId: server.world.counselor.id,
      subjectType: 'class',
      subjectId: server.world.classA.id,
      dueAt: new Date(Date.now() + 2 * DAY),
      ...overrides,
    });
  const aboutStudentA = (overrides: Partial<ReminderFixture>) =>
    reminder({ ruleId: flagRule, windowKind: 'post_return', subjectType: 'student', subjectId: server.world.studentA.id, studentId: server.world.studentA.id, ...overrides });
  const stored = async (id: string) => {
    const [row] = await server.t.dataSource.query<ReminderRow[]>('SELECT status, snoozed_until, completed_by, acknowledged_at FROM reminders WHERE id = $1', [id]);
    return row;
  };
  const card = (id: string) => tab.page.locator(`[data-reminder-id="${id}"]`);
  const group = (name: string) => tab.page.getByRole('region', { name: new RegExp(`^${name}`) });

  beforeAll(async () => {
    [server, browser] = await Promise.all([startConsoleServer(), launchChromium()]);
    const { t, world } = server;
    holidayId = await createHoliday(t, world.admin);
    classRule = await defaultRuleId(t, world.school.id, 'pre_holiday_safety_education');
    flagRule = await defaultRuleId(t, world.school.id, 'post_return_flag_observation');
    other = await createUser(t, { schoolId: world.school.id, role: 'counselor', displayName: '周老师' });
    lead = await createUser(t, { schoolId: world.school.id, role: 'counseling_lead', displayName: '孙主任' });
    caseId = (await createCase(t, { schoolId: world.school.id, studentId: world.studentB.id, ownerId: world.counselor.id })).id;
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  afterEach(async () => closeTab(tab, server));

  it("groups my reminders as overdue, to do and snoozed, links their subjects, and shows none of another counselor's", async () => {
    const overdue = await aboutStudentA({ dueAt: new Date(Date.now() - DAY) });
    const due = await reminder({});
    const aboutCase = await reminder({ subjectType: 'case', subjectId: caseId, dueAt: new Date(Date.now() + 3 * DAY) });
    const snoozed = await reminder({ status: 'snoozed', dueAt: new Date(Date.now() + 5 * DAY) });
    const done = await reminder({ status: 'done', completedBy: server.world.counselor.id });
    const others = await reminder({ recipientId: other.id });

    tab = await openTab(browser, PHONE);
    const { page } = tab;
    await signIn(page, server, server.world.counselor, '/reminders');
    expect(await heading(page)).toBe('提醒');
    await card(overdue).waitFor();

    const ids = async (name: string) => group(name).locator('[data-reminder-id]').evaluateAll((els) => els.map((el) => el.getAttribute('data-reminder-id')));
    expect(await ids('已超期')).toEqual([overdue]);
    expect(await ids('待办')).toEqual(expect.arrayContaining([due, aboutCase]));
    expect(await ids('已推迟')).toContain(snoozed);
    const everything = [...(await ids('已超期')), ...(await ids('待办')), ...(await ids('已推迟'))];
    expect(everything).not.toContain(done);
    expect(everything).not.toContain(others);

    const [{ name: studentName }] = await server.t.dataSource.query<{ name: string }[]>('SELECT name FROM students WHERE id = $1', [server.world.studentA.id]);
    expect(await card(overdue).getByRole('link', { name: studentName }).getAttribute('href')).toBe(`/console/students/${server.world.studentA.id}`);
    expect(await card(aboutCase).getByRole('link').getAttribute('href')).toBe(`/console/cases/${caseId}`);
    // Overdue: the API refuses a snooze past the due time, so none is offered.
    expect(await card(overdue).getByLabel('推迟多久').count()).toBe(0);
    expect(await card(overdue).innerText()).toContain('已过到期时间，不能再推迟。');
    await expectAccessible(page);
    await screenshot(page, 'reminders-phone');
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);

    // The other counselor sees theirs alone.
    const theirs = await server.t.http.get('/api/v1/reminders').set({ authorization: await bearer(server.t, other) });
    expect(theirs.body.items.map((r: { id: string }) => r.id)).toEqual([others]);
  });

  it('acknowledges a reminder through the page: the API then holds it acknowledged', async () => {
    const id = await reminder({ dueAt: new Date(Date.now() + 4 * DAY) });
    tab = await openTab(browser, DESKTOP);
    const { page } = tab;
    await signIn(page, server, server.world.counselor, '/reminders');
    await card(id).getByRole('button', { name: '确认收到' }).click();
    await card(id).getByText('已确认', { exact: true }).waitFor();
    expect(await card(id).getByRole('button', { name: '确认收到' }).count()).toBe(0);
    expect(await stored(id)).toMatchObject({ status: 'acknowledged', acknowledged_at: expect.any(Date) });
    await expectAccessible(page);
  });

  it('snoozes a reminder for a day: it moves to the snoozed group and the API holds the time', async () => {
    const id = await reminder({ dueAt: new Date(Date.now() + 3 * DAY) });
    tab = await openTab(browser, PHONE);
    const { page } = tab;
    await signIn(page, server, server.world.counselor, '/reminders');
    const before = Date.now();
    // Only the lengths the API accepts (until the due time) are offered.
    expect(await card(id).getByLabel('推迟多久').locator('option').allInnerTexts()).toEqual(['1 小时', '4 小时', '1 天']);
    await card(id).getByLabel('推迟多久').selectOption({ label: '1 天' });
    await card(id).getByRole('button', { name: '推迟', exact: true }).click();
    await group('已推迟').locator(`[data-reminder-id="${id}"]`).waitFor();
    expect(await card(id).innerText()).toMatch(/推迟到/);
    const row = await stored(id);
    expect(row.status).toBe('snoozed');
    expect(row.snoozed_until!.getTime()).toBeGreaterThanOrEqual(before + DAY - 1000);
    expect(row.snoozed_until!.getTime()).toBeLessThanOrEqual(Date.now() + DAY);
  });

  it('completes a reminder with a note of what was done: it leaves the page and the API holds it done by me', async () => {
    const id = await aboutStudentA({ dueAt: new Date(Date.now() - HOUR) });
    tab = await openTab(browser, DESKTOP);
    const { page } = tab;
    await signIn(page, server, server.world.counselor, '/reminders');
    await card(id).getByRole('button', { name: '标记完成' }).click();
    await card(id).getByLabel('做了什么（必填）').fill('已与学生面谈，情绪稳定，下周再观察');
    await card(id).getByRole('button', { name: '完成', exact: true }).click();
    await card(id).waitFor({ state: 'detached' });
    expect(await stored(id)).toMatchObject({ status: 'done', completed_by: server.world.counselor.id });
    const detail = await server.t.http.get(`/api/v1/reminders/${id}`).set({ authorization: await bearer(server.t, server.world.counselor) });
    expect(detail.body).toMatchObject({ status: 'done', completionNote: '已与学生面谈，情绪稳定，下周再观察' });
  });

  it('lets the superior a reminder was escalated to complete it, and offers them nothing the API would refuse', async () => {
    const id = await aboutStudentA({ dueAt: new Date(Date.now() - 2 * DAY), escalatedTo: [lead.id], escalatedAt: new Date(Date.now() - DAY) });
    tab = await openTab(browser, PHONE);
    const { page } = tab;
    await signIn(page, server, lead, '/reminders');
    const escalated = page.getByRole('region', { name: '升级给我的提醒' });
    const escalatedCard = escalated.locator(`[data-reminder-id="${id}"]`);
    await escalatedCard.waitFor();
    expect(await escalatedCard.innerText()).toContain('已升级');
    // Only the recipient may acknowledge or snooze (reminder.recipient_only).
    expect(await escalatedCard.getByRole('button', { name: '确认收到' }).count()).toBe(0);
    expect(await escalatedCard.getByLabel('推迟多久').count()).toBe(0);
    await expectAccessible(page);
    await escalatedCard.getByRole('button', { name: '标记完成' }).click();
    await escalatedCard.getByLabel('做了什么（必填）').fill('已电话询问王老师，观察记录已补上');
    await escalatedCard.getByRole('button', { name: '完成', exact: true }).click();
    await escalatedCard.waitFor({ state: 'detached' });
    expect(await stored(id)).toMatchObject({ status: 'done', completed_by: lead.id });
  });

  it('summarises my reminders on Today, linked to the page', async () => {
    tab = await openTab(browser, DESKTOP);
    const { page } = tab;
    await signIn(page, server, server.world.counselor);
    const summary = page.getByRole('region', { name: '我的提醒' });
    await summary.getByText(/条已超期/).waitFor();
    const mine = await server.t.http.get('/api/v1/reminders').query({ limit: 200 }).set({ authorization: await bearer(server.t, server.world.counselor) });
    const overdue = mine.body.items.filter((r: { overdue: boolean }) => r.overdue).length;
    expect(await summary.getByText(/条已超期/).innerText()).toBe(`${overdue} 条已超期`);
    await summary.getByRole('link', { name: '查看全部提醒' }).click();
    await page.getByRole('heading', { level: 1, name: '提醒' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/console/reminders');
  });

  it("shows the head of counseling the school's counts, which counselors do not read", async () => {
    tab = await openTab(browser, DESKTOP);
    const { page } = tab;
    await signIn(page, server, lead, '/reminders');
    const counts = page.getByRole('region', { name: '全校提醒统计' });
    await counts.getByRole('table').waitFor();
    const api = await server.t.http.get('/api/v1/reminders/counts').set({ authorization: await bearer(server.t, lead) });
    expect(await counts.getByRole('row').count()).toBe(api.body.items.length + 1);
    await page.getByText('目前没有需要你处理的提醒，辛苦了。').waitFor();
    await expectAccessible(page);

    await page.getByRole('button', { name: '退出登录' }).click();
    await signIn(page, server, server.world.counselor, '/reminders');
    await page.getByRole('region', { name: /^已超期/ }).waitFor();
    expect(await page.getByRole('region', { name: '全校提醒统计' }).count()).toBe(0);
  });
});
