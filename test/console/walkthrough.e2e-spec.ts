import type { Browser } from 'playwright-core';
import { createStudent } from '../support/factories.js';
import { launchChromium } from '../support/browser/chromium.js';
import { type ConsoleServer, startConsoleServer } from './support/console-server.js';
import { type ConsoleTab, closeTab, DESKTOP, expectAccessible, heading, openTab, PHONE, screenshot, signIn } from './support/console-steps.js';

const OBSERVATION = '午休时说“活着没意思”，把自己的东西都送给了同学';
const CONTACT_SUMMARY = '已与母亲通话，今晚陪伴，明早到校面谈';
const NOTE = '面谈：近两周睡眠差，有轻生念头但无计划，已制定安全计划';

/**
 * The README's console walkthrough, end to end in two browsers: a class teacher on a phone
 * raises an urgent concern; a counselor's Today page shows the alert without a reload, the
 * counselor acknowledges it, opens a case from the flag, logs the guardian call and writes a
 * note; the teacher then sees only "being followed up", nothing of what the counselor wrote.
 */
describe('walkthrough: from a teacher\'s urgent concern to a case being followed up (Chromium)', () => {
  let server: ConsoleServer;
  let browser: Browser;
  let teacher: ConsoleTab;
  let counselor: ConsoleTab;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startConsoleServer(), launchChromium()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  afterEach(async () => {
    await closeTab(teacher, server);
    await closeTab(counselor, server);
  });

  it('a concern raised on a phone becomes an acknowledged alert and a case; the teacher sees only that it is followed up', async () => {
    const { school, classA } = server.world;
    const student = await createStudent(server.t, { schoolId: school.id, classId: classA.id, name: '林小雨' });
    await server.t.dataSource.query(
      `INSERT INTO guardians (school_id, student_id, name, relation, phone, is_primary) VALUES ($1, $2, '林妈妈', 'mother', '13900001111', true)`,
      [school.id, student.id],
    );
    [teacher, counselor] = await Promise.all([openTab(browser, PHONE), openTab(browser, DESKTOP)]);

    // The counselor has Today open before anything happens.
    await signIn(counselor.page, server, server.world.counselor);
    await counselor.page.getByText('没有待确认的预警。').waitFor();

    // The class teacher, on a phone, from the class list.
    await signIn(teacher.page, server, server.world.teacher, `/classes/${classA.id}`);
    await teacher.page.getByRole('link', { name: '上报关注：林小雨' }).click();
    expect(await heading(teacher.page)).toBe('上报关注');
    await teacher.page.getByLabel('关注类别').selectOption({ label: '提到自伤或轻生' });
    await teacher.page.getByRole('radio', { name: /紧急/ }).check();
    await teacher.page.getByLabel(/看到或听到了什么/).fill(OBSERVATION);
    await teacher.page.getByRole('button', { name: '提交上报' }).click();
    await teacher.page.getByRole('status').filter({ hasText: '已提交，心理老师已收到。' }).waitFor();

    // The alert appears on the counselor's Today without a reload, and is acknowledged there.
    const alert = counselor.page.locator('#open-alerts li').filter({ hasText: '林小雨' });
    await alert.waitFor({ timeout: 20_000 });
    expect(await alert.locator('.badge').innerText()).toBe('危急');
    await expectAccessible(counselor.page);
    await screenshot(counselor.page, 'walkthrough-alert-desktop');
    await alert.getByRole('button', { name: '确认处理' }).click();
    await alert.getByLabel(/做了什么/).fill('已电话联系班主任和家长，学生在家，家长陪伴');
    await alert.getByRole('button', { name: '确认', exact: true }).click();
    await counselor.page.getByText('没有待确认的预警。').waitFor();

    // The flag waits for triage on Today: open a case from it.
    await counselor.page.getByRole('region', { name: /待分诊的关注上报/ }).getByRole('link', { name: '林小雨' }).click();
    await counselor.page.getByText(OBSERVATION).waitFor();
    await counselor.page.getByRole('radio', { name: /开个案/ }).check();
    await counselor.page.getByLabel('个案初始风险等级').selectOption('high');
    await counselor.page.getByRole('button', { name: '提交分诊' }).click();
    await counselor.page.waitForURL(/\/console\/cases\/[0-9a-f-]{36}$/);
    expect(await heading(counselor.page)).toBe('林小雨 的个案');

    // The guardian is called and reached; the counselor writes a note.
    const contacts = counselor.page.getByRole('region', { name: '联系记录' });
    await contacts.getByRole('button', { name: '记录一次联系' }).click();
    await contacts.getByLabel('方式').selectOption({ label: '电话' });
    await contacts.getByRole('radio', { name: '联系上了' }).check();
    await contacts.getByLabel('谈了什么、约定了什么').fill(CONTACT_SUMMARY);
    await contacts.getByRole('button', { name: '保存联系记录' }).click();
    await contacts.getByRole('listitem').filter({ hasText: '监护人（林妈妈）' }).getByText('联系上了').waitFor();
    const notes = counselor.page.getByRole('region', { name: '个案记录' });
    await notes.getByLabel('新记录').fill(NOTE);
    await notes.getByRole('button', { name: '保存记录' }).click();
    await notes.getByRole('list', { name: '个案记录' }).getByText(NOTE).waitFor();
    await expectAccessible(counselor.page);
    await screenshot(counselor.page, 'walkthrough-case-desktop');

    // What the API now holds: the alert acknowledged, one case from the flag, the contact and the note.
    const caseId = new URL(counselor.page.url()).pathname.split('/').at(-1);
    const [state] = await server.t.dataSource.query<{ alert: string; source: string; contacts: number; notes: number; flag: string }[]>(
      `SELECT (SELECT status FROM alerts WHERE student_id = $2) AS alert,
              c.source_type AS source,
              (SELECT count(*)::int FROM case_contacts WHERE case_id = c.id AND outcome = 'reached') AS contacts,
              (SELECT count(*)::int FROM case_notes WHERE case_id = c.id) AS notes,
              (SELECT status FROM concern_flags WHERE student_id = $2) AS flag
         FROM cases c WHERE c.id = $1 AND c.student_id = $2`,
      [caseId, student.id],
    );
    expect(state).toEqual({ alert: 'acknowledged', source: 'concern_flag', contacts: 1, notes: 1, flag: 'case_opened' });

    // The teacher sees that it is being followed up, and nothing the counselor wrote.
    await teacher.page.getByRole('navigation').getByRole('link', { name: '我上报的' }).click();
    const card = teacher.page.getByRole('list', { name: '我上报的关注' }).getByRole('listitem').filter({ hasText: '林小雨' });
    await card.waitFor();
    expect(await card.locator('.badge').innerText()).toBe('正在跟进');
    await card.getByRole('link').click();
    await teacher.page.getByText(OBSERVATION).waitFor();
    const seen = await teacher.page.content();
    for (const secret of [CONTACT_SUMMARY, NOTE, '高风险', '已电话联系班主任和家长']) expect(seen).not.toContain(secret);
    await expectAccessible(teacher.page);
    await screenshot(teacher.page, 'walkthrough-teacher-phone');
  });
});
