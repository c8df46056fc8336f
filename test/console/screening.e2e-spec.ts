// Code passed to page.evaluate() runs in the browser: type it against the DOM.
/// <reference lib="dom" />
import { readFile } from 'node:fs/promises';
import type { Browser } from 'playwright-core';
import { bearer, createUser, type TestUser } from '../support/factories.js';
import { launchChromium } from '../support/browser/chromium.js';
import { instrumentIdsByCode, openCampaign, phq9 } from '../screening/support/screening-campaigns.js';
import { type ConsoleServer, startConsoleServer } from './support/console-server.js';
import type { Page } from 'playwright-core';
import { type ConsoleTab, closeTab, DESKTOP, expectAccessible, openTab, PHONE, screenshot, signIn, waitUntil } from './support/console-steps.js';

/** Waits for the page whose main heading is `name` (after a click that navigates). */
const h1 = (page: Page, name: string) => page.getByRole('heading', { level: 1, name, exact: true }).waitFor();

describe('the staff console: screening campaigns (Chromium)', () => {
  let server: ConsoleServer;
  let browser: Browser;
  let tab: ConsoleTab;
  let lead: TestUser;
  let classAName: string;
  /** The campaign the first test creates through the page. */
  let campaignId = '';
  const campaignName = '2026秋季新生心理健康筛查';

  beforeAll(async () => {
    [server, browser] = await Promise.all([startConsoleServer(), launchChromium()]);
    // The head of counseling runs the campaign and reads its report (report.read); counselors do not.
    lead = await createUser(server.t, { schoolId: server.world.school.id, role: 'counseling_lead', displayName: '陈主任' });
    const [row] = await server.t.dataSource.query<{ name: string }[]>(
      `SELECT g.name || ' ' || c.name AS name FROM classes c JOIN grades g ON g.id = c.grade_id WHERE c.id = $1`,
      [server.world.classA.id],
    );
    classAName = row.name;
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  afterEach(async () => closeTab(tab, server));

  const campaignRow = async () =>
    (await server.t.dataSource.query<{ status: string; name: string; invitations: number }[]>(
      `SELECT c.status, c.name, (SELECT count(*)::int FROM screening_invitations i WHERE i.campaign_id = c.id) AS invitations FROM screening_campaigns c WHERE c.id = $1`,
      [campaignId],
    ))[0];

  it('creates and opens a campaign, shows progress, downloads the invitations, prints slips, then shows results and alerts', async () => {
    tab = await openTab(browser, DESKTOP);
    const { page } = tab;
    await signIn(page, server, lead, '/screening');
    await h1(page, '心理筛查');
    await page.getByText('还没有筛查活动。').waitFor();
    await expectAccessible(page);

    await page.getByRole('button', { name: '新建筛查活动' }).click();
    await page.getByLabel('活动名称').fill(campaignName);
    await page.getByLabel(classAName).check();
    await page.getByLabel(/PHQ9 v1/).check();
    await page.getByLabel('王心怡').check();
    await expectAccessible(page);
    await page.getByRole('button', { name: '创建草稿' }).click();
    await h1(page, `筛查：${campaignName}`);
    campaignId = new URL(page.url()).pathname.split('/').pop() ?? '';
    expect(await campaignRow()).toEqual({ status: 'draft', name: campaignName, invitations: 0 });
    const draft = await server.t.http.get(`/api/v1/screening-campaigns/${campaignId}`).set({ authorization: await bearer(server.t, lead) });
    expect([...draft.body.counselorIds].sort()).toEqual([lead.id, server.world.counselor.id].sort());
    expect(draft.body.classIds).toEqual([server.world.classA.id]);
    await expectAccessible(page);

    await page.getByRole('button', { name: '开始筛查并发出邀请' }).click();
    await page.getByRole('button', { name: '结束筛查' }).waitFor();
    expect(await campaignRow()).toEqual({ status: 'open', name: campaignName, invitations: 1 });
    const progressRow = page.getByRole('row', { name: new RegExp(classAName) });
    expect(await progressRow.getByRole('cell').allInnerTexts()).toEqual(['1', '0', '0%', '答题条']);
    await page.getByText('本次筛查没有引发预警。').waitFor();
    await page.getByText('还没有人提交答卷。').waitFor();

    // The CSV needs the access token: fetched by the page, handed over as a file.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '下载邀请名单（CSV）' }).click()]);
    expect(download.suggestedFilename()).toBe(`${campaignName}-invitations.csv`);
    const csv = await readFile(await download.path(), 'utf8');
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const [header, ...rows] = csv.replace(/^\uFEFF/, '').trim().split(/\r?\n/);
    expect(header).toBe('student_number,name,class,token,link');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toContain(server.world.studentA.studentNumber);
    expect(rows[0]).toContain('张小明');
    const audited = (action: string) =>
      server.t.dataSource.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM audit_events WHERE entity_id = $1 AND action = $2 AND actor_id = $3`, [campaignId, action, lead.id]);
    expect(await audited('screening_invitation.export')).toEqual([{ n: 1 }]);

    // The class's slips, inside the console: the link on the slip is the one in the CSV.
    await page.getByRole('link', { name: `打印 ${classAName} 的答题条` }).click();
    await h1(page, `答题条：${classAName}`);
    const slip = page.locator('.slips-sheet .slip').first();
    await slip.getByRole('img', { name: '问卷链接的二维码' }).waitFor();
    expect(await slip.innerText()).toContain(server.world.studentA.studentNumber);
    const token = rows[0].split(',')[3];
    expect(await slip.locator('.link').innerText()).toBe(`${server.origin}/s/${token}`);
    await page.getByRole('button', { name: '打印' }).waitFor();
    expect(await audited('screening_invitation.print')).toEqual([{ n: 1 }]);
    await expectAccessible(page);
    await screenshot(page, 'screening-slips-desktop');
    await page.getByRole('link', { name: '回到筛查活动' }).click();
    await h1(page, `筛查：${campaignName}`);

    // A paper form with item 9 answered is entered through the API: it raises a critical alert.
    const entered = await server.t.http
      .post(`/api/v1/screening-campaigns/${campaignId}/responses`)
      .set({ authorization: await bearer(server.t, lead) })
      .send({ studentId: server.world.studentA.id, instrumentCode: 'phq9', answers: phq9({ item1: 3, item2: 3, item9: 1 }), administeredAt: new Date(Date.now() - 1_000).toISOString() });
    expect(entered.status).toBe(201);
    await page.reload();
    await page.getByRole('cell', { name: '100%' }).first().waitFor();
    expect(await progressRow.getByRole('cell').allInnerTexts()).toEqual(['1', '1', '100%', '答题条']);
    const band = page.locator('#campaign-bands tbody tr');
    await band.first().waitFor();
    expect(await band.count()).toBe(1);
    // Named as the instrument names its band, never the bare code.
    const [instrument] = await server.t.dataSource.query<{ id: string; name_zh: string }[]>(`SELECT id, name_zh FROM screening_instruments WHERE code = 'phq9' AND version = 1`);
    const detail = await server.t.http.get(`/api/v1/instruments/${instrument.id}`).set({ authorization: await bearer(server.t, lead) });
    const mild = (detail.body.definition.bands as { code: string; labelZh: string }[]).find((b) => b.code === 'mild');
    expect(await band.first().getByRole('cell').allInnerTexts()).toEqual([instrument.name_zh, mild?.labelZh, '1', '1']);
    const alertRow = page.getByRole('row', { name: /张小明/ });
    await alertRow.waitFor();
    expect(await alertRow.innerText()).toContain('危急');
    expect(await alertRow.innerText()).toContain('PHQ9 危急条目');
    await expectAccessible(page);
    await screenshot(page, 'screening-campaign-desktop');

    const report = await server.t.http.get(`/api/v1/reports/screening-campaigns/${campaignId}`).set({ authorization: await bearer(server.t, lead) });
    expect(report.body.bands).toEqual([expect.objectContaining({ instrumentCode: 'phq9', bandCode: 'mild', responses: 1, withCriticalItem: 1 })]);
    const alerts = await server.t.http.get('/api/v1/alerts').query({ campaignId }).set({ authorization: await bearer(server.t, lead) });
    expect(alerts.body.items).toEqual([expect.objectContaining({ studentId: server.world.studentA.id, severity: 'critical', sourceId: entered.body.id })]);
  }, 90_000);

  it('shows a counselor outside the team the progress only, and fits a phone', async () => {
    const ids = await instrumentIdsByCode(server.t);
    const other = '2026冬季复查';
    const opened = await openCampaign(server.t, lead, {
      name: other,
      opensAt: new Date(Date.now() - 60_000).toISOString(),
      closesAt: new Date(Date.now() + 7 * 24 * 3600_000).toISOString(),
      classIds: [server.world.classA.id],
      instrumentIds: [ids.phq9],
    });
    expect(opened.invitationCount).toBe(1);
    tab = await openTab(browser, PHONE);
    const { page } = tab;
    await signIn(page, server, server.world.counselor, '/screening');
    await page.getByRole('link', { name: other }).click();
    await h1(page, `筛查：${other}`);
    await page.getByText('你不在这个活动的团队中：只能查看进度。').waitFor();
    await page.getByRole('row', { name: new RegExp(classAName) }).waitFor();
    expect(await page.getByRole('button', { name: '下载邀请名单（CSV）' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: '结束筛查' }).count()).toBe(0);
    expect(await page.getByRole('heading', { name: '结果' }).count()).toBe(0);
    await page.getByText('本次筛查没有引发预警。').waitFor();
    await waitUntil('the page fits 360 px', async () => (await page.evaluate(() => document.documentElement.scrollWidth)) <= 360);
    await expectAccessible(page);

    await page.goto(server.url('/screening'));
    await page.getByRole('link', { name: other }).waitFor();
    await expectAccessible(page);
  });

  it('shows a stale opening as a conflict, with the campaign as it is now, and opens it on a second try', async () => {
    const ids = await instrumentIdsByCode(server.t);
    const created = await server.t.http
      .post('/api/v1/screening-campaigns')
      .set({ authorization: await bearer(server.t, lead) })
      .send({
        name: '期中筛查',
        consentTextZh: '本问卷用于了解你的心理健康状况。',
        opensAt: new Date(Date.now() - 60_000).toISOString(),
        closesAt: new Date(Date.now() + 7 * 24 * 3600_000).toISOString(),
        classIds: [server.world.classB.id],
        instrumentIds: [ids.phq9],
      });
    expect(created.status).toBe(201);
    tab = await openTab(browser, PHONE);
    const { page } = tab;
    await signIn(page, server, lead, `/screening/${created.body.id}`);
    await h1(page, '筛查：期中筛查');

    // A colleague renames the draft meanwhile: the page still holds version 1.
    const renamed = await server.t.http
      .patch(`/api/v1/screening-campaigns/${created.body.id}`)
      .set({ authorization: await bearer(server.t, lead) })
      .send({ version: created.body.version, name: '期中筛查（初二）' });
    expect(renamed.status).toBe(200);
    await page.getByRole('button', { name: '开始筛查并发出邀请' }).click();
    await page.getByText('别人刚刚修改了这条记录').waitFor();
    await h1(page, '筛查：期中筛查（初二）');
    const [before] = await server.t.dataSource.query<{ status: string }[]>('SELECT status FROM screening_campaigns WHERE id = $1', [created.body.id]);
    expect(before.status).toBe('draft');
    await expectAccessible(page);

    await page.getByRole('button', { name: '开始筛查并发出邀请' }).click();
    await page.getByRole('button', { name: '结束筛查' }).waitFor();
    expect(await page.getByText('别人刚刚修改了这条记录').count()).toBe(0);
    const [after] = await server.t.dataSource.query<{ status: string }[]>('SELECT status FROM screening_campaigns WHERE id = $1', [created.body.id]);
    expect(after.status).toBe('open');
  }, 90_000);

  it('answers a missing campaign with the not-found page', async () => {
    tab = await openTab(browser, PHONE);
    const { page } = tab;
    await signIn(page, server, lead, '/screening/00000000-0000-4000-8000-000000000000');
    await h1(page, '找不到这个页面');
    await expectAccessible(page);
  });
});
