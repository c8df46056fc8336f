import { spawn, type ChildProcess } from 'node:child_process';
import { MessageDeliveryJob } from '#messaging';
import { startMailServer, type MailServer, type ReceivedMail } from '../support/loopback/mail-server.js';
import { startSignedReceiver, type ReceivedRequest, type SignedReceiver } from '../support/loopback/signed-http-receiver.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { bearer, createSchoolWorld } from '../support/factories.js';

const WORKER = 'dist/apps/worker/src/main.js';
const SMS_KEY = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const DAY = 86_400_000;
const LINK = /\/a\/([A-Za-z0-9_-]{32})/;

/** Shanghai's calendar date `days` from now, and the hour there now. */
const shanghai = (days = 0) => new Date(Date.now() + 8 * 3_600_000 + days * DAY).toISOString().slice(0, 10);
const shanghaiHour = () => new Date(Date.now() + 8 * 3_600_000).getUTCHours();

/**
 * The README's holiday night, on the real clock: an API server and a worker (the scheduled jobs,
 * as deployed) on one database, a real SMTP server and a real SMS relay on loopback. The duty
 * officer verifies their email and mobile with the codes that reach them; a class teacher raises
 * an urgent flag; the officer's phone and mailbox get the page within one minute; the link
 * acknowledges the alert.
 */
describe('a holiday night: an urgent flag reaches the officer on duty by SMS and email within a minute', () => {
  const saved = { ...process.env };
  let mail: MailServer;
  let relay: SignedReceiver;
  let t: TestApp;
  let w: Awaited<ReturnType<typeof createSchoolWorld>>;
  let worker: ChildProcess | undefined;
  let workerOutput = '';

  beforeAll(async () => {
    mail = await startMailServer();
    relay = await startSignedReceiver({ secrets: [SMS_KEY] });
    Object.assign(process.env, { SMTP_URL: mail.url, SMS_GATEWAY_URL: relay.url('/sms'), SMS_GATEWAY_KEY: SMS_KEY, PUBLIC_BASE_URL: 'http://campus-care.test' });
    t = await createTestApp();
    w = await createSchoolWorld(t);
  });
  afterAll(async () => {
    worker?.kill('SIGKILL');
    await t.close();
    await mail.close();
    await relay.close();
    process.env = saved;
  });

  it('pages the officer on duty, who acknowledges from the link', async () => {
    const admin = { authorization: await bearer(t, w.admin) };
    const officer = { authorization: await bearer(t, w.duty) };

    // The holiday is on, and the roster covers now (and the next shift, should one end during the test).
    expect((await t.http.post('/api/v1/calendar/holidays').set(admin).send({ kind: 'winter', name: '寒假', startsOn: shanghai(-1), endsOn: shanghai(5) })).status).toBe(201);
    const hour = shanghaiHour();
    const shifts = hour >= 8 && hour < 20 ? [[shanghai(), 'day'], [shanghai(), 'night']] : hour >= 20 ? [[shanghai(), 'night'], [shanghai(1), 'day']] : [[shanghai(-1), 'night'], [shanghai(), 'day']];
    for (const [dutyDate, shift] of shifts) {
      expect((await t.http.post('/api/v1/duty-roster').set(admin).send({ dutyDate, shift, officerId: w.duty.id, phone: '13900000001' })).status).toBe(201);
    }

    // The officer saves and verifies their email and mobile with the codes that reach them.
    const saved = await t.http.patch('/api/v1/me/contact').set(officer).send({ version: 1, email: 'duty@school.test', mobile: '13900000001', quietHours: { from: '22:00', until: '07:00' } });
    expect(saved.status).toBe(200);
    for (const channel of ['email', 'sms'] as const) {
      expect((await t.http.post('/api/v1/me/contact/verifications').set(officer).send({ channel })).status).toBe(202);
    }
    await t.app.get(MessageDeliveryJob).run();
    const codeMail = await mail.waitFor((m) => m.to.includes('duty@school.test'));
    const codeSms = await relay.waitFor((r) => (r.body as { to?: string }).to === '13900000001');
    for (const [channel, text] of [['email', codeMail.text], ['sms', (codeSms.body as { text: string }).text]] as const) {
      const code = /(\d{6})/.exec(text ?? '')?.[1];
      expect((await t.http.post('/api/v1/me/contact/verifications/confirm').set(officer).send({ channel, code })).status).toBe(200);
    }
    mail.clear();

    // The worker runs the scheduled jobs, as deployed beside the API servers.
    worker = spawn(process.execPath, [WORKER], {
      env: { ...process.env, DATABASE_URL: t.database.url, JOBS_ENABLED: 'true', REMINDER_SWEEP_ENABLED: 'false', LOG_LEVEL: 'info' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    worker.stdout!.on('data', (chunk: Buffer) => (workerOutput += chunk.toString()));
    worker.stderr!.on('data', (chunk: Buffer) => (workerOutput += chunk.toString()));
    const deadline = Date.now() + 30_000;
    while (!workerOutput.includes('running the scheduled jobs') && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(workerOutput).toContain('running the scheduled jobs');

    // A class teacher raises an urgent flag.
    const raisedAt = Date.now();
    const flag = await t.http.post('/api/v1/concern-flags').set({ authorization: await bearer(t, w.teacher) }).send({
      studentId: w.studentA.id,
      category: 'self_harm_or_suicide_talk',
      severity: 'urgent',
      observedAt: new Date(raisedAt - 60_000).toISOString(),
      observation: '课间说了想离开这个世界的话',
    });
    expect(flag.status).toBe(201);

    // The officer's phone and mailbox: within one minute, whatever the quiet hours.
    const [sms, email] = await Promise.all([
      relay.waitFor((r) => (r.body as { to?: string }).to === '13900000001' && /紧急预警/.test((r.body as { text: string }).text), 60_000),
      mail.waitFor((m) => m.to.includes('duty@school.test') && /紧急预警/.test(m.subject ?? ''), 60_000),
    ]);
    const arrived = (x: ReceivedRequest | ReceivedMail) => x.receivedAt.getTime() - raisedAt;
    expect(Math.max(arrived(sms), arrived(email))).toBeLessThan(60_000);
    expect(sms.verified).toBe(true);
    const token = LINK.exec((sms.body as { text: string }).text)?.[1] as string;
    expect(LINK.exec(email.text ?? '')?.[1]).toBe(token);

    // The officer taps the link: what the first response needs, then "I'm on it".
    const page = await t.http.get(`/a/${token}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('我来处理');
    expect((await t.http.post(`/a/${token}`).set('content-type', 'text/plain').send('ack=1')).status).toBe(200);
    const alertId = (await t.http.get(`/api/v1/concern-flags/${flag.body.id}`).set({ authorization: await bearer(t, w.counselor) })).body.alertId as string;
    const alert = await t.http.get(`/api/v1/alerts/${alertId}`).set(officer);
    expect(alert.status).toBe(200);
    expect(alert.body).toMatchObject({ status: 'acknowledged', acknowledgedBy: w.duty.id });
  }, 120_000);
});
