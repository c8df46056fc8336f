import { ManualClock } from '#core';
import { DutyReachabilityJob, type ReachabilityRun } from '#holidays';
import { MessageDeliveryJob, MessageOutbox } from '#messaging';
import { startMailServer, type MailServer } from '../support/loopback/mail-server.js';
import { startSignedReceiver, type SignedReceiver } from '../support/loopback/signed-http-receiver.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { bearer, createSchoolWorld, createUser, type TestUser, verifiedContacts } from '../support/factories.js';

const SMS_KEY = 'sms-gateway-key-for-reachability-tests-0123';
const LINK = /http:\/\/campus-care\.test\/r\/([A-Za-z0-9_-]{32})/;

interface Gap {
  kind: string;
  date: string;
  shift: string;
  shiftId: string | null;
  officerId: string | null;
  officerName: string | null;
  confirmBy: string | null;
}

/**
 * Before the winter holiday (16 January to 20 February 2027, Shanghai) each officer of the duty
 * roster gets a test message on each verified channel and confirms with one tap on `/r/{token}`;
 * an officer not confirmed 24 hours before their first shift shows in the roster's gaps and the
 * administrators are told, once; an officer with no verified channel is a gap at once. Real SMTP
 * and SMS relay servers on loopback; the clock is moved by hand.
 */
describe('reachability checks of the duty roster before a holiday', () => {
  const clock = new ManualClock(new Date('2027-01-05T02:00:00Z')); // 10:00 on 5 January in Shanghai
  const saved = { ...process.env };
  let mail: MailServer;
  let relay: SignedReceiver;
  let t: TestApp;
  let w: Awaited<ReturnType<typeof createSchoolWorld>>;
  let holidayId: string;
  /** Email and SMS verified; shifts on the first day and later. */
  let a: TestUser;
  /** Email verified only; never confirms. */
  let b: TestUser;
  /** No contact details at first. */
  let c: TestUser;
  const shiftIds: Record<string, string> = {};

  const verified = (userId: string, contact: { email?: string; mobile?: string }) => verifiedContacts(t, userId, contact);
  const runJob = (app: TestApp = t): Promise<ReachabilityRun> => app.app.get(DutyReachabilityJob).run();
  const deliver = () => t.app.get(MessageDeliveryJob).run();
  const smsTo = (mobile: string) => relay.accepted().filter((r) => (r.body as { to: string }).to === mobile).map((r) => r.body as { text: string });
  const mailTo = (address: string) => mail.messages().filter((m) => m.to.includes(address));
  const tokenIn = (text: string | undefined) => LINK.exec(text ?? '')?.[1];
  /** A fresh token at the clock's now: moving the clock ends the earlier ones. */
  const asAdmin = async () => ({ authorization: await bearer(t, w.admin) });
  const officerGaps = async (): Promise<Gap[]> => {
    const res = await t.http.get('/api/v1/duty-roster/gaps').query({ holidayId }).set(await asAdmin());
    expect(res.status).toBe(200);
    return (res.body.items as Gap[]).filter((g) => g.kind !== 'unfilled_shift');
  };
  const checks = () =>
    t.dataSource.query<{ officer_id: string; channels: string[]; sent: boolean; token_hash: string | null; confirmed_at: Date | null; admins_told_at: Date | null }[]>(
      `SELECT officer_id, channels, sent_at IS NOT NULL AS sent, token_hash, confirmed_at, admins_told_at FROM duty_reachability_checks WHERE holiday_id = $1`,
      [holidayId],
    );
  const checkOf = async (officer: { id: string }) => (await checks()).find((row) => row.officer_id === officer.id);
  const postLink = (token: string) => t.http.post(`/r/${token}`).set('content-type', 'text/plain').send('reachable=1');

  beforeAll(async () => {
    mail = await startMailServer();
    relay = await startSignedReceiver({ secrets: [SMS_KEY] });
    Object.assign(process.env, { SMTP_URL: mail.url, SMS_GATEWAY_URL: relay.url('/sms'), SMS_GATEWAY_KEY: SMS_KEY, PUBLIC_BASE_URL: 'http://campus-care.test' });
    t = await createTestApp({ clock });
    w = await createSchoolWorld(t);
    const admin = await asAdmin();
    a = w.duty;
    b = await createUser(t, { schoolId: w.school.id, role: 'duty_officer', displayName: '值班员乙' });
    c = await createUser(t, { schoolId: w.school.id, role: 'duty_officer', displayName: '值班员丙' });
    const holiday = await t.http.post('/api/v1/calendar/holidays').set(admin).send({ kind: 'winter', name: '寒假', startsOn: '2027-01-16', endsOn: '2027-02-20' });
    expect(holiday.status).toBe(201);
    holidayId = holiday.body.id;
    for (const [key, officer, dutyDate, shift] of [
      ['a1', a, '2027-01-16', 'day'], // 00:00Z on 16 January: the holiday's first rostered shift
      ['a2', a, '2027-01-25', 'night'],
      ['b1', b, '2027-01-18', 'night'], // 12:00Z on 18 January
      ['c1', c, '2027-01-20', 'day'], // 00:00Z on 20 January
    ] as const) {
      const res = await t.http.post('/api/v1/duty-roster').set(admin).send({ dutyDate, shift, officerId: officer.id, phone: '13900000000' });
      expect(res.status).toBe(201);
      shiftIds[key] = res.body.id;
    }
    await verified(a.id, { email: 'a@school.test', mobile: '13900000001' });
    await verified(b.id, { email: 'b@school.test' });
    await verified(w.admin.id, { email: 'admin@school.test' });
  });
  afterAll(async () => {
    await t.close();
    await mail.close();
    await relay.close();
    process.env = saved;
  });

  it('checks nobody before 7 days ahead of the first rostered shift, but shows an officer with no verified channel as a gap at once', async () => {
    expect(await runJob()).toEqual({ created: 0, sent: 0, told: 0 });
    expect(await checks()).toEqual([]);
    expect(await officerGaps()).toEqual([
      { kind: 'unreachable_officer', date: '2027-01-20', shift: 'day', shiftId: shiftIds.c1, officerId: c.id, officerName: '值班员丙', confirmBy: '2027-01-19T00:00:00.000Z' },
    ]);
  });

  it('creates each check once and sends each test once, with three instances running the job at once', async () => {
    clock.set('2027-01-09T01:00:00Z'); // 7 days before the first shift, and an hour
    const others = [await createTestApp({ clock, database: t.database }), await createTestApp({ clock, database: t.database })];
    try {
      const runs = await Promise.all([runJob(), ...others.map((o) => runJob(o))]);
      expect(runs.reduce((sum, r) => sum + r.created, 0)).toBe(3);
      expect(runs.reduce((sum, r) => sum + r.sent, 0)).toBe(2); // a and b; c has no verified channel
      for (const again of [await runJob(), await runJob(others[0])]) expect(again).toEqual({ created: 0, sent: 0, told: 0 });
    } finally {
      for (const other of others) await other.close();
    }
    const rows = await checks();
    expect(rows).toHaveLength(3);
    expect((await checkOf(a))?.channels.sort()).toEqual(['email', 'sms']);
    expect((await checkOf(b))?.channels).toEqual(['email']);
    expect(await checkOf(c)).toMatchObject({ channels: [], sent: false, token_hash: null });
    const [{ n }] = await t.dataSource.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM outbound_messages WHERE kind = 'duty.reachability_check'`);
    expect(n).toBe(3);
  });

  it('reaches each verified channel with the one-tap link, and nothing about any student', async () => {
    expect((await deliver()).sent).toBe(3);
    const [sms] = smsTo('13900000001');
    const [email] = mailTo('a@school.test');
    const token = tokenIn(sms.text);
    expect(token).toBeDefined();
    expect(tokenIn(email.text)).toBe(token); // one check, one link, on both channels
    expect(email.html).toContain(`/r/${token}`);
    expect(email.subject).toMatch(/值班联络测试/);
    expect(email.text).toContain('1月16日白班');
    expect(sms.text).not.toContain('张小明');
    expect(mailTo('b@school.test')).toHaveLength(1);
    expect(smsTo('13900000002')).toEqual([]);
  });

  it('shows the page without changing anything, confirms with the button as the officer, once', async () => {
    const token = tokenIn(smsTo('13900000001')[0].text) as string;
    const page = await t.http.get(`/r/${token}`);
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.headers['content-security-policy']).toContain("default-src 'none'");
    expect(page.text).toContain('1月16日白班');
    expect(page.text).toContain('1月25日夜班');
    expect(page.text).toContain(`action="/r/${token}"`);
    expect((await checkOf(a))?.confirmed_at).toBeNull();

    const confirmed = await postLink(token);
    expect(confirmed.status).toBe(200);
    expect(confirmed.text).toContain('已确认');
    expect((await checkOf(a))?.confirmed_at).toEqual(clock.now());
    const shifts = await t.dataSource.query<{ id: string; last_confirmed_reachable_at: Date | null }[]>(
      'SELECT id, last_confirmed_reachable_at FROM duty_shifts WHERE officer_id = $1 ORDER BY starts_at',
      [a.id],
    );
    expect(shifts).toEqual([
      { id: shiftIds.a1, last_confirmed_reachable_at: clock.now() },
      { id: shiftIds.a2, last_confirmed_reachable_at: clock.now() },
    ]);
    const shift = await t.http.get(`/api/v1/duty-roster/${shiftIds.a1}`).set(await asAdmin());
    expect(shift.body.lastConfirmedReachableAt).toBe(clock.now().toISOString());
    const audited = await t.dataSource.query<{ action: string; actor_id: string; entity_id: string; reason: string }[]>(
      `SELECT action, actor_id, entity_id, reason FROM audit_events WHERE action IN ('duty_shift.confirm_reachable', 'duty_reachability.confirm') ORDER BY seq`,
    );
    expect(audited.map((e) => [e.action, e.actor_id, e.reason])).toEqual([
      ['duty_reachability.confirm', a.id, 'reachability link'],
      ['duty_shift.confirm_reachable', a.id, 'reachability link'],
      ['duty_shift.confirm_reachable', a.id, 'reachability link'],
    ]);
    expect(audited.slice(1).map((e) => e.entity_id)).toEqual([shiftIds.a1, shiftIds.a2]);

    // Used again: a notice page, nothing changed; opening it shows the confirmation.
    const again = await postLink(token);
    expect(again.status).toBe(409);
    expect(again.headers['content-type']).toMatch(/text\/html/);
    expect(again.text).toContain('此链接已使用');
    const reopened = await t.http.get(`/r/${token}`);
    expect(reopened.status).toBe(200);
    expect(reopened.text).toContain('您已确认可联系');
    const [{ n }] = await t.dataSource.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'duty_reachability.confirm'`);
    expect(n).toBe(1);
  });

  it('answers an unknown link with a notice page', async () => {
    for (const res of [await t.http.get('/r/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'), await t.http.get('/r/not-a-token'), await postLink('AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA')]) {
      expect(res.status).toBe(404);
      expect(res.headers['content-type']).toMatch(/text\/html/);
      expect(res.text).toContain('链接无效');
    }
  });

  it('sends the test to an officer once they have a verified channel, after their quiet hours', async () => {
    expect((await officerGaps()).map((g) => [g.kind, g.officerId])).toEqual([['unreachable_officer', c.id]]);
    await verified(c.id, { mobile: '13900000003' });
    // 09:00 in Shanghai: inside quiet hours from 08:00 to 10:00, so the test waits.
    await t.dataSource.query(`UPDATE staff_contacts SET quiet_from = '08:00', quiet_until = '10:00' WHERE user_id = $1`, [c.id]);
    expect(await runJob()).toEqual({ created: 0, sent: 0, told: 0 });
    clock.set('2027-01-09T02:00:00Z');
    expect(await runJob()).toEqual({ created: 0, sent: 1, told: 0 });
    expect(await runJob()).toEqual({ created: 0, sent: 0, told: 0 });
    await deliver();
    const [sms] = smsTo('13900000003');
    expect(tokenIn(sms.text)).toBeDefined();
    expect(await checkOf(c)).toMatchObject({ channels: ['sms'], sent: true });
    expect(await officerGaps()).toEqual([]); // reachable now, and 24 hours before the first shift is still ahead
  });

  it('shows an officer unconfirmed 24 hours before their first shift in the gaps, and tells the administrators once', async () => {
    clock.set('2027-01-17T11:59:00Z'); // a minute before b's deadline (b's night shift starts at 12:00Z on the 18th)
    expect((await runJob()).told).toBe(0);
    expect(await officerGaps()).toEqual([]);

    clock.set('2027-01-17T12:30:00Z');
    const runs = [await runJob(), await runJob(), await runJob()];
    expect(runs.map((r) => r.told)).toEqual([1, 0, 0]);
    expect(await officerGaps()).toEqual([
      { kind: 'unconfirmed_officer', date: '2027-01-18', shift: 'night', shiftId: shiftIds.b1, officerId: b.id, officerName: '值班员乙', confirmBy: '2027-01-17T12:00:00.000Z' },
    ]);
    const notices = await t.dataSource.query<{ entity_type: string; entity_id: string }[]>(
      `SELECT entity_type, entity_id FROM notifications WHERE recipient_id = $1 AND kind = 'duty.officer_unconfirmed'`,
      [w.admin.id],
    );
    expect(notices).toEqual([{ entity_type: 'duty_shift', entity_id: shiftIds.b1 }]);
    const inbox = await t.http.get('/api/v1/notifications').set(await asAdmin());
    expect(inbox.body.items.some((n: { kind: string }) => n.kind === 'duty.officer_unconfirmed')).toBe(true);
    await deliver();
    const told = mailTo('admin@school.test').filter((m) => /尚未确认可联系/.test(m.subject ?? ''));
    expect(told).toHaveLength(1);
    expect(told[0].text).toContain('值班员乙');
    expect(told[0].text).toContain('1月18日夜班');
    expect(await checkOf(b)).toMatchObject({ confirmed_at: null });
    expect((await checkOf(b))?.admins_told_at).toEqual(new Date('2027-01-17T12:30:00Z'));

    // b confirms late: no longer a gap; c's deadline passes unconfirmed: c is told of, once too.
    const bToken = tokenIn(mailTo('b@school.test')[0].text) as string;
    expect((await postLink(bToken)).status).toBe(200);
    clock.set('2027-01-19T00:05:00Z');
    expect((await runJob()).told).toBe(1);
    expect((await runJob()).told).toBe(0);
    expect((await officerGaps()).map((g) => [g.kind, g.officerId])).toEqual([['unconfirmed_officer', c.id]]);
  });

  it('answers a link after the holiday with a notice page', async () => {
    const token = tokenIn(smsTo('13900000003')[0].text) as string;
    clock.set('2027-02-20T16:00:00Z'); // midnight after the last day, in Shanghai
    for (const res of [await t.http.get(`/r/${token}`), await postLink(token)]) {
      expect(res.status).toBe(410);
      expect(res.text).toContain('此链接已过期');
    }
    expect(await checkOf(c)).toMatchObject({ confirmed_at: null });
  });

  it('tells the administrators at once when a test message cannot be delivered', async () => {
    clock.set('2027-01-10T02:00:00Z');
    // A test to an officer's mobile, queued as the job queues it; the relay refuses every attempt.
    await t.dataSource.transaction((manager) =>
      t.app.get(MessageOutbox).enqueue(
        manager,
        [
          {
            schoolId: w.school.id, recipientId: a.id, channel: 'sms', address: '13900000001', kind: 'duty.reachability_check', urgency: 'page',
            dedupeKey: 'test:failed-reachability', occurredAt: clock.now(), content: { subject: '联络测试', text: '联络测试', html: '<p>联络测试</p>', sms: '联络测试' },
          },
        ],
        clock.now(),
      ),
    );
    relay.respondWith(503, 4);
    for (let attempt = 0; attempt < 4; attempt += 1) {
      await deliver();
      clock.advance(2 * 60_000);
    }
    const notices = await t.dataSource.query<{ kind: string }[]>(`SELECT kind FROM notifications WHERE recipient_id = $1 AND kind = 'duty.reachability_failed'`, [w.admin.id]);
    expect(notices).toHaveLength(1);
    await deliver();
    expect(mailTo('admin@school.test').filter((m) => /联络测试未能送达/.test(m.subject ?? ''))).toHaveLength(1);
  });
});

