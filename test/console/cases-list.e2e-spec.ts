// Code passed to page.evaluate() runs in the browser: type it against the DOM.
/// <reference lib="dom" />
import type { Browser, Page } from 'playwright-core';
import { bearer, createCase, createStudent, createUser, type TestUser } from '../support/factories.js';
import { launchChromium } from '../support/browser/chromium.js';
import { type ConsoleServer, startConsoleServer } from './support/console-server.js';
import { type ConsoleTab, closeTab, DESKTOP, expectAccessible, heading, openTab, PHONE, screenshot, signIn } from './support/console-steps.js';

const RISKS = ['low', 'moderate', 'high', 'critical'] as const;

describe('the cases list (Chromium)', () => {
  let server: ConsoleServer;
  let browser: Browser;
  let tab: ConsoleTab;
  let counselor2: TestUser;
  let lead: TestUser;
  /** Student names by case id, newest opened first, of the cases on the counselor's team. */
  const counselorCases: { id: string; name: string; risk: string; owned: boolean }[] = [];
  let sharedCaseName: string;
  let highCaseId: string;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startConsoleServer(), launchChromium()]);
    const { school, classA, counselor } = server.world;
    [counselor2, lead] = await Promise.all([
      createUser(server.t, { schoolId: school.id, role: 'counselor', displayName: '陈静' }),
      createUser(server.t, { schoolId: school.id, role: 'counseling_lead', displayName: '周主任' }),
    ]);
    // 22 cases of the counselor's own, one a minute apart, the newest first; risk levels in turn.
    for (let i = 0; i < 22; i++) {
      const name = `学生${String(i + 1).padStart(2, '0')}`;
      const student = await createStudent(server.t, { schoolId: school.id, classId: classA.id, name });
      const risk = RISKS[i % 4];
      const opened = await createCase(server.t, { schoolId: school.id, studentId: student.id, ownerId: counselor.id, riskLevel: risk });
      await server.t.dataSource.query(`UPDATE cases SET opened_at = now() - make_interval(mins => $2) WHERE id = $1`, [opened.id, i + 10]);
      counselorCases.push({ id: opened.id, name, risk, owned: true });
    }
    // A case of counselor2's with the counselor on its team (the newest of all), and one without them.
    sharedCaseName = '共管学生';
    const shared = await createStudent(server.t, { schoolId: school.id, classId: classA.id, name: sharedCaseName });
    const sharedCase = await createCase(server.t, { schoolId: school.id, studentId: shared.id, ownerId: counselor2.id, riskLevel: 'high' });
    await server.t.dataSource.query('INSERT INTO case_team_members (school_id, case_id, user_id, added_at) VALUES ($1, $2, $3, now())', [school.id, sharedCase.id, counselor.id]);
    counselorCases.unshift({ id: sharedCase.id, name: sharedCaseName, risk: 'high', owned: false });
    const hidden = await createStudent(server.t, { schoolId: school.id, classId: classA.id, name: '别组学生' });
    await createCase(server.t, { schoolId: school.id, studentId: hidden.id, ownerId: counselor2.id, riskLevel: 'critical' });

    // One task overdue on the newest own case.
    const newestOwn = counselorCases[1];
    const created = await server.t.http
      .post(`/api/v1/cases/${newestOwn.id}/tasks`)
      .set({ authorization: await bearer(server.t, counselor) })
      .send({ title: '回访', assigneeId: counselor.id, dueAt: new Date(Date.now() + 60_000).toISOString() });
    expect(created.status).toBe(201);
    await server.t.dataSource.query(`UPDATE case_tasks SET due_at = now() - interval '1 hour' WHERE id = $1`, [created.body.id]);
    highCaseId = counselorCases.find((c) => c.owned && c.risk === 'high')?.id ?? '';
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  afterEach(async () => closeTab(tab, server));

  const cards = (page: Page) => page.getByRole('list', { name: '个案' }).getByRole('listitem');
  const names = async (page: Page) => (await cards(page).locator('.card-title').allInnerTexts()).map((t) => t.trim());

  async function openList(user: TestUser, path = '/cases', viewport = DESKTOP): Promise<Page> {
    tab = await openTab(browser, viewport);
    await signIn(tab.page, server, user, path);
    return tab.page;
  }

  it('lists the cases of the counselor\'s team newest first, 20 at a time, each linking to its workspace', async () => {
    const page = await openList(server.world.counselor);
    await page.getByRole('navigation').getByRole('link', { name: '个案' }).waitFor();
    expect(await heading(page)).toBe('个案');
    await cards(page).nth(19).waitFor();
    expect(await names(page)).toEqual(counselorCases.slice(0, 20).map((c) => c.name));
    await page.getByText('已显示 20 个').waitFor();
    await cards(page).filter({ hasText: counselorCases[1].name }).getByText('1 项任务逾期').waitFor();
    await expectAccessible(page);
    await screenshot(page, 'cases-list-desktop');

    await page.getByRole('button', { name: '加载更多' }).click();
    await page.getByText('已显示 23 个').waitFor();
    expect(await names(page)).toEqual(counselorCases.map((c) => c.name));
    expect(await page.getByRole('button', { name: '加载更多' }).count()).toBe(0);
    expect(await names(page)).not.toContain('别组学生');

    await cards(page).getByRole('link', { name: counselorCases[2].name }).click();
    expect(await heading(page)).toBe(`${counselorCases[2].name} 的个案`);
    expect(new URL(page.url()).pathname).toBe(`/console/cases/${counselorCases[2].id}`);
  });

  it('filters by risk level, state and ownership as the API does, and keeps the filters over a reload', async () => {
    const page = await openList(server.world.counselor, '/cases', PHONE);
    await cards(page).first().waitFor();
    await page.getByLabel('风险等级').selectOption({ label: '高风险' });
    await page.getByText(`已显示 ${counselorCases.filter((c) => c.risk === 'high').length} 个`).waitFor();
    expect(await names(page)).toEqual(counselorCases.filter((c) => c.risk === 'high').map((c) => c.name));
    await expectAccessible(page);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);

    await page.getByLabel('显示', { exact: true }).selectOption({ label: '我负责的个案' });
    await page.getByText(`已显示 ${counselorCases.filter((c) => c.risk === 'high' && c.owned).length} 个`).waitFor();
    expect(await names(page)).not.toContain(sharedCaseName);

    await page.reload();
    await cards(page).first().waitFor();
    expect(await page.getByLabel('风险等级').inputValue()).toBe('high');
    expect(await names(page)).toEqual(counselorCases.filter((c) => c.risk === 'high' && c.owned).map((c) => c.name));

    // The same answer as the API's for the same filters.
    const api = await server.t.http
      .get('/api/v1/cases')
      .query({ riskLevel: 'high', ownerId: server.world.counselor.id })
      .set({ authorization: await bearer(server.t, server.world.counselor) });
    expect(await names(page)).toEqual(api.body.items.map((c: { studentName: string }) => c.studentName));

    await page.getByLabel('状态').selectOption({ label: '已结案' });
    await page.getByText('没有符合条件的个案。').waitFor();
  });

  it('shows another counselor only the cases the API gives them', async () => {
    const page = await openList(counselor2);
    await cards(page).nth(1).waitFor();
    const api = await server.t.http.get('/api/v1/cases').set({ authorization: await bearer(server.t, counselor2) });
    expect(api.body.items).toHaveLength(2);
    expect((await names(page)).sort()).toEqual(['共管学生', '别组学生'].sort());
    await page.getByText('已显示 2 个').waitFor();
  });

  it('shows the head of counseling the closure requests waiting for approval, and lets them approve one', async () => {
    const auth = { authorization: await bearer(server.t, server.world.counselor) };
    const current = await server.t.http.get(`/api/v1/cases/${highCaseId}`).set(auth);
    const requested = await server.t.http
      .post(`/api/v1/cases/${highCaseId}/closure-requests`)
      .set(auth)
      .send({ version: current.body.version, reason: '连续四周情绪稳定，已恢复正常上课', guardianContactWaiver: '家长在外地，已委托班主任当面告知' });
    expect(requested.status).toBe(201);

    const page = await openList(lead);
    const pending = page.getByRole('region', { name: '等待你批准的结案申请' });
    const name = counselorCases.find((c) => c.id === highCaseId)?.name ?? '';
    const card = pending.getByRole('listitem').filter({ hasText: name });
    await card.getByText('结案理由：连续四周情绪稳定，已恢复正常上课').waitFor();
    await card.getByText('未联系上监护人的原因：家长在外地，已委托班主任当面告知').waitFor();
    await expectAccessible(page);
    await card.getByLabel(`对 ${name} 结案申请的意见（可选）`).fill('同意，请班主任继续关注');
    await card.getByRole('button', { name: `批准 ${name} 结案` }).click();
    await pending.waitFor({ state: 'detached' });

    const [row] = await server.t.dataSource.query<{ status: string; state: string }[]>(
      'SELECT r.status, c.state FROM case_closure_requests r JOIN cases c ON c.id = r.case_id WHERE r.case_id = $1',
      [highCaseId],
    );
    expect(row).toEqual({ status: 'approved', state: 'closed' });
  });

  it('gives a class teacher no cases page: the menu has none and the address shows the not-found page', async () => {
    const page = await openList(server.world.teacher, `/cases/${counselorCases[0].id}`);
    expect(await heading(page)).toBe('找不到这个页面');
    expect(await page.getByRole('navigation').getByRole('link', { name: '个案' }).count()).toBe(0);
    await page.goto(server.url('/cases'));
    expect(await heading(page)).toBe('找不到这个页面');
    await expectAccessible(page);
  });
});
