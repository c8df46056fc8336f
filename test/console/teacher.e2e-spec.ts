// Code passed to page.evaluate() runs in the browser: type it against the DOM.
/// <reference lib="dom" />
import type { Browser, Page } from 'playwright-core';
import { bearer, createStudent } from '../support/factories.js';
import { launchChromium } from '../support/browser/chromium.js';
import { type ConsoleServer, startConsoleServer } from './support/console-server.js';
import { type ConsoleTab, closeTab, DESKTOP, expectAccessible, heading, openTab, PHONE, screenshot, signIn } from './support/console-steps.js';

/** At 360 px nothing may scroll sideways. */
async function expectNoSidewaysScroll(page: Page): Promise<void> {
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(await page.evaluate(() => window.innerWidth));
}

describe('the class teacher console: home, classes, flags and session requests (Chromium)', () => {
  let server: ConsoleServer;
  let browser: Browser;
  let tab: ConsoleTab;
  let classAName: string;
  let classBName: string;
  let lin: { id: string; studentNumber: string };

  const asUser = async (user: { id: string }) => ({ authorization: await bearer(server.t, user) });

  beforeAll(async () => {
    [server, browser] = await Promise.all([startConsoleServer(), launchChromium()]);
    const w = server.world;
    lin = await createStudent(server.t, { schoolId: w.school.id, classId: w.classA.id, name: '林小雨' });
    const names = await server.t.dataSource.query<{ id: string; label: string }[]>(
      `SELECT c.id, g.name || ' ' || c.name AS label FROM classes c JOIN grades g ON g.id = c.grade_id WHERE c.id = ANY($1)`,
      [[w.classA.id, w.classB.id]],
    );
    classAName = names.find((n) => n.id === w.classA.id)?.label ?? '';
    classBName = names.find((n) => n.id === w.classB.id)?.label ?? '';
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  afterEach(async () => closeTab(tab, server));

  it('opens on the teacher home: my classes only, the quick action, what waits for me, the reminders link', async () => {
    tab = await openTab(browser, PHONE);
    const { page } = tab;
    await signIn(page, server, server.world.teacher);
    expect(await heading(page)).toBe('我的工作台');
    const classes = page.getByRole('region', { name: '我的班级' });
    await classes.getByRole('link', { name: `查看 ${classAName} 的学生` }).waitFor();
    expect(await classes.getByRole('link').count()).toBe(1);
    expect(await page.getByText(classBName).count()).toBe(0);
    await page.getByRole('region', { name: '快捷操作' }).getByRole('link', { name: '上报关注' }).waitFor();
    await page.getByRole('region', { name: '心理筛查：尚未作答的学生' }).getByText('目前没有等待本班学生作答的筛查。').waitFor();
    await page.getByRole('region', { name: '安全教育待确认' }).getByText('没有待确认的安全教育活动。').waitFor();
    await page.getByRole('region', { name: '假期分类登记' }).getByText('暂无即将到来的假期。').waitFor();
    const reminders = page.getByRole('region', { name: '我的提醒' });
    await reminders.getByText('没有需要处理的提醒。').waitFor();
    expect(await reminders.getByRole('link', { name: '查看全部提醒' }).getAttribute('href')).toBe('/console/reminders');
    // The counselor's Today page is not the teacher's.
    expect(await page.getByRole('heading', { name: '今日工作' }).count()).toBe(0);
    await expectNoSidewaysScroll(page);
    await expectAccessible(page);
    await screenshot(page, 'teacher-home-phone');
  });

  it('lists the students of my class, each linked to the student page, and answers another class with "not found"', async () => {
    tab = await openTab(browser, PHONE);
    const { page } = tab;
    await signIn(page, server, server.world.teacher);
    await page.getByRole('navigation').getByRole('link', { name: '我的班级' }).click();
    expect(await heading(page)).toBe('我的班级');
    await expectAccessible(page);
    await page.getByRole('link', { name: `查看 ${classAName} 的学生` }).click();
    expect(await heading(page)).toBe(classAName);
    const student = page.getByRole('link', { name: '林小雨', exact: true });
    await student.waitFor();
    expect(await student.getAttribute('href')).toBe(`/console/students/${lin.id}`);
    await page.getByRole('link', { name: '上报关注：林小雨' }).waitFor();
    await page.getByRole('button', { name: '申请咨询：林小雨' }).waitFor();
    await expectNoSidewaysScroll(page);
    await expectAccessible(page);

    // Another teacher's class looks exactly like a class that does not exist.
    await page.goto(server.url(`/classes/${server.world.classB.id}`));
    expect(await heading(page)).toBe('找不到这个页面');
    await page.goto(server.url('/classes/00000000-0000-4000-8000-000000000000'));
    expect(await heading(page)).toBe('找不到这个页面');
  });

  it('raises an urgent concern from the class list on a phone, and the API holds it with its critical alert', async () => {
    tab = await openTab(browser, PHONE);
    const { page } = tab;
    await signIn(page, server, server.world.teacher, `/classes/${server.world.classA.id}`);
    await page.getByRole('link', { name: '上报关注：林小雨' }).click();
    expect(await heading(page)).toBe('上报关注');
    const student = page.getByLabel('学生');
    await student.waitFor();
    expect(await student.inputValue()).toBe(lin.id);
    // Only the students of my classes are offered.
    const offered = await student.locator('option').allInnerTexts();
    expect(offered.some((o) => o.includes('林小雨'))).toBe(true);
    expect(offered).toHaveLength(3); // the prompt, 张小明 and 林小雨 of class A

    await page.getByLabel('关注类别').selectOption({ label: '提到自伤或轻生' });
    await page.getByRole('radio', { name: /紧急/ }).check();
    await page.getByRole('note').filter({ hasText: '立刻向心理老师发出危急预警' }).waitFor();
    await page.getByLabel(/看到或听到了什么/).fill('午休时说“不想活了”，把自己的东西都送给了同学');
    const observedAt = await page.getByLabel(/什么时候/).inputValue();
    expect(observedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/);
    await expectNoSidewaysScroll(page);
    await expectAccessible(page);
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'raise-flag-phone');

    await page.getByRole('button', { name: '提交上报' }).click();
    await page.getByRole('status').filter({ hasText: '已提交，心理老师已收到。' }).waitFor();
    await page.getByText('当前状态：已收到').waitFor();
    await expectAccessible(page);

    const flags = await server.t.http.get('/api/v1/concern-flags').set(await asUser(server.world.teacher));
    expect(flags.status).toBe(200);
    const flag = flags.body.items.find((f: { studentId: string }) => f.studentId === lin.id);
    expect(flag).toMatchObject({ category: 'self_harm_or_suicide_talk', severity: 'urgent', status: 'received', observation: '午休时说“不想活了”，把自己的东西都送给了同学' });
    expect(Math.abs(new Date(flag.observedAt).getTime() - Date.now())).toBeLessThan(10 * 60_000);
    const [alert] = await server.t.dataSource.query<{ severity: string }[]>('SELECT severity FROM alerts WHERE student_id = $1', [lin.id]);
    expect(alert).toEqual({ severity: 'critical' });

    await page.getByRole('link', { name: '查看这条上报' }).click();
    expect(await heading(page)).toBe('关于 林小雨 的上报');
    await expectAccessible(page);
  });

  it("shows my flags with the teacher's status only, never the counselor's decision or words", async () => {
    const w = server.world;
    const raised = await server.t.http
      .post('/api/v1/concern-flags')
      .set(await asUser(w.teacher))
      .send({ studentId: w.studentA.id, category: 'family_crisis', severity: 'low', observedAt: new Date(Date.now() - 3600_000).toISOString(), observation: '父母最近在办离婚，孩子上课走神' });
    expect(raised.status).toBe(201);
    const triaged = await server.t.http
      .post(`/api/v1/concern-flags/${raised.body.id}/triage`)
      .set(await asUser(w.counselor))
      .send({ decision: 'monitor', version: 1, reason: '咨询师的内部判断：持续观察两周' });
    expect(triaged.status).toBe(200);
    expect(triaged.body.status).toBe('monitoring');

    tab = await openTab(browser, DESKTOP);
    const { page } = tab;
    await signIn(page, server, w.teacher);
    await page.getByRole('navigation').getByRole('link', { name: '我上报的' }).click();
    expect(await heading(page)).toBe('我上报的关注');
    const list = page.getByRole('list', { name: '我上报的关注' });
    const card = list.getByRole('listitem').filter({ hasText: '家庭变故' });
    await card.waitFor();
    expect(await card.locator('.badge').innerText()).toBe('正在跟进');
    expect(await page.content()).not.toMatch(/持续观察两周|monitoring|持续关注/);
    await expectAccessible(page);

    await card.getByRole('link').click();
    expect(await heading(page)).toMatch(/^关于 .+ 的上报$/);
    await page.getByText('父母最近在办离婚，孩子上课走神').waitFor();
    expect(await page.getByRole('region').first().locator('.badge').innerText()).toBe('正在跟进');
    expect(await page.content()).not.toMatch(/持续观察两周/);
    await expectAccessible(page);

    // Another teacher's flag is "not found", like a missing one.
    const other = await server.t.http
      .post('/api/v1/concern-flags')
      .set(await asUser(w.teacher2))
      .send({ studentId: w.studentB.id, category: 'other', severity: 'low', observedAt: new Date(Date.now() - 3600_000).toISOString(), observation: '另一个班的情况' });
    await page.goto(server.url(`/flags/${other.body.id}`));
    expect(await heading(page)).toBe('找不到这个页面');
  });

  it('requests a counseling session for a student of my class, as the API asks', async () => {
    tab = await openTab(browser, PHONE);
    const { page } = tab;
    await signIn(page, server, server.world.teacher, `/classes/${server.world.classA.id}`);
    await page.getByRole('button', { name: '申请咨询：林小雨' }).click();
    const form = page.getByRole('form', { name: '为 林小雨 申请心理咨询' });
    await form.getByLabel(/申请原因/).selectOption({ label: '同伴关系' });
    expect(await form.getByLabel('方便的时间：从').inputValue()).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/);
    await expectNoSidewaysScroll(page);
    await expectAccessible(page);
    await form.getByRole('button', { name: '提交咨询申请' }).click();
    await page.getByRole('status').filter({ hasText: '已为 林小雨 提交咨询申请' }).waitFor();

    const [request] = await server.t.dataSource.query<{ status: string; request_reason: string; requested_by: string }[]>(
      'SELECT status, request_reason, requested_by FROM appointments WHERE student_id = $1',
      [lin.id],
    );
    expect(request).toEqual({ status: 'requested', request_reason: 'peer_relationships', requested_by: server.world.teacher.id });
  });
});
