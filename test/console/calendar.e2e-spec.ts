// Code passed to page.evaluate() runs in the browser: type it against the DOM.
/// <reference lib="dom" />
import type { Browser, Page } from 'playwright-core';
import { ManualClock } from '#core';
import { bearer, type TestUser } from '../support/factories.js';
import { launchChromium } from '../support/browser/chromium.js';
import { type ConsoleServer, startConsoleServer } from './support/console-server.js';
import { type ConsoleTab, closeTab, DESKTOP, expectAccessible, openTab, PHONE, screenshot, signIn, waitUntil } from './support/console-steps.js';

const MINUTE = 60_000;
const ROOM = '心理咨询室 201';

/** Waits for the page whose main heading is `name` (after a click that navigates). */
const h1 = (page: Page, name: string) => page.getByRole('heading', { level: 1, name, exact: true }).waitFor();

/** A time as a datetime-local field takes it: the browser runs on this machine's time zone. */
const localInput = (date: Date) => {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
};

/** A time as the console shows it in Chinese (medium date, short time). */
const dateTimeOf = (date: Date) => new Intl.DateTimeFormat('zh-CN', { dateStyle: 'medium', timeStyle: 'short' }).format(date);

describe('the staff console: the counselor\'s calendar (Chromium)', () => {
  const clock = new ManualClock(new Date());
  let server: ConsoleServer;
  let browser: Browser;
  let tab: ConsoleTab;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startConsoleServer({ clock }), launchChromium()]);
    // Two students, two names: the requests are told apart by who they are for.
    await server.t.dataSource.query(`UPDATE students SET name = CASE id WHEN $1 THEN '刘一' ELSE '周二' END WHERE id IN ($1, $2)`, [
      server.world.studentA.id,
      server.world.studentB.id,
    ]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  afterEach(async () => closeTab(tab, server));

  const api = async (user: TestUser | { id: string }, path: string) => {
    const res = await server.t.http.get(path).set({ authorization: await bearer(server.t, user) });
    expect(res.status).toBe(200);
    return res.body;
  };
  const appointment = (id: string) => api(server.world.counselor, `/api/v1/appointments/${id}`);
  const request = async (teacher: TestUser, studentId: string) => {
    const now = clock.now();
    const res = await server.t.http
      .post('/api/v1/appointment-requests')
      .set({ authorization: await bearer(server.t, teacher) })
      .send({ studentId, counselorId: server.world.counselor.id, preferredFrom: now.toISOString(), preferredTo: new Date(now.getTime() + 3 * 60 * MINUTE).toISOString(), reasonCategory: 'emotional_wellbeing' });
    expect(res.status).toBe(201);
    return res.body.id as string;
  };

  it('adds and removes availability, books two requests into free slots, marks a no-show and completes a session with a note', async () => {
    tab = await openTab(browser, DESKTOP);
    const { page } = tab;
    const counselor = server.world.counselor;
    await signIn(page, server, counselor, '/calendar');
    await h1(page, '咨询日程');
    await page.getByText('没有等待安排的申请。').waitFor();
    await expectAccessible(page);

    // Weekly hours: added, then removed, through the page.
    const weekly = page.getByRole('form', { name: '添加每周时间' });
    await weekly.getByLabel('星期').selectOption({ label: '星期一' });
    await weekly.getByLabel('开始时间').fill('09:00');
    await weekly.getByLabel('结束时间').fill('12:00');
    await weekly.getByLabel('地点（可不填）').fill(ROOM);
    await weekly.getByRole('button', { name: '添加每周时间' }).click();
    const remove = page.getByRole('button', { name: `删除 星期一 09:00–12:00 面谈 ${ROOM}` });
    await remove.waitFor();
    const rules = await api(counselor, `/api/v1/counselors/${counselor.id}/availability-rules`);
    expect(rules.items).toEqual([expect.objectContaining({ weekday: 1, startTime: '09:00', endTime: '12:00', mode: 'room', place: ROOM })]);
    await remove.click();
    await page.getByText('还没有每周固定时间。').waitFor();
    expect((await api(counselor, `/api/v1/counselors/${counselor.id}/availability-rules`)).items).toEqual([]);

    // Extra hours from the next minute on, so the sessions start within this test.
    const start = new Date(Math.ceil((clock.now().getTime() + 1) / MINUTE) * MINUTE);
    const extra = page.getByRole('form', { name: '添加请假或加开时间' });
    await extra.getByLabel('类型').selectOption('extra');
    await extra.getByLabel('开始', { exact: true }).fill(localInput(start));
    await extra.getByLabel('结束', { exact: true }).fill(localInput(new Date(start.getTime() + 120 * MINUTE)));
    await extra.getByLabel('方式（加开时间必填）').selectOption('room');
    await extra.getByLabel('地点（可不填）').fill(ROOM);
    await extra.getByRole('button', { name: '添加请假或加开时间' }).click();
    await page.getByRole('button', { name: /^删除 加开时间/ }).waitFor();
    const exceptions = await api(counselor, `/api/v1/counselors/${counselor.id}/availability-exceptions`);
    expect(exceptions.items).toEqual([
      expect.objectContaining({ kind: 'extra', startsAt: start.toISOString(), endsAt: new Date(start.getTime() + 120 * MINUTE).toISOString(), mode: 'room', place: ROOM }),
    ]);

    // Two class teachers ask for sessions; each request is booked into the first free slot.
    const first = await request(server.world.teacher, server.world.studentA.id);
    const second = await request(server.world.teacher2, server.world.studentB.id);
    await page.reload();
    for (const [id, name, startsAt] of [
      [first, '刘一', start],
      [second, '周二', new Date(start.getTime() + 30 * MINUTE)],
    ] as const) {
      await page.getByRole('link', { name: `安排 ${name}` }).click();
      await h1(page, `咨询：${name}`);
      await page.getByText('等待安排').first().waitFor();
      await expectAccessible(page);
      const confirm = page.getByRole('form', { name: '确认预约' });
      await confirm.getByLabel('时长').selectOption('30');
      await confirm.getByRole('button', { name: /^用 / }).first().click();
      expect(await confirm.getByLabel('咨询开始').inputValue()).toBe(localInput(startsAt));
      await confirm.getByRole('button', { name: '确认预约' }).click();
      await page.locator('#appointment-status').filter({ hasText: '已确认' }).waitFor();
      expect(await appointment(id)).toMatchObject({
        status: 'scheduled',
        startsAt: startsAt.toISOString(),
        endsAt: new Date(startsAt.getTime() + 30 * MINUTE).toISOString(),
        mode: 'room',
        place: ROOM,
      });
      await page.getByRole('link', { name: '回到咨询日程' }).click();
      await h1(page, '咨询日程');
    }
    await page.getByText('没有等待安排的申请。').waitFor();
    await page.getByRole('link', { name: /刘一$/ }).waitFor();
    await page.getByRole('link', { name: /周二$/ }).waitFor();
    await expectAccessible(page);
    await screenshot(page, 'calendar-desktop');

    // Both sessions have started: the first student did not come, the second session took place.
    clock.set(new Date(start.getTime() + 31 * MINUTE));
    await page.goto(server.url(`/calendar/appointments/${first}`));
    await h1(page, '咨询：刘一');
    await page.getByRole('button', { name: '标记未到' }).click();
    await page.locator('#appointment-status').filter({ hasText: '未到' }).waitFor();
    expect(await appointment(first)).toMatchObject({ status: 'no_show' });

    await page.getByRole('link', { name: '回到咨询日程' }).click();
    await page.getByRole('link', { name: /周二$/ }).click();
    await h1(page, '咨询：周二');
    await page.getByRole('button', { name: '完成咨询' }).click();
    await page.locator('#appointment-status').filter({ hasText: '已完成' }).waitFor();
    expect(await appointment(second)).toMatchObject({ status: 'completed' });

    const note = '学生谈到期末考试压力，睡眠不足；约定下周再谈，并练习放松方法。';
    await page.getByLabel(/咨询记录（保密/).fill(note);
    await page.getByRole('button', { name: '保存咨询记录' }).click();
    await page.locator('#session-notes').getByText(note).waitFor();
    expect(await page.getByLabel(/咨询记录（保密/).inputValue()).toBe('');
    const notes = await api(counselor, `/api/v1/appointments/${second}/notes`);
    expect(notes.items).toEqual([expect.objectContaining({ body: note, authorId: counselor.id })]);
    // Clinical text travels in the body only: never in an address the browser asked for.
    expect(tab.watch.requests.filter((url) => decodeURIComponent(url).includes('期末考试'))).toEqual([]);
    await expectAccessible(page);
  }, 90_000);

  it('fits a phone: the calendar and a session page', async () => {
    tab = await openTab(browser, PHONE);
    const { page } = tab;
    await signIn(page, server, server.world.counselor, '/calendar');
    await h1(page, '咨询日程');
    await page.getByRole('heading', { name: '我的可预约时间' }).waitFor();
    await waitUntil('the calendar fits 360 px', async () => (await page.evaluate(() => document.documentElement.scrollWidth)) <= 360);
    await expectAccessible(page);

    const [session] = (await api(server.world.counselor, '/api/v1/appointments?status=completed')).items as { id: string }[];
    await page.goto(server.url(`/calendar/appointments/${session.id}`));
    await h1(page, '咨询：周二');
    await page.getByRole('heading', { name: '咨询记录' }).waitFor();
    await waitUntil('the session page fits 360 px', async () => (await page.evaluate(() => document.documentElement.scrollWidth)) <= 360);
    await expectAccessible(page);
  });

  it('shows a request someone else confirmed meanwhile, with its new state, and keeps the counselor\'s chosen time', async () => {
    const id = await request(server.world.teacher, server.world.studentA.id);
    tab = await openTab(browser, DESKTOP);
    const { page } = tab;
    await signIn(page, server, server.world.counselor, `/calendar/appointments/${id}`);
    await h1(page, '咨询：刘一');
    const confirm = page.getByRole('form', { name: '确认预约' });
    await confirm.getByRole('button', { name: /^用 / }).first().click();
    const chosen = await confirm.getByLabel('咨询开始').inputValue();
    expect(chosen).not.toBe('');

    // A colleague (the same counselor in another tab) confirms it first, at another time.
    const [free] = (await api(server.world.counselor, `/api/v1/counselors/${server.world.counselor.id}/calendar?from=${encodeURIComponent(clock.now().toISOString())}&to=${encodeURIComponent(new Date(clock.now().getTime() + 3 * 3600_000).toISOString())}`)).free as { startsAt: string }[];
    const elsewhere = new Date(new Date(free.startsAt).getTime() + 20 * MINUTE);
    const first = await server.t.http
      .post(`/api/v1/appointments/${id}/confirm`)
      .set({ authorization: await bearer(server.t, server.world.counselor) })
      .send({ version: 1, startsAt: elsewhere.toISOString(), endsAt: new Date(elsewhere.getTime() + 20 * MINUTE).toISOString() });
    expect(first.status).toBe(200);

    await confirm.getByRole('button', { name: '确认预约' }).click();
    await page.getByRole('alert').filter({ hasText: '状态已由“等待安排”变为“已确认”。' }).waitFor();
    await page.locator('#appointment-status').filter({ hasText: '已确认' }).waitFor();
    // The time the counselor chose is kept: the reschedule form the new state offers starts from it.
    const reschedule = page.getByRole('form', { name: '改期' });
    expect(await reschedule.getByLabel('咨询开始').inputValue()).toBe(chosen);
    expect(await page.getByText(dateTimeOf(elsewhere)).count()).toBeGreaterThan(0);
    expect(await appointment(id)).toMatchObject({ status: 'scheduled', startsAt: elsewhere.toISOString() });
    await expectAccessible(page);
  }, 90_000);

  it('answers a missing session with the not-found page', async () => {
    tab = await openTab(browser, PHONE);
    const { page } = tab;
    await signIn(page, server, server.world.counselor, '/calendar/appointments/00000000-0000-4000-8000-000000000000');
    await h1(page, '找不到这个页面');
    await expectAccessible(page);
  });
});
