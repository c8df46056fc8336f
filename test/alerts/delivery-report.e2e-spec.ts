import { AlertsService } from '#alerts';
import { ManualClock } from '#core';
import { MessageDeliveryJob } from '#messaging';
import { startMailServer, type MailServer } from '../support/loopback/mail-server.js';
import { startSignedReceiver, type SignedReceiver } from '../support/loopback/signed-http-receiver.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { bearer, createSchoolWorld, verifiedContacts } from '../support/factories.js';

const SMS_KEY = 'sms-gateway-key-for-the-delivery-report-0001';
const T0 = new Date('2027-03-02T02:00:00Z');
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);

/**
 * The delivery report per channel, over real SMTP and SMS servers and a clock moved by hand, so
 * that every count and median below is known: alert A's page goes out 20 s after it is raised on
 * both channels; alert B's email 10 s after, its SMS refused once and sent 30 s after; A is
 * acknowledged after 120 s, B after 300 s.
 */
describe('the delivery report', () => {
  const clock = new ManualClock(T0);
  const saved = { ...process.env };
  let mail: MailServer;
  let relay: SignedReceiver;
  let t: TestApp;
  let w: Awaited<ReturnType<typeof createSchoolWorld>>;

  const raise = (sourceId: string) =>
    t.dataSource.transaction((m) =>
      t.app.get(AlertsService).raise(m, { schoolId: w.school.id }, {
        schoolId: w.school.id, studentId: w.studentA.id, severity: 'critical', sourceType: 'manual', sourceId, reasonCode: 'manual',
      }),
    ) as Promise<string>;
  const deliver = () => t.app.get(MessageDeliveryJob).run();
  const acknowledge = async (alertId: string) =>
    expect((await t.http.post(`/api/v1/alerts/${alertId}/acknowledge`).set('authorization', await bearer(t, w.counselor)).send({ note: '已联系' })).status).toBe(200);
  const report = async (from: Date, to: Date) =>
    t.http.get('/api/v1/reports/deliveries').query({ from: from.toISOString(), to: to.toISOString() }).set('authorization', await bearer(t, w.admin));

  beforeAll(async () => {
    mail = await startMailServer();
    relay = await startSignedReceiver({ secrets: [SMS_KEY] });
    Object.assign(process.env, { SMTP_URL: mail.url, SMS_GATEWAY_URL: relay.url('/sms'), SMS_GATEWAY_KEY: SMS_KEY });
    t = await createTestApp({ clock });
    w = await createSchoolWorld(t);
    await verifiedContacts(t, w.counselor.id, { email: 'counselor@school.test', mobile: '13900000002' });

    const a = await raise('00000000-0000-4000-8000-00000000000a');
    clock.set(at(20));
    expect(await deliver()).toEqual({ sent: 2, failed: 0, dead: 0 });
    clock.set(at(60));
    const b = await raise('00000000-0000-4000-8000-00000000000b');
    relay.respondWith(503, 1);
    clock.set(at(70));
    expect(await deliver()).toEqual({ sent: 1, failed: 1, dead: 0 });
    clock.set(at(90)); // past the 15 s a page waits before its retry
    expect(await deliver()).toEqual({ sent: 1, failed: 0, dead: 0 });
    clock.set(at(120));
    await acknowledge(a);
    clock.set(at(360));
    await acknowledge(b);
  });
  afterAll(async () => {
    await t.close();
    await mail.close();
    await relay.close();
    process.env = saved;
  });

  it('counts what was sent, failed and retried per channel, with the medians from alert to delivery and to acknowledgement', async () => {
    const res = await report(at(-60), at(3600));
    expect(res.status).toBe(200);
    expect(res.body.channels).toEqual([
      { channel: 'email', queued: 2, sent: 2, dead: 0, pending: 0, failedAttempts: 0, retried: 0, medianSecondsAlertToDelivery: 15, medianSecondsAlertToAcknowledgement: 210 },
      { channel: 'sms', queued: 2, sent: 2, dead: 0, pending: 0, failedAttempts: 1, retried: 1, medianSecondsAlertToDelivery: 25, medianSecondsAlertToAcknowledgement: 210 },
      { channel: 'webhook', queued: 0, sent: 0, dead: 0, pending: 0, failedAttempts: 0, retried: 0, medianSecondsAlertToDelivery: null, medianSecondsAlertToAcknowledgement: null },
    ]);
    expect(JSON.stringify(res.body)).not.toMatch(/counselor@school\.test|13900000002/);
  });

  it('counts only the messages queued in the period, and only the caller school\'s', async () => {
    const later = await report(at(30), at(3600)); // alert B's messages only
    expect(later.body.channels.map((c: { queued: number }) => c.queued)).toEqual([1, 1, 0]);
    const other = await t.http
      .get('/api/v1/reports/deliveries')
      .query({ from: at(-60).toISOString(), to: at(3600).toISOString() })
      .set('authorization', await bearer(t, w.otherAdmin));
    expect(other.body.channels.map((c: { queued: number }) => c.queued)).toEqual([0, 0, 0]);
  });

  it('refuses a period that ends before it starts, and a role without reports', async () => {
    expect((await report(at(60), at(0))).status).toBe(400);
    const teacher = await t.http.get('/api/v1/reports/deliveries').query({ from: at(0).toISOString(), to: at(60).toISOString() }).set('authorization', await bearer(t, w.teacher));
    expect(teacher.status).toBe(403);
  });
});
