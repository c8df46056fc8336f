// Code passed to page.evaluate() runs in the browser: type it against the DOM.
/// <reference lib="dom" />
import type { Browser } from 'playwright-core';
import { bearer, createStudent } from '../support/factories.js';
import { launchChromium } from '../support/browser/chromium.js';
import { instrumentIdsByCode, openCampaign } from '../screening/support/screening-campaigns.js';
import { lessonBody, planActivity } from '../education/education-helpers.js';
import { type ConsoleServer, startConsoleServer } from './support/console-server.js';
import { type ConsoleTab, closeTab, expectAccessible, heading, openTab, PHONE, signIn } from './support/console-steps.js';

const HOUR = 3600_000;
const DAY = 24 * HOUR;
const isoDay = (time: number) => new Date(time).toISOString().slice(0, 10);

describe('the class teacher console: safety education, holiday categories, screening non-responders (Chromium)', () => {
  let server: ConsoleServer;
  let browser: Browser;
  let tab: ConsoleTab;
  let topics: { id: string; code: string; nameZh: string }[];
  let zhou: { id: string };
  let wu: { id: string };

  const asUser = async (user: { id: string }) => ({ authorization: await bearer(server.t, user) });

  beforeAll(async () => {
    [server, browser] = await Promise.all([startConsoleServer(), launchChromium()]);
    const w = server.world;
    zhou = await createStudent(server.t, { schoolId: w.school.id, classId: w.classA.id, name: '周小舟' });
    wu = await createStudent(server.t, { schoolId: w.school.id, classId: w.classA.id, name: '吴小溪' });
    await createStudent(server.t, { schoolId: w.school.id, classId: w.classB.id, name: '别班学生' });
    topics = await server.t.dataSource.query('SELECT id, code, name_zh AS "nameZh" FROM education_topics WHERE school_id IS NULL');
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  beforeEach(async () => {
    tab = await openTab(browser, PHONE);
  });
  afterEach(async () => closeTab(tab, server));

  const topic = (code: string) => {
    const found = topics.find((t) => t.code === code);
    if (!found) throw new Error(`no topic ${code}`);
    return found;
  };

  it('plans a safety education activity for my class on a phone, and the API holds it for that class only', async () => {
    const { page } = tab;
    const w = server.world;
    await signIn(page, server, w.teacher);
    await page.getByRole('navigation').getByRole('link', { name: '安全教育' }).click();
    expect(await heading(page)).toBe('安全教育');
    const plan = page.getByRole('region', { name: '为班级安排一次安全教育' });
    // Only my classes can be chosen.
    expect(await plan.getByLabel('班级').locator('option').count()).toBe(1);
    await plan.getByLabel('活动名称').fill('寒假前防溺水主题班会');
    await plan.getByLabel('形式').selectOption('class_lesson');
    await plan.getByRole('checkbox', { name: new RegExp(topic('drowning').nameZh) }).check();
    await plan.getByRole('checkbox', { name: new RegExp(topic('fire_safety').nameZh) }).check();
    await plan.getByLabel('地点').fill('本班教室');
    await expectAccessible(page);
    await plan.getByRole('button', { name: '保存安排' }).click();
    await plan.getByRole('status').filter({ hasText: '已保存安排' }).waitFor();
    const card = page.getByRole('listitem').filter({ hasText: '寒假前防溺水主题班会' });
    await card.waitFor();
    await card.getByText('活动开始后才能确认。').waitFor();
    await page.getByRole('region', { name: '专题覆盖情况' }).getByRole('row', { name: new RegExp(topic('drowning').nameZh) }).getByText('已安排').waitFor();
    await expectAccessible(page);

    const listed = await server.t.http.get('/api/v1/education/activities').query({ classId: w.classA.id }).set(await asUser(w.counselor));
    const activity = listed.body.items.find((a: { title: string }) => a.title === '寒假前防溺水主题班会');
    expect(activity).toMatchObject({ kind: 'class_lesson', place: '本班教室', deliveredBy: { userId: w.teacher.id }, status: 'planned' });
    expect(activity.topics.map((t: { code: string }) => t.code).sort()).toEqual(['drowning', 'fire_safety']);
    expect(activity.deliveries.map((d: { classId: string }) => d.classId)).toEqual([w.classA.id]);
  });

  it('confirms a delivery that has taken place with who missed it, then marks the catch-up done', async () => {
    const { page } = tab;
    const w = server.world;
    const planned = await planActivity(
      server.t,
      w.teacher,
      lessonBody({ title: '防电信诈骗班会', topicIds: [topic('telecom_fraud').id], classIds: [w.classA.id], startsAt: new Date(Date.now() - 2 * HOUR).toISOString() }),
    );
    expect(planned.status).toBe(201);
    const deliveryId: string = planned.body.deliveries[0].id;

    await signIn(page, server, w.teacher);
    await page.getByRole('region', { name: '安全教育待确认' }).getByText('1 次活动已开始，等待确认').waitFor();
    await page.getByRole('link', { name: '去确认安全教育' }).click();
    const form = page.getByRole('form', { name: /^确认 .+ 的完成情况$/ });
    await form.waitFor();
    expect(await form.getByLabel('实到人数').inputValue()).toBe('3'); // the enrolled students of class A
    await form.getByLabel('实到人数').fill('2');
    await form.getByRole('checkbox', { name: /吴小溪/ }).check();
    await form.getByLabel(/备注/).fill('吴小溪请病假');
    await expectAccessible(page);
    await form.getByRole('button', { name: '确认已完成' }).click();
    const card = page.getByRole('listitem').filter({ hasText: '防电信诈骗班会' });
    await card.getByText('已确认：实到 2 / 3 人，缺席 1 人').waitFor();
    const coverage = page.getByRole('region', { name: '专题覆盖情况' });
    await coverage.getByRole('row', { name: new RegExp(topic('telecom_fraud').nameZh) }).getByText('已完成').waitFor();
    await coverage.getByText(/还缺假前必讲专题/).waitFor();

    const delivery = await server.t.http.get(`/api/v1/education/deliveries/${deliveryId}`).set(await asUser(w.counselor));
    expect(delivery.body).toMatchObject({ status: 'delivered', confirmation: { presentCount: 2, confirmedBy: w.teacher.id } });

    const catchUps = page.getByRole('region', { name: '需要补课的学生' });
    await catchUps.getByRole('button', { name: '吴小溪 已补课' }).click();
    await catchUps.getByText('没有需要补课的学生。').waitFor();
    const [catchUp] = await server.t.dataSource.query<{ status: string; completed_by: string }[]>(
      'SELECT status, completed_by FROM education_catch_ups WHERE student_id = $1',
      [wu.id],
    );
    expect(catchUp).toEqual({ status: 'done', completed_by: w.teacher.id });
  });

  it('keeps the teacher\'s confirmation when someone else confirmed first, and lets them submit it again', async () => {
    const { page } = tab;
    const w = server.world;
    const planned = await planActivity(
      server.t,
      w.teacher,
      lessonBody({ title: '防煤气中毒班会', topicIds: [topic('gas_poisoning').id], classIds: [w.classA.id], startsAt: new Date(Date.now() - HOUR).toISOString() }),
    );
    const deliveryId: string = planned.body.deliveries[0].id;
    await signIn(page, server, w.teacher, '/education');
    const card = page.getByRole('listitem').filter({ hasText: '防煤气中毒班会' });
    await card.getByLabel('实到人数').fill('1');

    // A counselor confirms the same delivery meanwhile.
    const other = await server.t.http
      .post(`/api/v1/education/deliveries/${deliveryId}/confirmations`)
      .set(await asUser(w.counselor))
      .send({ version: 1, presentCount: 3 });
    expect(other.status).toBe(201);

    await card.getByRole('button', { name: '确认已完成' }).click();
    await card.getByRole('alert').filter({ hasText: '别人刚刚修改了这条记录' }).waitFor();
    await card.getByText('已确认：实到 3 / 3 人，缺席 0 人').waitFor();
    expect(await card.getByLabel('实到人数').inputValue()).toBe('1');
    await card.getByRole('button', { name: '更正确认' }).click();
    await card.getByText('已确认：实到 1 / 3 人，缺席 0 人').waitFor();
  });

  it('registers holiday categories for my class, showing who is still unregistered', async () => {
    const { page } = tab;
    const w = server.world;
    const holiday = await server.t.http
      .post('/api/v1/calendar/holidays')
      .set(await asUser(w.admin))
      .send({ kind: 'winter', name: '寒假', startsOn: isoDay(Date.now() + 20 * DAY), endsOn: isoDay(Date.now() + 50 * DAY) });
    expect(holiday.status).toBe(201);

    await signIn(page, server, w.teacher);
    await page.getByRole('region', { name: '假期分类登记' }).getByText('寒假：还有 3 名学生未登记').waitFor();
    await page.getByRole('navigation').getByRole('link', { name: '假期分类登记' }).click();
    expect(await heading(page)).toBe('假期分类登记');
    await page.getByRole('heading', { name: /：未登记 3 人$/ }).waitFor();
    expect(await page.getByText('别班学生').count()).toBe(0);
    await expectAccessible(page);

    const zhouCard = page.getByRole('listitem').filter({ hasText: '周小舟' });
    await zhouCard.getByRole('button', { name: '登记 周小舟' }).click();
    const form = zhouCard.getByRole('form', { name: '周小舟 的假期去向' });
    await form.getByLabel('假期去向').selectOption('internship');
    await form.getByLabel('实习单位').fill('市第一医院');
    await form.getByLabel('实习地点').fill('市第一医院住院部');
    await form.getByLabel('假期联系电话').fill('13812345678');
    await form.getByLabel('监护人已确认这个电话').check();
    await expectAccessible(page);
    await form.getByRole('button', { name: '保存登记' }).click();
    await page.getByRole('heading', { name: /：未登记 2 人$/ }).waitFor();
    await zhouCard.getByText('校外实习 · 13812345678').waitFor();

    const registered = await server.t.http.get(`/api/v1/calendar/holidays/${holiday.body.id}/categories`).query({ classId: w.classA.id }).set(await asUser(w.counselor));
    expect(registered.body.items).toEqual([
      expect.objectContaining({ studentId: zhou.id, whereabouts: 'internship', employer: '市第一医院', place: '市第一医院住院部', contactPhone: '13812345678', guardianConfirmed: true }),
    ]);
    const unregistered = await server.t.http
      .get(`/api/v1/calendar/holidays/${holiday.body.id}/categories/unregistered`)
      .query({ classId: w.classA.id })
      .set(await asUser(w.teacher));
    expect(unregistered.body.items.map((s: { studentName: string }) => s.studentName).sort()).toEqual(['吴小溪', '张小明'].sort());

    // A change made elsewhere meanwhile (another tab): the form keeps what was typed, shows the new record, and saves on the new version.
    await zhouCard.getByRole('button', { name: '修改 周小舟' }).click();
    const edit = zhouCard.getByRole('form', { name: '周小舟 的假期去向' });
    await edit.getByLabel('假期联系电话').fill('13900001111');
    const elsewhere = await server.t.http
      .put(`/api/v1/calendar/holidays/${holiday.body.id}/categories/${zhou.id}`)
      .set(await asUser(w.teacher))
      .send({ version: registered.body.items[0].version, whereabouts: 'at_home', contactPhone: '13700002222' });
    expect(elsewhere.status).toBe(200);
    await edit.getByRole('button', { name: '保存登记' }).click();
    await zhouCard.getByRole('alert').filter({ hasText: '别人刚刚修改了这条记录' }).waitFor();
    await zhouCard.getByText('在家 · 13700002222').waitFor();
    expect(await edit.getByLabel('假期联系电话').inputValue()).toBe('13900001111');
    await edit.getByRole('button', { name: '保存登记' }).click();
    await zhouCard.getByText('校外实习 · 13900001111').waitFor();
    const [saved] = await server.t.dataSource.query<{ version: number }[]>('SELECT version FROM holiday_categories WHERE student_id = $1', [zhou.id]);
    expect(saved.version).toBe(3);
  });

  it('shows on the home and class pages who in my classes has not answered an open screening, nobody else', async () => {
    const { page } = tab;
    const w = server.world;
    const ids = await instrumentIdsByCode(server.t);
    await openCampaign(server.t, w.counselor, {
      name: '冬季心理筛查',
      opensAt: new Date(Date.now() - HOUR).toISOString(),
      closesAt: new Date(Date.now() + 7 * DAY).toISOString(),
      gradeIds: [w.grade.id],
      instrumentIds: [ids.phq9],
    });

    await signIn(page, server, w.teacher);
    const screening = page.getByRole('region', { name: '心理筛查：尚未作答的学生' });
    const campaign = screening.getByRole('listitem').filter({ hasText: '冬季心理筛查' });
    await campaign.getByText('3 人未作答').waitFor();
    const names = campaign.getByRole('list', { name: '冬季心理筛查 未作答名单' });
    await names.getByText('周小舟').waitFor();
    expect(await names.getByRole('listitem').count()).toBe(3);
    expect(await page.getByText('别班学生').count()).toBe(0);
    await expectAccessible(page);

    await page.goto(server.url(`/classes/${w.classA.id}`));
    const onClassPage = page.getByRole('region', { name: '心理筛查：尚未作答的学生' }).getByRole('list', { name: '冬季心理筛查 未作答名单' });
    await onClassPage.getByText('吴小溪').waitFor();
    expect(await onClassPage.getByRole('listitem').count()).toBe(3);
    await expectAccessible(page);
  });
});
