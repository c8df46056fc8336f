// Code passed to page.evaluate() runs in the browser: type it against the DOM.
/// <reference lib="dom" />
import type { Browser, Page } from 'playwright-core';
import { bearer, createCase, createStudent, createUser, type TestUser } from '../support/factories.js';
import { launchChromium } from '../support/browser/chromium.js';
import { type ConsoleServer, startConsoleServer } from './support/console-server.js';
import { type ConsoleTab, closeTab, DESKTOP, expectAccessible, heading, openTab, PHONE, screenshot, signIn } from './support/console-steps.js';

const HOUR = 3_600_000;

/** A `datetime-local` value in this machine's time zone, which the browser shares. */
function localInput(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

describe('the case workspace (Chromium)', () => {
  let server: ConsoleServer;
  let browser: Browser;
  let tab: ConsoleTab;
  let counselor2: TestUser;
  let lead: TestUser;
  let agencyId: string;
  const extraTabs: ConsoleTab[] = [];

  beforeAll(async () => {
    [server, browser] = await Promise.all([startConsoleServer(), launchChromium()]);
    const { school } = server.world;
    [counselor2, lead] = await Promise.all([
      createUser(server.t, { schoolId: school.id, role: 'counselor', displayName: '陈静' }),
      createUser(server.t, { schoolId: school.id, role: 'counseling_lead', displayName: '周主任' }),
    ]);
    const agency = await server.t.http
      .post('/api/v1/referral-agencies')
      .set({ authorization: await bearer(server.t, lead) })
      .send({ name: '市精神卫生中心', kind: 'psychiatric_service', phone: '021-12345678' });
    expect(agency.status).toBe(201);
    agencyId = agency.body.id;
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  afterEach(async () => {
    await closeTab(tab, server);
    for (const extra of extraTabs.splice(0)) await closeTab(extra, server);
  });

  /** A student of class A with an open case owned by the counselor (王心怡), and a guardian. */
  async function arrangeCase(values: { riskLevel?: string; name?: string } = {}) {
    const { school, classA, counselor } = server.world;
    const student = await createStudent(server.t, { schoolId: school.id, classId: classA.id, name: values.name ?? '林小雨' });
    const [guardian] = await server.t.dataSource.query<{ id: string }[]>(
      `INSERT INTO guardians (school_id, student_id, name, relation, phone, is_primary) VALUES ($1, $2, '林妈妈', 'mother', '13900001111', true) RETURNING id`,
      [school.id, student.id],
    );
    const opened = await createCase(server.t, { schoolId: school.id, studentId: student.id, ownerId: counselor.id, riskLevel: values.riskLevel ?? 'moderate' });
    return { caseId: opened.id, studentId: student.id, guardianId: guardian.id };
  }

  async function caseRow(caseId: string) {
    const [row] = await server.t.dataSource.query<{ state: string; risk_level: string; owner_id: string; version: number }[]>(
      'SELECT state, risk_level, owner_id, version FROM cases WHERE id = $1',
      [caseId],
    );
    return row;
  }

  async function openWorkspace(caseId: string, viewport = DESKTOP): Promise<Page> {
    tab = await openTab(browser, viewport);
    await signIn(tab.page, server, server.world.counselor, `/cases/${caseId}`);
    await tab.page.getByRole('heading', { level: 1 }).waitFor();
    return tab.page;
  }

  it('shows the header and the timeline newest first in words, accessible on a desktop and on a phone', async () => {
    const { school, classA, counselor } = server.world;
    const student = await createStudent(server.t, { schoolId: school.id, classId: classA.id, name: '宋子涵' });
    const auth = { authorization: await bearer(server.t, counselor) };
    const opened = await server.t.http.post('/api/v1/cases').set(auth).send({ studentId: student.id, riskLevel: 'moderate', reason: '班主任反映近两周情绪低落' });
    expect(opened.status).toBe(201);
    const caseId: string = opened.body.id;
    const risk = await server.t.http.post(`/api/v1/cases/${caseId}/risk`).set(auth).send({ version: opened.body.version, riskLevel: 'high', reason: '谈话中提到不想上学' });
    expect(risk.status).toBe(200);

    const page = await openWorkspace(caseId);
    expect(await heading(page)).toBe('宋子涵 的个案');
    const header = page.locator('header.case-header');
    expect(await header.getByRole('link', { name: '宋子涵' }).getAttribute('href')).toBe(`/console/students/${student.id}`);
    await header.getByText('新开案').waitFor();
    await header.getByText('高风险').waitFor();
    expect(await header.getByTestId('case-owner').innerText()).toBe('王心怡');

    const entries = page.getByRole('list', { name: '时间线' }).getByRole('listitem');
    await entries.nth(1).waitFor();
    expect(await entries.nth(0).locator('.timeline-what').innerText()).toBe('风险等级从「中风险」改为「高风险」');
    expect(await entries.nth(0).innerText()).toContain('理由：谈话中提到不想上学');
    expect(await entries.nth(0).innerText()).toContain('由 王心怡');
    expect(await entries.last().locator('.timeline-what').innerText()).toBe('开案（中风险）');
    await expectAccessible(page);
    await screenshot(page, 'case-workspace-desktop');
    await tab.context.close();

    const phone = await openWorkspace(caseId, PHONE);
    await phone.getByRole('list', { name: '时间线' }).waitFor();
    await expectAccessible(phone);
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
  });

  it('reads in English after the language switch, the timeline included', async () => {
    const { caseId } = await arrangeCase({ name: '何一帆' });
    const page = await openWorkspace(caseId, PHONE);
    await page.getByRole('button', { name: 'English' }).click();
    expect(await heading(page)).toBe('Case of 何一帆');
    await page.getByRole('region', { name: 'State and risk' }).getByRole('button', { name: 'Move to “Assessing”' }).click();
    await page.getByRole('list', { name: 'Timeline' }).getByText('State changed from “Open” to “Assessing”').waitFor();
    await page.getByRole('region', { name: 'Tasks' }).getByText('No task yet.').waitFor();
    await expectAccessible(page);
    await page.getByRole('button', { name: '中文' }).click();
    expect(await heading(page)).toBe('何一帆 的个案');
  });

  it('answers a case outside the counselor\'s team with the same not-found page as a missing one', async () => {
    const { school, classA } = server.world;
    const student = await createStudent(server.t, { schoolId: school.id, classId: classA.id });
    const other = await createCase(server.t, { schoolId: school.id, studentId: student.id, ownerId: counselor2.id });
    const page = await openWorkspace(other.id);
    expect(await heading(page)).toBe('找不到这个页面');
    await page.goto(server.url('/cases/00000000-0000-4000-8000-000000000000'));
    expect(await heading(page)).toBe('找不到这个页面');
    await expectAccessible(page);
  });

  it('adds a task, marks the overdue one, completes it and edits the other', async () => {
    const { caseId } = await arrangeCase();
    const { school, counselor } = server.world;
    await server.t.http
      .post(`/api/v1/cases/${caseId}/tasks`)
      .set({ authorization: await bearer(server.t, counselor) })
      .send({ title: '约学生本人面谈', assigneeId: counselor.id, dueAt: new Date(Date.now() + HOUR).toISOString() });
    await server.t.dataSource.query(`UPDATE case_tasks SET due_at = now() - interval '2 hours' WHERE case_id = $1 AND school_id = $2`, [caseId, school.id]);

    const page = await openWorkspace(caseId);
    const tasks = page.getByRole('region', { name: '任务' });
    const overdue = tasks.getByRole('listitem').filter({ hasText: '约学生本人面谈' });
    await overdue.getByText('已逾期').waitFor();

    await tasks.getByRole('button', { name: '添加任务' }).click();
    await tasks.getByLabel('要做什么').fill('周五前与家长电话沟通');
    const due = new Date(Date.now() + 48 * HOUR);
    await tasks.getByLabel('截止时间').fill(localInput(due));
    await tasks.getByRole('button', { name: '保存任务' }).click();
    const added = tasks.getByRole('listitem').filter({ hasText: '周五前与家长电话沟通' });
    await added.waitFor();
    expect(await added.getByText('已逾期').count()).toBe(0);
    await expectAccessible(page);

    await overdue.getByRole('button', { name: '标记完成' }).click();
    await overdue.getByText('已完成').waitFor();
    expect(await overdue.getByText('已逾期').count()).toBe(0);

    await added.getByRole('button', { name: '修改任务：周五前与家长电话沟通' }).click();
    const later = new Date(due.getTime() + 24 * HOUR);
    await added.getByLabel('截止时间').fill(localInput(later));
    await added.getByRole('button', { name: '保存任务' }).click();
    await added.getByRole('button', { name: '标记完成' }).waitFor();

    const rows = await server.t.dataSource.query<{ status: string; due_at: Date; completed_at: Date | null }[]>(
      'SELECT status, due_at, completed_at FROM case_tasks WHERE case_id = $1 ORDER BY created_at',
      [caseId],
    );
    expect(rows.map((r) => r.status)).toEqual(['done', 'open']);
    expect(rows[0].completed_at).not.toBeNull();
    expect(localInput(rows[1].due_at)).toBe(localInput(later));
    await page.getByRole('list', { name: '时间线' }).getByText('任务从「待办」改为「已完成」').waitFor();
  });

  it('logs a guardian contact that did not reach them, and shows it in the log and the summary', async () => {
    const { caseId, guardianId } = await arrangeCase();
    const page = await openWorkspace(caseId);
    const contacts = page.getByRole('region', { name: '联系记录' });
    await contacts.getByText('还没有联系记录。').waitFor();
    await contacts.getByRole('button', { name: '记录一次联系' }).click();
    expect(await contacts.getByLabel('哪位监护人').inputValue()).toBe(guardianId);
    await contacts.getByLabel('方式').selectOption({ label: '电话' });
    await contacts.getByRole('radio', { name: '没有联系上' }).check();
    await contacts.getByLabel('谈了什么、约定了什么').fill('两次拨打无人接听，明早再打');
    await expectAccessible(page);
    await contacts.getByRole('button', { name: '保存联系记录' }).click();

    const entry = contacts.getByRole('listitem').filter({ hasText: '监护人（林妈妈）' });
    await entry.getByText('没有联系上').waitFor();
    await contacts.getByText('1 次联系仍未联系上对方').waitFor();
    const [row] = await server.t.dataSource.query<{ counterpart: string; guardian_id: string; outcome: string; channel: string }[]>(
      'SELECT counterpart, guardian_id, outcome, channel FROM case_contacts WHERE case_id = $1',
      [caseId],
    );
    expect(row).toEqual({ counterpart: 'guardian', guardian_id: guardianId, outcome: 'not_reached', channel: 'phone' });
  });

  it('writes a note that stays out of the URL, the title and every request line, and reads it back', async () => {
    const { caseId } = await arrangeCase();
    const page = await openWorkspace(caseId);
    const notes = page.getByRole('region', { name: '个案记录' });
    const body = '学生说父母最近常吵架，晚上睡不着，愿意每周来一次';
    await notes.getByLabel('新记录').fill(body);
    await notes.getByRole('button', { name: '保存记录' }).click();
    await notes.getByRole('list', { name: '个案记录' }).getByText(body).waitFor();
    expect(await notes.getByLabel('新记录').inputValue()).toBe('');

    expect(page.url()).not.toContain(encodeURIComponent(body).slice(0, 12));
    expect(await page.title()).not.toContain('父母');
    expect(tab.watch.requests.some((url) => decodeURIComponent(url).includes('父母'))).toBe(false);
    const [stored] = await server.t.dataSource.query<{ body: string }[]>('SELECT body FROM case_notes WHERE case_id = $1', [caseId]);
    expect(stored.body).not.toContain('父母'); // encrypted at rest
    const read = await server.t.http.get(`/api/v1/cases/${caseId}/notes`).set({ authorization: await bearer(server.t, server.world.counselor) });
    expect(read.body.items.map((n: { body: string }) => n.body)).toEqual([body]);
  });

  it('refers the student to an agency and updates the referral\'s status', async () => {
    const { caseId } = await arrangeCase();
    const page = await openWorkspace(caseId);
    const referrals = page.getByRole('region', { name: '转介' });
    await referrals.getByRole('button', { name: '转介到机构' }).click();
    await referrals.getByLabel('机构').selectOption(agencyId);
    await referrals.getByLabel('转介原因、提供了哪些材料').fill('需要精神科评估，已提供近两次谈话摘要');
    await referrals.getByRole('button', { name: '保存转介' }).click();
    const card = referrals.getByRole('listitem').filter({ hasText: '市精神卫生中心' });
    await card.getByText('等待回复').waitFor();

    await card.getByLabel('新状态').selectOption({ label: '已接收' });
    await card.getByLabel(/机构的答复/).fill('已预约下周二门诊');
    await card.getByRole('button', { name: '更新状态' }).click();
    await card.locator('.badge').getByText('已接收').waitFor();
    const [row] = await server.t.dataSource.query<{ status: string; agency_id: string }[]>('SELECT status, agency_id FROM case_referrals WHERE case_id = $1', [caseId]);
    expect(row).toEqual({ status: 'accepted', agency_id: agencyId });
    await expectAccessible(page);
  });

  it('adds and removes team members and hands the case to another owner with a reason', async () => {
    const { caseId } = await arrangeCase();
    const page = await openWorkspace(caseId);
    const team = page.getByRole('region', { name: '个案小组与负责人' });
    await team.getByLabel('加入小组的心理老师').selectOption({ label: '陈静' });
    await team.getByRole('button', { name: '加入小组' }).click();
    await team.getByRole('button', { name: '把 陈静 移出小组' }).waitFor();
    await team.getByLabel('加入小组的心理老师').selectOption({ label: '周主任' });
    await team.getByRole('button', { name: '加入小组' }).click();
    await team.getByRole('button', { name: '把 周主任 移出小组' }).click();
    await waitForGone(team.getByRole('button', { name: '把 周主任 移出小组' }));

    await team.getByLabel('新负责人').selectOption({ label: '陈静' });
    await team.getByLabel(/更换原因/).fill('王老师下周起休假，由陈老师接手');
    await team.getByRole('button', { name: '更换负责人' }).click();
    await page.getByTestId('case-owner').getByText('陈静').waitFor();

    expect((await caseRow(caseId)).owner_id).toBe(counselor2.id);
    const members = await server.t.dataSource.query<{ user_id: string; removed: boolean }[]>(
      'SELECT user_id, removed_at IS NOT NULL AS removed FROM case_team_members WHERE case_id = $1',
      [caseId],
    );
    expect(members.filter((m) => !m.removed).map((m) => m.user_id).sort()).toEqual([server.world.counselor.id, counselor2.id].sort());
    expect(members.find((m) => m.user_id === lead.id)?.removed).toBe(true);
    await page.getByRole('list', { name: '时间线' }).getByText('负责人从 王心怡 换成 陈静').waitFor();
  });

  it('moves the case through an allowed transition, raises its risk, and requests closure that waits for approval', async () => {
    const { caseId } = await arrangeCase();
    const page = await openWorkspace(caseId);
    const status = page.getByRole('region', { name: '状态与风险' });
    await status.getByText('这个个案的风险等级允许直接结案').waitFor();
    // From "open" the API allows assessing, referred and closed.
    await status.getByRole('button', { name: '改为「已结案」' }).waitFor();
    await status.getByRole('button', { name: '改为「评估中」' }).click();
    await page.locator('header.case-header').getByText('评估中').waitFor();
    expect((await caseRow(caseId)).state).toBe('assessing');

    await status.getByLabel('新的风险等级').selectOption({ label: '高风险' });
    await status.getByLabel(/调整原因/).fill('本周两次提到自伤念头');
    await status.getByRole('button', { name: '保存风险等级' }).click();
    await page.locator('header.case-header').getByText('高风险').waitFor();
    expect((await caseRow(caseId)).risk_level).toBe('high');
    // A high-risk case is not closed directly: only through a request.
    expect(await status.getByRole('button', { name: '改为「已结案」' }).count()).toBe(0);

    await status.getByLabel(/为什么现在可以结案/).fill('连续四周情绪稳定，已恢复正常上课');
    await status.getByLabel(/如果没有联系上监护人/).fill('家长在外地务工，已委托班主任当面告知');
    await status.getByRole('button', { name: '提交结案申请' }).click();
    await status.getByText('结案申请已提交，正在等待心理中心负责人批准。').waitFor();
    const [request] = await server.t.dataSource.query<{ status: string }[]>('SELECT status FROM case_closure_requests WHERE case_id = $1', [caseId]);
    expect(request.status).toBe('pending');
    expect((await caseRow(caseId)).state).toBe('assessing');
    await expectAccessible(page);
  });

  it('on a stale case write keeps the input, shows the other person\'s changes, and saves when submitted again', async () => {
    const { caseId } = await arrangeCase();
    const page = await openWorkspace(caseId);
    const status = page.getByRole('region', { name: '状态与风险' });
    await status.getByLabel('新的风险等级').selectOption({ label: '危急' });
    await status.getByLabel(/调整原因/).fill('刚收到同学反映有具体计划');

    // Meanwhile another counselor on the team raises the risk and moves the case on.
    const { school } = server.world;
    await server.t.dataSource.query('INSERT INTO case_team_members (school_id, case_id, user_id, added_at) VALUES ($1, $2, $3, now())', [school.id, caseId, counselor2.id]);
    const other = { authorization: await bearer(server.t, counselor2) };
    const v1 = (await caseRow(caseId)).version;
    expect((await server.t.http.post(`/api/v1/cases/${caseId}/risk`).set(other).send({ version: v1, riskLevel: 'high', reason: '家长来电说孩子在家哭' })).status).toBe(200);
    expect((await server.t.http.post(`/api/v1/cases/${caseId}/transitions`).set(other).send({ version: v1 + 1, to: 'assessing' })).status).toBe(200);

    await status.getByRole('button', { name: '保存风险等级' }).click();
    const notice = status.getByRole('alert').filter({ hasText: '别人刚刚修改了这条记录' });
    await notice.waitFor();
    expect(await notice.innerText()).toContain('风险等级: 中风险 → 高风险');
    expect(await notice.innerText()).toContain('状态: 新开案 → 评估中');
    // Nothing the user entered is lost, and the page shows the other person's version.
    expect(await status.getByLabel('新的风险等级').inputValue()).toBe('critical');
    expect(await status.getByLabel(/调整原因/).inputValue()).toBe('刚收到同学反映有具体计划');
    await page.locator('header.case-header').getByText('评估中').waitFor();
    expect((await caseRow(caseId)).risk_level).toBe('high');
    await expectAccessible(page);
    await screenshot(page, 'case-conflict');

    await status.getByRole('button', { name: '保存风险等级' }).click();
    await page.locator('header.case-header').getByText('危急').waitFor();
    await waitForGone(notice);
    expect(await caseRow(caseId)).toMatchObject({ risk_level: 'critical', state: 'assessing' });
  });

  it('on a stale task edit in a second tab shows the other tab\'s change, keeps both edits, and saves when submitted again', async () => {
    const { caseId } = await arrangeCase();
    const { school, counselor } = server.world;
    await server.t.dataSource.query('INSERT INTO case_team_members (school_id, case_id, user_id, added_at) VALUES ($1, $2, $3, now())', [school.id, caseId, counselor2.id]);
    const created = await server.t.http
      .post(`/api/v1/cases/${caseId}/tasks`)
      .set({ authorization: await bearer(server.t, counselor) })
      .send({ title: '联系班主任了解近况', assigneeId: counselor.id, dueAt: new Date(Date.now() + 24 * HOUR).toISOString() });
    expect(created.status).toBe(201);

    const page = await openWorkspace(caseId);
    const mine = page.getByRole('region', { name: '任务' }).getByRole('listitem').filter({ hasText: '联系班主任了解近况' });
    await mine.getByRole('button', { name: '修改任务：联系班主任了解近况' }).click();
    const later = new Date(Date.now() + 72 * HOUR);
    await mine.getByLabel('截止时间').fill(localInput(later));

    // The other counselor, in a browser of their own, renames the task first.
    const second = await openTab(browser, DESKTOP);
    extraTabs.push(second);
    await signIn(second.page, server, counselor2, `/cases/${caseId}`);
    const theirs = second.page.getByRole('region', { name: '任务' }).getByRole('listitem').filter({ hasText: '联系班主任了解近况' });
    await theirs.getByRole('button', { name: '修改任务：联系班主任了解近况' }).click();
    await theirs.getByLabel('要做什么').fill('联系班主任和宿管了解近况');
    await theirs.getByRole('button', { name: '保存任务' }).click();
    await second.page.getByRole('region', { name: '任务' }).getByText('联系班主任和宿管了解近况').waitFor();

    await mine.getByRole('button', { name: '保存任务' }).click();
    const tasks = page.getByRole('region', { name: '任务' });
    const notice = tasks.getByRole('alert').filter({ hasText: '别人刚刚修改了这条记录' });
    await notice.waitFor();
    expect(await notice.innerText()).toContain('任务内容: 联系班主任了解近况 → 联系班主任和宿管了解近况');
    expect(await tasks.getByLabel('截止时间').inputValue()).toBe(localInput(later));

    await tasks.getByRole('button', { name: '保存任务' }).click();
    await tasks.getByRole('button', { name: '修改任务：联系班主任和宿管了解近况' }).waitFor();
    const [row] = await server.t.dataSource.query<{ due_at: Date; version: number }[]>('SELECT due_at, version FROM case_tasks WHERE case_id = $1', [caseId]);
    expect(localInput(row.due_at)).toBe(localInput(later));
    const read = await server.t.http.get(`/api/v1/cases/${caseId}/tasks`).set({ authorization: await bearer(server.t, counselor) });
    expect(read.body.items[0].title).toBe('联系班主任和宿管了解近况');
  });
});

/** Waits until the locator matches nothing any more. */
async function waitForGone(locator: ReturnType<Page['locator']>): Promise<void> {
  await locator.first().waitFor({ state: 'detached' });
}
