import { AnchorDispatchJob, MessageDeliveryJob } from '#messaging';
import { ManualClock } from '#core';
import { startMailServer, type MailServer } from '../support/loopback/mail-server.js';
import { startSignedReceiver, type SignedReceiver } from '../support/loopback/signed-http-receiver.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { bearer, createSchoolWorld } from '../support/factories.js';

/**
 * The audit anchor leaves the system without anyone remembering: the day before a holiday and in
 * the week after a term, to the recipients' mailboxes (a real SMTP server) and to a webhook
 * subscribed to `audit.anchor` (a real receiver checking signatures); the copy that arrives
 * verifies the trail. Three instances racing for one occasion send it once.
 */
describe('audit anchors sent out of the system', () => {
  const clock = new ManualClock(new Date('2027-01-10T04:00:00Z'));
  const saved = { ...process.env };
  let mail: MailServer;
  let receiver: SignedReceiver | undefined;
  let t: TestApp;
  let w: Awaited<ReturnType<typeof createSchoolWorld>>;
  let admin: { authorization: string };

  const anchorMails = () => mail.messages().filter((m) => /审计锚点/.test(m.subject ?? ''));
  const deliver = () => t.app.get(MessageDeliveryJob).run();

  beforeAll(async () => {
    mail = await startMailServer();
    Object.assign(process.env, { SMTP_URL: mail.url });
    t = await createTestApp({ clock });
    w = await createSchoolWorld(t);
    admin = { authorization: await bearer(t, w.admin) };
    expect((await t.http.post('/api/v1/calendar/terms').set(admin).send({ name: '第一学期', startsOn: '2026-09-01', endsOn: '2027-01-15' })).status).toBe(201);
    expect((await t.http.post('/api/v1/calendar/holidays').set(admin).send({ kind: 'winter', name: '寒假', startsOn: '2027-01-16', endsOn: '2027-02-20' })).status).toBe(201);
  });
  afterAll(async () => {
    await t.close();
    await mail.close();
    await receiver?.close();
    process.env = saved;
  });

  it('lets an administrator name recipients, once each, within their own school', async () => {
    const added = await t.http.post('/api/v1/audit-anchor-recipients').set(admin).send({ email: 'anquan@jyj.example.gov.cn', label: '区教育局安全科' });
    expect(added.status).toBe(201);
    expect(added.headers.location).toBe(`/api/v1/audit-anchor-recipients/${added.body.id}`);
    const again = await t.http.post('/api/v1/audit-anchor-recipients').set(admin).send({ email: 'ANQUAN@jyj.example.gov.cn', label: '重复' });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('audit.anchor_recipient_duplicate');
    expect((await t.http.post('/api/v1/audit-anchor-recipients').set(admin).send({ email: 'not an address', label: 'x' })).status).toBe(400);
    const list = await t.http.get('/api/v1/audit-anchor-recipients').set(admin);
    expect(list.body.items.map((r: { email: string }) => r.email)).toEqual(['anquan@jyj.example.gov.cn']);
    const other = await t.http.get('/api/v1/audit-anchor-recipients').set('authorization', await bearer(t, w.otherAdmin));
    expect(other.body.items).toEqual([]);
    expect((await t.http.delete(`/api/v1/audit-anchor-recipients/${added.body.id}`).set('authorization', await bearer(t, w.otherAdmin))).status).toBe(404);
    expect((await t.http.get('/api/v1/audit-anchor-recipients').set('authorization', await bearer(t, w.counselor))).status).toBe(403);
    const [{ n }] = await t.dataSource.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'audit_anchor_recipient.create'`);
    expect(n).toBe(1);
  });

  it('sends nothing before the eve of the holiday, then the anchor once the day before it, by email and webhook', async () => {
    const created = await t.http.post('/api/v1/webhooks').set(admin).send({ url: 'http://127.0.0.1:9/not-yet', events: ['audit.anchor'], description: '区教育局' });
    receiver = await startSignedReceiver({ secrets: [created.body.secret as string] });
    expect((await t.http.patch(`/api/v1/webhooks/${created.body.id}`).set(admin).set('if-match', `"${created.body.version}"`).send({ url: receiver.url('/anchor') })).status).toBe(200);

    clock.set('2027-01-14T15:00:00Z'); // 23:00 on 14 January in Shanghai: not yet the eve
    expect(await t.app.get(AnchorDispatchJob).run()).toBe(0);
    clock.set('2027-01-14T16:30:00Z'); // 00:30 on 15 January, the eve of the holiday
    const jobs = await Promise.all([1, 2, 3].map(() => t.app.get(AnchorDispatchJob).run()));
    expect(jobs.reduce((a, b) => a + b, 0)).toBe(1); // racing runs send the occasion once
    expect(await t.app.get(AnchorDispatchJob).run()).toBe(0);
    await deliver();

    const [email] = anchorMails();
    expect(anchorMails()).toHaveLength(1);
    expect(email.to).toEqual(['anquan@jyj.example.gov.cn']);
    const [hook] = receiver.accepted();
    expect(receiver.accepted()).toHaveLength(1);
    expect(hook.verified).toBe(true);
    const body = hook.body as { type: string; data: Record<string, unknown> };
    expect(body.type).toBe('audit.anchor');
    const { occasion, ...anchor } = body.data;
    expect(String(occasion)).toMatch(/^holiday:/);

    // The copy that arrived by email is the anchor itself: it verifies the trail.
    const fromMail = JSON.parse(/\{[\s\S]*\}/.exec(email.text ?? '')![0]) as Record<string, unknown>;
    expect(fromMail).toEqual(anchor);
    admin = { authorization: await bearer(t, w.admin) }; // the clock moved past the earlier token's life
    const verified = await t.http.post('/api/v1/audit-events/verify').set(admin).send({ anchor: fromMail });
    expect(verified.status).toBe(200);
    expect(verified.body).toMatchObject({ ok: true, anchor: { status: 'intact' } });

    const dispatches = await t.http.get('/api/v1/audit-anchor-dispatches').set(admin);
    expect(dispatches.body.items).toEqual([expect.objectContaining({ occasion, emails: 1, webhooks: 1, requestedBy: null, anchorSeq: anchor.seq })]);
  });

  it('sends it again in the week after the term ends, and when an administrator asks', async () => {
    clock.set('2027-01-16T01:00:00Z'); // 09:00 on 16 January: the term ended yesterday
    expect(await t.app.get(AnchorDispatchJob).run()).toBe(1);
    admin = { authorization: await bearer(t, w.admin) };
    const now = await t.http.post('/api/v1/audit-anchor-dispatches').set(admin);
    expect(now.status).toBe(201);
    expect(now.body).toMatchObject({ emails: 1, webhooks: 1, requestedBy: w.admin.id });
    expect(now.body.occasion).toMatch(/^manual:/);
    await deliver();
    expect(anchorMails()).toHaveLength(3);
    const occasions = (await t.http.get('/api/v1/audit-anchor-dispatches').set(admin)).body.items.map((d: { occasion: string }) => d.occasion.split(':')[0]);
    expect(occasions.sort()).toEqual(['holiday', 'manual', 'term_end']);
  });

  it('refuses to send when nobody would receive it, and keeps nothing of the attempt', async () => {
    const otherAdmin = { authorization: await bearer(t, w.otherAdmin) };
    const refused = await t.http.post('/api/v1/audit-anchor-dispatches').set(otherAdmin);
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('audit.no_anchor_recipients');
    const [{ n }] = await t.dataSource.query<{ n: number }[]>('SELECT count(*)::int AS n FROM audit_anchor_dispatches WHERE school_id = $1', [w.otherSchool.id]);
    expect(n).toBe(0);
  });
});
