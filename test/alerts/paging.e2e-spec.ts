import { AlertEscalationJob, AlertsService } from '#alerts';
import { ManualClock } from '#core';
import { MessageDeliveryJob } from '#messaging';
import { startMailServer, type MailServer } from '../support/loopback/mail-server.js';
import { startSignedReceiver, type SignedReceiver } from '../support/loopback/signed-http-receiver.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { bearer, createSchoolWorld, createUser, verifiedContacts } from '../support/factories.js';

const SMS_KEY = 'sms-gateway-key-for-paging-tests-0123456789';
const MINUTE = 60_000;
const STUDENT = '张小明'; // the factory's name of every student
const LINK = /http:\/\/campus-care\.test\/a\/([A-Za-z0-9_-]{32})/;

/**
 * A critical alert in the winter holiday at 02:00: the counselors and the officer on the night
 * shift are paged by SMS and email at once, with a one-time link to the acknowledgement page;
 * unacknowledged, the next level is paged the same way; a page that cannot be delivered tells the
 * administrators. Real SMTP and SMS relay servers on loopback; the clock is moved by hand.
 */
describe('paging: a critical alert reaches people outside the system', () => {
  const clock = new ManualClock(new Date('2027-01-20T18:00:00Z')); // 02:00 on 21 January in Shanghai
  const saved = { ...process.env };
  let mail: MailServer;
  let relay: SignedReceiver;
  let t: TestApp;
  let w: Awaited<ReturnType<typeof createSchoolWorld>>;
  let lead: { id: string };

  const verified = (userId: string, contact: { email?: string; mobile?: string }) => verifiedContacts(t, userId, contact);
  const deliver = () => t.app.get(MessageDeliveryJob).run();
  const raise = (sourceId: string) =>
    t.dataSource.transaction((m) =>
      t.app.get(AlertsService).raise(m, { schoolId: w.school.id }, {
        schoolId: w.school.id, studentId: w.studentA.id, severity: 'critical', sourceType: 'manual', sourceId, reasonCode: 'manual',
      }),
    ) as Promise<string>;
  const smsTo = (mobile: string) => relay.accepted().filter((r) => (r.body as { to: string }).to === mobile);
  /** The relay's requests of the outbox rows about one alert (the body's id is the row's). */
  const smsAbout = async (alertId: string, mobile: string) => {
    const rows = await t.dataSource.query<{ id: string }[]>(`SELECT id FROM outbound_messages WHERE entity_id = $1 AND channel = 'sms'`, [alertId]);
    const ids = new Set(rows.map((r) => r.id));
    return smsTo(mobile).filter((r) => ids.has((r.body as { id: string }).id));
  };
  const mailTo = (address: string) => mail.messages().filter((m) => m.to.includes(address));
  const mailAbout = async (alertId: string, address: string) => {
    const rows = await t.dataSource.query<{ id: string }[]>(`SELECT id FROM outbound_messages WHERE entity_id = $1 AND channel = 'email'`, [alertId]);
    const ids = new Set(rows.map((r) => `<${r.id}@campus-care>`));
    return mailTo(address).filter((m) => ids.has(m.messageId ?? ''));
  };
  const tokenIn = (text: string | undefined) => LINK.exec(text ?? '')?.[1];

  beforeAll(async () => {
    mail = await startMailServer();
    relay = await startSignedReceiver({ secrets: [SMS_KEY] });
    Object.assign(process.env, { SMTP_URL: mail.url, SMS_GATEWAY_URL: relay.url('/sms'), SMS_GATEWAY_KEY: SMS_KEY, PUBLIC_BASE_URL: 'http://campus-care.test' });
    t = await createTestApp({ clock });
    w = await createSchoolWorld(t);
    lead = await createUser(t, { schoolId: w.school.id, role: 'counseling_lead' });
    const admin = { authorization: await bearer(t, w.admin) };
    expect((await t.http.post('/api/v1/calendar/holidays').set(admin).send({ kind: 'winter', name: '寒假', startsOn: '2027-01-16', endsOn: '2027-02-20' })).status).toBe(201);
    expect((await t.http.post('/api/v1/duty-roster').set(admin).send({ dutyDate: '2027-01-20', shift: 'night', officerId: w.duty.id, phone: '13900000001' })).status).toBe(201);
    expect((await t.http.post(`/api/v1/students/${w.studentA.id}/guardians`).set(admin).send({ name: '李母', relation: 'mother', phone: '13700000007', isPrimary: true })).status).toBe(201);
    await verified(w.duty.id, { email: 'duty@school.test', mobile: '13900000001' });
    await verified(w.counselor.id, { email: 'counselor@school.test' });
    await verified(lead.id, { email: 'lead@school.test', mobile: '13900000003' });
    await verified(w.admin.id, { email: 'admin@school.test' });
  });
  afterAll(async () => {
    await t.close();
    await mail.close();
    await relay.close();
    process.env = saved;
  });

  it('pages the officer on duty by SMS and email at once, with a link and without the student', async () => {
    const alertId = await raise('00000000-0000-4000-8000-000000000001');
    // The officer's SMS and email, the counselor's email, the head of counseling's SMS and email.
    expect((await deliver()).sent).toBe(5);
    const [sms] = smsTo('13900000001');
    const [email] = mailTo('duty@school.test');
    expect(sms.verified).toBe(true);
    expect((sms.body as { segments: string[] }).segments.every((s) => [...s].length <= 70)).toBe(true);
    const smsToken = tokenIn((sms.body as { text: string }).text);
    expect(smsToken).toBeDefined();
    expect(tokenIn(email.text)).toBe(smsToken); // one page, one link, on both channels
    expect(email.html).toContain(`/a/${smsToken}`);
    expect(email.subject).toMatch(/紧急预警/);
    for (const text of [(sms.body as { text: string }).text, email.text ?? '', email.html ?? '']) {
      expect(text).not.toContain(STUDENT);
      expect(text).not.toContain('manual');
    }
    expect(mailTo('counselor@school.test')).toHaveLength(1);
    const pages = await t.dataSource.query<{ recipient_id: string }[]>('SELECT recipient_id FROM alert_pages WHERE alert_id = $1 AND level = 0', [alertId]);
    expect(pages.map((p) => p.recipient_id).sort()).toEqual([w.duty.id, w.counselor.id, lead.id].sort());
  });

  it('opens the link without sign-in: what the first response needs, an audited read, and "I\'m on it" once', async () => {
    const alertId = await raise('00000000-0000-4000-8000-000000000002');
    await deliver();
    const officerToken = tokenIn(mailTo('duty@school.test').at(-1)?.text) as string;
    const counselorToken = tokenIn(mailTo('counselor@school.test').at(-1)?.text) as string;

    const page = await t.http.get(`/a/${officerToken}`);
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.headers['content-security-policy']).toContain("default-src 'none'");
    expect(page.text).toContain(STUDENT);
    expect(page.text).toContain('13700000007'); // the guardian to call
    expect(page.text).toContain(`action="/a/${officerToken}"`);
    const reads = await t.dataSource.query<{ actor_id: string }[]>(`SELECT actor_id FROM audit_events WHERE action = 'alert.page_read' AND entity_id = $1`, [alertId]);
    expect(reads.map((r) => r.actor_id)).toEqual([w.duty.id]);
    // Opening it again (a link preview did first) does not use it up.
    expect((await t.http.get(`/a/${officerToken}`)).status).toBe(200);

    const ack = await t.http.post(`/a/${officerToken}`).set('content-type', 'text/plain').send('ack=1');
    expect(ack.status).toBe(200);
    expect(ack.text).toMatch(/已确认/);
    const [alert] = await t.dataSource.query<{ status: string; acknowledged_by: string; next_escalation_at: Date | null }[]>(
      'SELECT status, acknowledged_by, next_escalation_at FROM alerts WHERE id = $1',
      [alertId],
    );
    expect(alert).toEqual({ status: 'acknowledged', acknowledged_by: w.duty.id, next_escalation_at: null });

    const again = await t.http.post(`/a/${officerToken}`).set('content-type', 'text/plain').send('ack=1');
    expect(again.status).toBe(200); // the same person: their own acknowledgement, shown again, nothing changed
    const other = await t.http.post(`/a/${counselorToken}`).set('content-type', 'text/plain').send('ack=1');
    expect(other.status).toBe(409);
    expect(other.text).toContain('此预警已由他人确认');
    const [{ n }] = await t.dataSource.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'alert.acknowledge' AND entity_id = $1`, [alertId]);
    expect(n).toBe(1);
  });

  it('answers a used, an expired and an unknown link with a notice page', async () => {
    await raise('00000000-0000-4000-8000-000000000003');
    await deliver();
    const token = tokenIn(mailTo('counselor@school.test').at(-1)?.text) as string;
    expect((await t.http.get('/a/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA')).status).toBe(404);
    expect((await t.http.get('/a/not-a-token')).status).toBe(404);
    clock.advance(13 * 60 * MINUTE);
    const expired = await t.http.post(`/a/${token}`).set('content-type', 'text/plain').send('ack=1');
    expect(expired.status).toBe(410);
    expect(expired.text).toContain('此链接已过期');
    clock.set('2027-01-20T18:00:00Z');
  });

  it('pages the next level the same way when nobody acknowledges before the deadline', async () => {
    clock.set('2027-01-20T18:00:00Z');
    const alertId = await raise('00000000-0000-4000-8000-000000000004');
    await deliver();
    expect(await smsAbout(alertId, '13900000003')).toHaveLength(1); // paged at level 0 with the counselors
    clock.advance(31 * MINUTE);
    expect(await t.app.get(AlertEscalationJob).run()).toBeGreaterThanOrEqual(1);
    await deliver();
    const sms = await smsAbout(alertId, '13900000003');
    expect(sms).toHaveLength(2);
    const leadToken = tokenIn((sms.at(-1)!.body as { text: string }).text) as string;
    const emails = await mailAbout(alertId, 'lead@school.test');
    expect(emails).toHaveLength(2);
    expect(tokenIn(emails.at(-1)?.text)).toBe(leadToken);
    expect((sms.at(-1)!.body as { text: string }).text).toContain('已升级');
    const [page] = await t.dataSource.query<{ level: number; recipient_id: string }[]>(
      `SELECT level, recipient_id FROM alert_pages WHERE alert_id = $1 AND level = 1 AND recipient_id = $2`,
      [alertId, lead.id],
    );
    expect(page).toEqual({ level: 1, recipient_id: lead.id });
    expect((await t.http.post(`/a/${leadToken}`).set('content-type', 'text/plain').send('ack=1')).status).toBe(200);
    clock.set('2027-01-20T18:00:00Z');
  });

  it('tells the administrators when a page to the officer on duty cannot be delivered', async () => {
    relay.respondWith(503, 8); // both SMS pages (the officer's, the head of counseling's), four times each
    const alertId = await raise('00000000-0000-4000-8000-000000000005');
    for (let attempt = 0; attempt < 4; attempt += 1) {
      await deliver();
      clock.advance(2 * MINUTE);
    }
    const [dead] = await t.dataSource.query<{ attempts: number; last_error: string; dead_at: Date | null }[]>(
      `SELECT attempts, last_error, dead_at FROM outbound_messages WHERE entity_id = $1 AND channel = 'sms' AND address = '13900000001'`,
      [alertId],
    );
    expect(dead.attempts).toBe(4);
    expect(dead.last_error).toBe('503');
    expect(dead.dead_at).not.toBeNull();
    const notices = await t.dataSource.query<{ kind: string }[]>(`SELECT kind FROM notifications WHERE recipient_id = $1 AND kind = 'delivery.page_failed'`, [w.admin.id]);
    expect(notices).toHaveLength(2); // one per page given up on
    await deliver();
    expect(mailTo('admin@school.test').some((m) => /送达失败/.test(m.subject ?? ''))).toBe(true);
    clock.set('2027-01-20T18:00:00Z');
  });
});
