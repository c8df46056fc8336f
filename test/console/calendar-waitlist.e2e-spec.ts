// Code passed to page.evaluate() runs in the browser: type it against the DOM.
/// <reference lib="dom" />
import type { Browser, Page } from 'playwright-core';
import { ManualClock } from '#core';
import { OfferExpiryJob } from '#counseling';
import { bearer, createStudent, type TestUser } from '../support/factories.js';
import { launchChromium } from '../support/browser/chromium.js';
import { type ConsoleServer, startConsoleServer } from './support/console-server.js';
import { type ConsoleTab, closeTab, DESKTOP, expectAccessible, openTab, signIn } from './support/console-steps.js';

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
const dateTimeOf = (date: Date | string) => new Intl.DateTimeFormat('zh-CN', { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(date));

describe('the staff console: the waitlist, decline, cancel and reschedule (Chromium)', () => {
  const clock = new ManualClock(new Date());
  let server: ConsoleServer;
  let browser: Browser;
  let tab: ConsoleTab;
  /** Extra hours from three hours on: every session of these tests lies inside them. */
  let start: Date;
  let studentC: string;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startConsoleServer({ clock }), launchChromium()]);
    const w = server.world;
    studentC = (await createStudent(server.t, { schoolId: w.school.id, classId: w.classA.id, name: '王三' })).id;
    await server.t.dataSource.query(`UPDATE students SET name = CASE id WHEN $1 THEN '刘一' ELSE '周二' END WHERE id IN ($1, $2)`, [w.studentA.id, w.studentB.id]);
    // Freed slots are held for an hour; the sessions lie later, so a hold can run out before its slot begins.
    const admin = { authorization: await bearer(server.t, w.admin) };
    const settings = await server.t.http.get('/api/v1/counseling-settings').set(admin);
    expect(settings.status).toBe(200);
    expect((await server.t.http.patch('/api/v1/counseling-settings').set(admin).send({ version: settings.body.version, offerHoldHours: 1 })).status).toBe(200);
    start = new Date(Math.ceil((clock.now().getTime() + 1) / MINUTE) * MINUTE + 180 * MINUTE);
    const extra = await server.t.http
      .post(`/api/v1/counselors/${w.counselor.id}/availability-exceptions`)
      .set({ authorization: await bearer(server.t, w.counselor) })
      .send({ kind: 'extra', startsAt: start.toISOString(), endsAt: new Date(start.getTime() + 240 * MINUTE).toISOString(), mode: 'room', place: ROOM });
    expect(extra.status).toBe(201);
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
  /** A class teacher's request; a second apart, so the waitlist's order (by request time) is the order asked. */
  const request = async (teacher: TestUser, studentId: string) => {
    clock.advance(1000);
    const now = clock.now();
    const res = await server.t.http
      .post('/api/v1/appointment-requests')
      .set({ authorization: await bearer(server.t, teacher) })
      .send({ studentId, counselorId: server.world.counselor.id, preferredFrom: now.toISOString(), preferredTo: new Date(now.getTime() + 6 * 60 * MINUTE).toISOString(), reasonCategory: 'academic_pressure' });
    expect(res.status).toBe(201);
    return res.body.id as string;
  };
  /** A session the counselor booked directly, `offset` minutes into the extra hours. */
  const book = async (studentId: string, offset: number, minutes = 30) => {
    const startsAt = new Date(start.getTime() + offset * MINUTE);
    const res = await server.t.http
      .post('/api/v1/appointments')
      .set({ authorization: await bearer(server.t, server.world.counselor) })
      .send({ studentId, startsAt: startsAt.toISOString(), endsAt: new Date(startsAt.getTime() + minutes * MINUTE).toISOString() });
    expect(res.status).toBe(201);
    return res.body.id as string;
  };
  const status = (page: Page, label: string) => page.locator('#appointment-status').filter({ hasText: label }).waitFor();
  const facts = (page: Page) => page.getByRole('region', { name: '咨询信息' });
  const offers = (page: Page) => page.getByRole('region', { name: '候补：为申请保留的时段' });
  const requests = (page: Page) => page.getByRole('region', { name: '等待安排的预约申请' });

  it('offers a cancelled session\'s slot to the first waiting request, releases it to the next, confirms the held slot and declines the other', async () => {
    const w = server.world;
    const session = await book(studentC, 0);
    const first = await request(w.teacher, w.studentA.id);
    const second = await request(w.teacher2, w.studentB.id);
    tab = await openTab(browser, DESKTOP);
    const { page } = tab;
    await signIn(page, server, w.counselor, '/calendar');
    await h1(page, '咨询日程');
    await requests(page).getByRole('link', { name: '安排 刘一' }).waitFor();
    await requests(page).getByRole('link', { name: '安排 周二' }).waitFor();
    await offers(page).getByText('没有保留中的时段。').waitFor();
    await expectAccessible(page);

    // The counselor cancels the session with 王三: its time is held for 刘一, first in line.
    await page.getByRole('link', { name: /王三$/ }).click();
    await h1(page, '咨询：王三');
    await status(page, '已确认');
    await page.getByRole('button', { name: '取消咨询' }).click();
    const cancel = page.getByRole('form', { name: '取消咨询' });
    await cancel.getByLabel(/^取消原因/).fill('学生家长要求取消');
    await expectAccessible(page);
    await cancel.getByRole('button', { name: '确认取消' }).click();
    await status(page, '已取消');
    await facts(page).getByText('学生家长要求取消').waitFor();
    expect(await page.getByRole('form', { name: '取消咨询' }).count()).toBe(0);
    expect(await appointment(session)).toMatchObject({ status: 'cancelled', cancellation: expect.objectContaining({ reason: '学生家长要求取消' }) });
    const held = await appointment(first);
    expect(held).toMatchObject({
      status: 'offered',
      startsAt: start.toISOString(),
      endsAt: new Date(start.getTime() + 30 * MINUTE).toISOString(),
      allowedActions: expect.arrayContaining(['confirm', 'release_offer', 'decline']),
    });
    // Held for the school's hold time from the cancellation.
    expect(held.offerExpiresAt).toBe(new Date(clock.now().getTime() + 60 * MINUTE).toISOString());
    expect((await appointment(second)).status).toBe('requested');
    await expectAccessible(page);

    // The calendar shows the hold, its time and when it ends; 周二 still waits.
    await page.getByRole('link', { name: '回到咨询日程' }).click();
    await h1(page, '咨询日程');
    const heldCard = offers(page).getByRole('listitem').filter({ has: page.getByRole('link', { name: '安排 刘一' }) });
    await heldCard.getByText(`保留到 ${dateTimeOf(held.offerExpiresAt)}`).waitFor();
    await heldCard.getByText(dateTimeOf(start), { exact: true }).waitFor();
    await requests(page).getByRole('link', { name: '安排 周二' }).waitFor();
    expect(await requests(page).getByRole('link', { name: '安排 刘一' }).count()).toBe(0);
    await expectAccessible(page);

    // The hold page: what is held and until when; the counselor passes it on.
    await heldCard.getByRole('link', { name: '安排 刘一' }).click();
    await h1(page, '咨询：刘一');
    await status(page, '已保留时段');
    await facts(page).getByText(`保留到 ${dateTimeOf(held.offerExpiresAt)}`).waitFor();
    await facts(page).getByText(`${dateTimeOf(start)}–`).waitFor();
    await expectAccessible(page);
    await page.getByRole('button', { name: '放弃保留的时段' }).click();
    await status(page, '等待安排');
    expect(await appointment(first)).toMatchObject({ status: 'requested', startsAt: null, offerExpiresAt: null });
    expect(await appointment(second)).toMatchObject({ status: 'offered', startsAt: start.toISOString() });
    // Waiting again, it is confirmed with a time of its own: the form for that is offered.
    await page.getByRole('form', { name: '确认预约' }).waitFor();
    await expectAccessible(page);

    // 周二 now holds the slot: confirmed as held, at its time.
    await page.getByRole('link', { name: '回到咨询日程' }).click();
    await h1(page, '咨询日程');
    await offers(page).getByRole('link', { name: '安排 周二' }).click();
    await h1(page, '咨询：周二');
    await status(page, '已保留时段');
    await page.getByRole('button', { name: '确认保留的时段' }).click();
    await status(page, '已确认');
    expect(await appointment(second)).toMatchObject({ status: 'scheduled', startsAt: start.toISOString(), offerExpiresAt: null, mode: 'room', place: ROOM });
    expect(await page.getByText(/^保留到/).count()).toBe(0);
    await expectAccessible(page);

    // 刘一's request is declined, with a reason the teacher who asked never sees.
    await page.getByRole('link', { name: '回到咨询日程' }).click();
    await h1(page, '咨询日程');
    await offers(page).getByText('没有保留中的时段。').waitFor();
    await requests(page).getByRole('link', { name: '安排 刘一' }).click();
    await h1(page, '咨询：刘一');
    await page.getByRole('button', { name: '拒绝申请' }).click();
    const decline = page.getByRole('form', { name: '拒绝申请' });
    await decline.getByLabel(/^拒绝原因/).fill('建议先由班主任跟进一周');
    await decline.getByRole('button', { name: '拒绝申请' }).click();
    await status(page, '已拒绝');
    await facts(page).getByText('建议先由班主任跟进一周').waitFor();
    expect(await appointment(first)).toMatchObject({ status: 'declined', cancellation: expect.objectContaining({ reason: '建议先由班主任跟进一周' }) });
    const teacherView = await api(w.teacher, `/api/v1/appointments/${first}`);
    expect(teacherView.status).toBe('declined');
    expect(JSON.stringify(teacherView)).not.toContain('建议先由班主任跟进一周');
    await expectAccessible(page);
    await page.getByRole('link', { name: '回到咨询日程' }).click();
    await requests(page).getByText('没有等待安排的申请。').waitFor();
  }, 120_000);

  it('reschedules a session: the new session linked both ways, the old time held for a waiting request', async () => {
    const w = server.world;
    const session = await book(studentC, 60);
    const waiting = await request(w.teacher, w.studentA.id);
    const moved = new Date(start.getTime() + 120 * MINUTE);
    tab = await openTab(browser, DESKTOP);
    const { page } = tab;
    await signIn(page, server, w.counselor, `/calendar/appointments/${session}`);
    await h1(page, '咨询：王三');
    await status(page, '已确认');
    const reschedule = page.getByRole('form', { name: '改期' });
    await reschedule.getByLabel('咨询开始').fill(localInput(moved));
    await reschedule.getByLabel('咨询结束').fill(localInput(new Date(moved.getTime() + 45 * MINUTE)));
    await reschedule.getByRole('button', { name: '改到这个时间' }).click();
    await status(page, '已改期');
    const old = await appointment(session);
    expect(old).toMatchObject({ status: 'rescheduled', rescheduledTo: expect.any(String) });
    await expectAccessible(page);

    await page.getByRole('link', { name: '改期后的咨询' }).click();
    await h1(page, '咨询：王三');
    await status(page, '已确认');
    await facts(page).getByText(`${dateTimeOf(moved)}–`).waitFor();
    expect(await appointment(old.rescheduledTo)).toMatchObject({
      status: 'scheduled',
      startsAt: moved.toISOString(),
      endsAt: new Date(moved.getTime() + 45 * MINUTE).toISOString(),
      rescheduledFrom: session,
    });
    await page.getByRole('link', { name: '由此改期而来' }).waitFor();
    await expectAccessible(page);

    // The time it left is held for the waiting request.
    expect(await appointment(waiting)).toMatchObject({ status: 'offered', startsAt: new Date(start.getTime() + 60 * MINUTE).toISOString() });
    await page.getByRole('link', { name: '回到咨询日程' }).click();
    await offers(page).getByRole('link', { name: '安排 刘一' }).waitFor();
    await expectAccessible(page);
  }, 120_000);

  it('tells the counselor a hold ran out while its page was open, and sends it back to the waiting requests', async () => {
    const w = server.world;
    // From the last test, 刘一 holds the slot an hour into the extra hours, for an hour.
    const [held] = (await api(w.counselor, '/api/v1/appointments?status=offered')).items as { id: string; startsAt: string; offerExpiresAt: string }[];
    expect(held.startsAt).toBe(new Date(start.getTime() + 60 * MINUTE).toISOString());
    expect(held.offerExpiresAt).toBe(new Date(clock.now().getTime() + 60 * MINUTE).toISOString());
    // A minute before it ends (signed in then: a sign-in does not outlive hours of the test's clock).
    clock.set(new Date(new Date(held.offerExpiresAt).getTime() - MINUTE));
    tab = await openTab(browser, DESKTOP);
    const { page } = tab;
    await signIn(page, server, w.counselor, `/calendar/appointments/${held.id}`);
    await h1(page, '咨询：刘一');
    await status(page, '已保留时段');

    // Nobody confirmed in time: the expiry job releases the hold before the counselor clicks.
    clock.set(new Date(new Date(held.offerExpiresAt).getTime() + MINUTE));
    await server.t.app.get(OfferExpiryJob).tick();
    expect(await appointment(held.id)).toMatchObject({ status: 'requested', startsAt: null, offerExpiresAt: null });
    await page.getByRole('button', { name: '确认保留的时段' }).click();
    await page.getByRole('alert').filter({ hasText: '状态已由“已保留时段”变为“等待安排”。' }).waitFor();
    await status(page, '等待安排');
    expect(await facts(page).getByText(/^保留到/).count()).toBe(0);
    await page.getByRole('form', { name: '确认预约' }).waitFor();
    expect(await appointment(held.id)).toMatchObject({ status: 'requested', startsAt: null });
    await expectAccessible(page);

    await page.getByRole('link', { name: '回到咨询日程' }).click();
    await h1(page, '咨询日程');
    await offers(page).getByText('没有保留中的时段。').waitFor();
    await requests(page).getByRole('link', { name: '安排 刘一' }).waitFor();
    await expectAccessible(page);
  }, 90_000);
});
