// Code passed to page.evaluate() runs in the browser: type it against the DOM.
/// <reference lib="dom" />
import { randomUUID } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { ManualClock } from '#core';
import { bearer, createCase, createStudent } from '../support/factories.js';
import { launchChromium } from '../support/browser/chromium.js';
import { gad7, instrumentIdsByCode, openCampaign, phq9WithTotal } from '../screening/support/screening-campaigns.js';
import { type ConsoleServer, startConsoleServer } from './support/console-server.js';
import { type ConsoleTab, closeTab, DESKTOP, expectAccessible, heading, openTab, PHONE, screenshot, signIn } from './support/console-steps.js';

const DAY = 24 * 3600_000;

describe('the student page and the students search (Chromium)', () => {
  const clock = new ManualClock(new Date());
  let server: ConsoleServer;
  let browser: Browser;
  let tab: ConsoleTab;
  let caseId: string;
  let studentName: string;

  const as = async (user: { id: string }) => ({ authorization: await bearer(server.t, user) });

  beforeAll(async () => {
    [server, browser] = await Promise.all([startConsoleServer({ clock }), launchChromium()]);
    const { t, world: w } = server;
    const now = clock.now().getTime();
    [{ name: studentName }] = await t.dataSource.query<{ name: string }[]>('SELECT name FROM students WHERE id = $1', [w.studentA.id]);

    // Two screenings a few weeks apart (PHQ-9 in both, GAD-7 in the second), entered as paper results.
    const ids = await instrumentIdsByCode(t);
    const campaign = (name: string, instrumentIds: string[]) =>
      openCampaign(t, w.counselor, {
        name,
        opensAt: new Date(now - 40 * DAY).toISOString(),
        closesAt: new Date(now + DAY).toISOString(),
        classIds: [w.classA.id],
        instrumentIds,
      });
    const autumn = await campaign('期中筛查', [ids.phq9]);
    const winter = await campaign('期末复查', [ids.phq9, ids.gad7]);
    const enter = async (campaignId: string, instrumentCode: string, answers: Record<string, unknown>, daysAgo: number) => {
      const res = await t.http
        .post(`/api/v1/screening-campaigns/${campaignId}/responses`)
        .set(await as(w.counselor))
        .send({ studentId: w.studentA.id, instrumentCode, answers, administeredAt: new Date(now - daysAgo * DAY).toISOString() });
      expect(res.status).toBe(201);
    };
    await enter(autumn.id, 'phq9', phq9WithTotal(6), 30);
    await enter(winter.id, 'phq9', phq9WithTotal(14), 3);
    await enter(winter.id, 'gad7', gad7({ item1: 2, item2: 1 }), 3);

    const guardian = await t.http
      .post(`/api/v1/students/${w.studentA.id}/guardians`)
      .set(await as(w.admin))
      .send({ name: '王芳', relation: 'mother', phone: '13900001111', isPrimary: true });
    expect(guardian.status).toBe(201);
    const assessed = await t.http
      .post(`/api/v1/students/${w.studentA.id}/risk-assessments`)
      .set(await as(w.counselor))
      .send({ level: 'high', reason: '两次筛查分数上升，近期情绪低落', expiresAt: new Date(now + 30 * DAY).toISOString() });
    expect(assessed.status).toBe(200);
    caseId = (await createCase(t, { schoolId: w.school.id, studentId: w.studentA.id, ownerId: w.counselor.id, riskLevel: 'high' })).id;
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  afterEach(async () => closeTab(tab, server));

  it('finds a student by the start of the name and class, and opens their page with every section a counselor has', async () => {
    tab = await openTab(browser, DESKTOP);
    const { page } = tab;
    const { world: w } = server;
    await signIn(page, server, w.counselor, '/students');
    expect(await heading(page)).toBe('学生');
    await page.getByRole('link', { name: '学生', exact: true }).waitFor(); // the menu entry
    await page.getByLabel(/姓名或学号/).fill(studentName.slice(0, 1));
    await page.getByLabel('班级').selectOption({ value: w.classA.id });
    await page.getByRole('button', { name: '查找' }).click();
    await page.getByRole('link', { name: studentName }).waitFor();
    expect(tab.watch.requests.some((url) => url.includes('/api/v1/students?') && url.includes(`classId=${w.classA.id}`))).toBe(true);
    await expectAccessible(page);
    await page.getByRole('link', { name: studentName }).click();

    expect(await heading(page)).toBe(studentName);
    await page.getByRole('heading', { name: '筛查结果' }).waitFor();
    await page.locator('svg[role="img"]').first().waitFor();
    await page.getByRole('link', { name: '新开' }).waitFor();
    const sections = await page.locator('main h2').allInnerTexts();
    expect(sections).toEqual(['班级与学籍', '监护人', '风险等级', '筛查结果', '我参与的个案', '心理咨询']);

    const guardians = page.getByRole('region', { name: '监护人' });
    expect(await guardians.getByText('王芳').isVisible()).toBe(true);
    expect(await guardians.getByRole('link', { name: '13900001111' }).getAttribute('href')).toBe('tel:13900001111');
    const risk = page.getByRole('region', { name: '风险等级' });
    expect(await risk.locator('dd .badge').first().innerText()).toBe('高');
    expect(await risk.getByText('两次筛查分数上升，近期情绪低落').first().isVisible()).toBe(true);
    expect(await risk.locator('table tbody tr').count()).toBeGreaterThan(0);
    expect(await page.getByRole('link', { name: '新开' }).getAttribute('href')).toBe(`/console/cases/${caseId}`);

    // The chart and its table hold the numbers the API answers.
    const api = await server.t.http.get(`/api/v1/students/${w.studentA.id}/screening-results`).set(await as(w.counselor));
    const totals = (code: string) =>
      (api.body.items as { instrumentCode: string; total: number; administeredAt: string }[])
        .filter((r) => r.instrumentCode === code)
        .sort((a, b) => a.administeredAt.localeCompare(b.administeredAt))
        .map((r) => String(r.total));
    expect(totals('phq9')).toEqual(['6', '14']);
    const phqChart = page.locator('svg[role="img"][data-instrument="phq9"]');
    expect(await phqChart.locator('g[data-total]').evaluateAll((gs) => gs.map((g) => g.getAttribute('data-total')))).toEqual(totals('phq9'));
    // SVG text has no innerText: its textContent is what is drawn.
    const drawn = (selector: string) => page.locator(selector).evaluateAll((texts) => texts.map((text) => text.textContent));
    expect(await drawn('svg[data-instrument="phq9"] text.value')).toEqual(totals('phq9'));
    expect(await drawn('svg[data-instrument="gad7"] text.value')).toEqual(totals('gad7'));
    expect(await page.getByRole('img', { name: /phq9 总分变化/ }).count()).toBe(1);
    const rows = await page.getByRole('table', { name: '每次筛查的结果' }).locator('tbody tr').evaluateAll((trs) =>
      trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')),
    );
    expect(rows.map((cells) => [cells[1], cells[2]])).toEqual([
      ['phq9', '6'],
      ['gad7', totals('gad7')[0]],
      ['phq9', '14'],
    ]);
    await expectAccessible(page);
    await page.getByRole('heading', { name: '筛查结果' }).scrollIntoViewIfNeeded(); // the chart in the picture
    await screenshot(page, 'student-page-desktop');

    // The page read the student once, audited, and asked for nothing it does not show.
    const reads = tab.watch.requests.filter((url) => new URL(url).pathname === `/api/v1/students/${w.studentA.id}`);
    expect(reads).toHaveLength(1);
    expect(tab.watch.requests.some((url) => url.includes('/guardians'))).toBe(false);
    const [audit] = await server.t.dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM audit_events WHERE actor_id = $1 AND action = 'student.read' AND entity_id = $2`,
      [w.counselor.id, w.studentA.id],
    );
    expect(audit.n).toBeGreaterThanOrEqual(1);
  });

  it('pages through many students with "load more", and finds one by the start of the student number', async () => {
    const { t, world: w } = server;
    const numbers = Array.from({ length: 55 }, (_, i) => `P26-${String(i).padStart(3, '0')}`);
    for (const studentNumber of numbers) await createStudent(t, { schoolId: w.school.id, classId: w.classB.id, name: `李同学${studentNumber.slice(-3)}`, studentNumber });
    tab = await openTab(browser, PHONE);
    const { page } = tab;
    await signIn(page, server, w.counselor, '/students');
    await page.getByLabel(/姓名或学号/).fill('李同学');
    await page.getByRole('button', { name: '查找' }).click();
    await page.getByText('已显示 50 名').waitFor();
    const rows = page.locator('.students-table tbody tr');
    expect(await rows.count()).toBe(50);
    await page.getByRole('button', { name: '加载更多' }).click();
    await page.getByText('已显示 55 名').waitFor();
    expect(await page.getByRole('button', { name: '加载更多' }).count()).toBe(0);
    const shown = await rows.locator('td:nth-child(2)').allInnerTexts();
    expect([...shown].sort()).toEqual(numbers);

    await page.getByLabel(/姓名或学号/).fill('P26-05');
    await page.getByRole('button', { name: '查找' }).click();
    await page.getByText('已显示 5 名').waitFor();
    expect((await rows.locator('td:nth-child(2)').allInnerTexts()).sort()).toEqual(numbers.filter((n) => n.startsWith('P26-05')));
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await expectAccessible(page);
  });

  it("shows a class teacher only what the API gives them: no risk, no screening, none of the counselor's cases", async () => {
    tab = await openTab(browser, PHONE);
    const { page } = tab;
    const { world: w } = server;
    await signIn(page, server, w.teacher, `/students/${w.studentA.id}`);
    expect(await heading(page)).toBe(studentName);
    await page.getByText('没有你参与的个案。').waitFor();
    await page.getByText('没有咨询记录。').waitFor();
    expect(await page.locator('main h2').allInnerTexts()).toEqual(['班级与学籍', '监护人', '我参与的个案', '心理咨询']);
    expect(await page.getByText('王芳').isVisible()).toBe(true);
    expect(await page.getByRole('link', { name: '新开' }).count()).toBe(0);
    expect(await page.locator('svg').count()).toBe(0);
    expect(tab.watch.requests.some((url) => /\/risk|\/screening-results/.test(url))).toBe(false);
    // The students search is not in a class teacher's menu.
    expect(await page.getByRole('navigation').getByRole('link', { name: '学生', exact: true }).count()).toBe(0);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await expectAccessible(page);

    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Guardians' }).waitFor();
    expect(await page.locator('main h2').allInnerTexts()).toEqual(['Class and enrolment', 'Guardians', 'Cases you are on the team of', 'Counseling sessions']);
    expect(await page.getByText('Mother').isVisible()).toBe(true);
    await page.getByRole('button', { name: '中文' }).click();
  });

  it("gives a class teacher opening another class's student exactly the not-found page of a made-up id", async () => {
    tab = await openTab(browser, PHONE);
    const { page } = tab;
    const { world: w } = server;
    await signIn(page, server, w.teacher, `/students/${w.studentB.id}`);
    expect(await heading(page)).toBe('找不到这个页面');
    const otherClass = await page.locator('main').innerHTML();
    await expectAccessible(page);

    await page.goto(server.url(`/students/${randomUUID()}`));
    expect(await heading(page)).toBe('找不到这个页面');
    expect(await page.locator('main').innerHTML()).toBe(otherClass);

    // Nothing beyond the student read was asked for either.
    expect(tab.watch.requests.some((url) => /\/api\/v1\/(cases|appointments)\?/.test(url))).toBe(false);
    const api = await server.t.http.get(`/api/v1/students/${w.studentB.id}`).set(await as(w.teacher));
    expect(api.status).toBe(404);
  });
});
