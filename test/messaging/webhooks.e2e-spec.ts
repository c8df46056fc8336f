import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { AlertEscalationJob, AlertsService } from '#alerts';
import { ManualClock } from '#core';
import { MessageDeliveryJob } from '#messaging';
import { verifyWebhook } from '../../libs/messaging/src/signing/standard-webhook-signature.js';
import { startMailServer, type MailServer } from '../support/loopback/mail-server.js';
import { startSignedReceiver, type ReceivedRequest, type SignedReceiver } from '../support/loopback/signed-http-receiver.js';
import { bearer, createClass, createSchool, createSchoolWorld, createStudent, createUser } from '../support/factories.js';
import { freePort } from '../support/free-port.js';
import { expectProblem } from '../support/problems.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

const MINUTE = 60_000;
const STUDENT = '张小明'; // the factory's name of every student
const ALL_EVENTS = ['alert.raised', 'alert.escalated', 'alert.acknowledged', 'audit.anchor', 'webhook.test'];

interface Payload {
  type: string;
  timestamp: string;
  data: Record<string, unknown>;
}

/**
 * A school's webhooks, end to end: administrators register endpoints through the API, alert events
 * are POSTed to real HTTP receivers on loopback that verify the Standard Webhooks signature, a
 * refusal is retried after the back-off, three messages given up on switch the endpoint off and
 * tell the administrators (by a real SMTP server too). The clock is moved by hand.
 */
describe('webhooks: a school\'s endpoints receive its events, signed', () => {
  const clock = new ManualClock(new Date('2027-03-10T02:00:00Z'));
  const saved = { ...process.env };
  const receivers: SignedReceiver[] = [];
  let mail: MailServer;
  let t: TestApp;

  const deliver = () => t.app.get(MessageDeliveryJob).run();
  const payloadOf = (request: ReceivedRequest) => request.body as Payload;

  /** A school of its own per test, so that no other test's endpoints receive its events. */
  async function freshSchool() {
    const school = await createSchool(t);
    const klass = await createClass(t, school.id);
    const admin = await createUser(t, { schoolId: school.id, role: 'admin' });
    const counselor = await createUser(t, { schoolId: school.id, role: 'counselor' });
    const student = await createStudent(t, { schoolId: school.id, classId: klass.id });
    return { school, admin, counselor, student, auth: { authorization: await bearer(t, admin) } };
  }

  /**
   * Registers an endpoint, then points it at a receiver that knows its secret (the secret exists only
   * once the endpoint does): the PATCH is part of the flow an administrator would follow too.
   */
  async function endpointWithReceiver(auth: { authorization: string }, events: string[] = ALL_EVENTS) {
    const created = await t.http.post('/api/v1/webhooks').set(auth).send({ url: 'http://127.0.0.1:9/not-yet', events, description: '值班群机器人' });
    expect(created.status).toBe(201);
    const receiver = await startSignedReceiver({ secrets: [created.body.secret as string] });
    receivers.push(receiver);
    const pointed = await t.http.patch(`/api/v1/webhooks/${created.body.id}`).set(auth).set('if-match', `"${created.body.version}"`).send({ url: receiver.url('/hook') });
    expect(pointed.status).toBe(200);
    return { id: created.body.id as string, secret: created.body.secret as string, receiver, version: pointed.body.version as number };
  }

  const raise = (schoolId: string, studentId: string) =>
    t.dataSource.transaction((m) =>
      t.app.get(AlertsService).raise(m, { schoolId }, { schoolId, studentId, severity: 'critical', sourceType: 'manual', sourceId: randomUUID(), reasonCode: 'critical_item:phq9' }),
    ) as Promise<string>;

  const endpointRow = async (id: string) =>
    (
      await t.dataSource.query<{ enabled: boolean; consecutive_failures: number; disabled_at: Date | null; disabled_reason: string | null; secret: string }[]>(
        'SELECT enabled, consecutive_failures, disabled_at, disabled_reason, secret FROM webhook_endpoints WHERE id = $1',
        [id],
      )
    )[0];

  const auditActions = async (endpointId: string) =>
    (await t.dataSource.query<{ action: string }[]>(`SELECT action FROM audit_events WHERE entity_id = $1 ORDER BY seq`, [endpointId])).map((r) => r.action);

  beforeAll(async () => {
    mail = await startMailServer();
    Object.assign(process.env, { SMTP_URL: mail.url, PUBLIC_BASE_URL: 'http://campus-care.test' });
    t = await createTestApp({ clock });
  });
  afterAll(async () => {
    await t.close();
    await mail.close();
    for (const receiver of receivers) await receiver.close();
    process.env = saved;
  });

  it('registers an endpoint and answers its secret once, encrypted at rest', async () => {
    const { auth } = await freshSchool();
    const created = await t.http.post('/api/v1/webhooks').set(auth).send({ url: 'https://Hooks.Example.EDU/campus-care', events: ['alert.raised', 'webhook.test'] });
    expect(created.status).toBe(201);
    expect(created.headers.location).toBe(`/api/v1/webhooks/${created.body.id}`);
    expect(created.headers['cache-control']).toBe('no-store');
    expect(created.body).toMatchObject({
      url: 'https://hooks.example.edu/campus-care',
      description: null,
      events: ['alert.raised', 'webhook.test'],
      enabled: true,
      consecutiveFailures: 0,
      disabledAt: null,
      disabledReason: null,
      version: 1,
    });
    expect(created.body.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);

    const read = await t.http.get(`/api/v1/webhooks/${created.body.id}`).set(auth);
    expect(read.status).toBe(200);
    expect(read.body).not.toHaveProperty('secret');
    const list = await t.http.get('/api/v1/webhooks').set(auth);
    expect(list.body.items).toHaveLength(1);
    expect(list.body.items[0]).not.toHaveProperty('secret');
    expect(JSON.stringify([read.body, list.body])).not.toContain(created.body.secret);

    const row = await endpointRow(created.body.id);
    expect(row.secret).not.toContain(created.body.secret.slice(6));
    // A kept answer would keep the secret for a day: the routes that show one take no Idempotency-Key.
    const keyed = await t.http.post('/api/v1/webhooks').set(auth).set('idempotency-key', randomUUID()).send({ url: 'https://hooks.example.edu/x', events: ['alert.raised'] });
    expectProblem(keyed, 400, 'idempotency.not_supported');
  });

  it('refuses what is not a valid endpoint, and anyone but an administrator', async () => {
    const { auth, counselor } = await freshSchool();
    const post = (body: object) => t.http.post('/api/v1/webhooks').set(auth).send(body);
    const fieldsOf = (res: { body: { errors?: { field: string }[] } }) => res.body.errors?.map((e) => e.field);

    for (const body of [
      { url: 'https://hooks.example.edu/x' }, // no events
      { url: 'https://hooks.example.edu/x', events: [] },
      { url: 'https://hooks.example.edu/x', events: ['alert.closed'] },
      { url: 'https://hooks.example.edu/x', events: ['alert.raised', 'alert.raised'] },
      { url: 'https://hooks.example.edu/x', events: ['alert.raised'], description: '   ' },
    ]) {
      const res = await post(body);
      expectProblem(res, 400, 'validation.invalid');
      expect(fieldsOf(res)?.some((f) => f === 'events' || f.startsWith('events') || f === 'description')).toBe(true);
    }
    // Fields the caller may not set are unknown fields.
    expectProblem(await post({ url: 'https://hooks.example.edu/x', events: ['alert.raised'], secret: 'whsec_mine' }), 400, 'validation.invalid');
    expectProblem(await post({ url: 'https://hooks.example.edu/x', events: ['alert.raised'], enabled: false }), 400, 'validation.invalid');

    for (const url of ['hooks.example.edu/x', 'ftp://hooks.example.edu/x', 'https://user:secret@hooks.example.edu/x']) {
      const res = await post({ url, events: ['alert.raised'] });
      expectProblem(res, 400, 'webhook.url_not_allowed');
      expect(fieldsOf(res)).toEqual(['url']);
    }
    expectProblem(await t.http.post('/api/v1/webhooks').set({ authorization: await bearer(t, counselor) }).send({ url: 'https://hooks.example.edu/x', events: ['alert.raised'] }), 403, 'auth.forbidden');
    expectProblem(await t.http.get('/api/v1/webhooks').set({ authorization: await bearer(t, counselor) }), 403, 'auth.forbidden');
    expect((await t.http.get('/api/v1/webhooks').set(auth)).body.items).toEqual([]);
  });

  it('delivers an alert raised, escalated and acknowledged to the endpoint, signed with its secret and without the student', async () => {
    const { school, auth, counselor, student } = await freshSchool();
    const hook = await endpointWithReceiver(auth, ['alert.raised', 'alert.escalated', 'alert.acknowledged']);
    const ackOnly = await endpointWithReceiver(auth, ['alert.acknowledged']);

    const alertId = await raise(school.id, student.id);
    expect((await deliver()).sent).toBe(1);
    const [raised] = hook.receiver.accepted();
    expect(raised.verified).toBe(true);
    expect(raised.headers['content-type']).toBe('application/json');
    expect(verifyWebhook([hook.secret], raised.headers, raised.rawBody, new Date())).toBe(true);
    // The official library verifies it with the secret exactly as the API showed it.
    const headers = Object.fromEntries(['webhook-id', 'webhook-timestamp', 'webhook-signature'].map((name) => [name, String(raised.headers[name])]));
    expect(new Webhook(hook.secret).verify(raised.rawBody, headers)).toEqual(payloadOf(raised));
    const [row] = await t.dataSource.query<{ id: string; kind: string; urgency: string }[]>(
      `SELECT id, kind, urgency FROM outbound_messages WHERE channel = 'webhook' AND address = $1`,
      [hook.id],
    );
    expect(raised.webhookId).toBe(row.id);
    expect(row).toMatchObject({ kind: 'webhook.alert.raised', urgency: 'urgent' });
    expect(payloadOf(raised)).toEqual({
      type: 'alert.raised',
      timestamp: clock.now().toISOString(),
      data: { alertId, severity: 'critical', level: 0, link: `http://campus-care.test/api/v1/alerts/${alertId}` },
    });
    expect(ackOnly.receiver.requests()).toEqual([]); // not subscribed

    clock.advance(31 * MINUTE);
    expect(await t.app.get(AlertEscalationJob).run()).toBeGreaterThanOrEqual(1);
    await deliver();
    const escalated = hook.receiver.accepted().map(payloadOf).find((p) => p.type === 'alert.escalated');
    expect(escalated?.data).toEqual({ alertId, severity: 'critical', level: 1, link: `http://campus-care.test/api/v1/alerts/${alertId}` });

    const ack = await t.http.post(`/api/v1/alerts/${alertId}/acknowledge`).set({ authorization: await bearer(t, counselor) }).send({ note: '已电话联系学生与家长，学生安全' });
    expect(ack.status).toBe(200);
    await deliver();
    for (const receiver of [hook.receiver, ackOnly.receiver]) {
      const acknowledged = receiver.accepted().map(payloadOf).find((p) => p.type === 'alert.acknowledged');
      expect(acknowledged?.data).toEqual({ alertId, acknowledgedBy: counselor.id, link: `http://campus-care.test/api/v1/alerts/${alertId}` });
    }
    // Ids, levels and a link only: no name, no reason, no note.
    for (const request of [...hook.receiver.requests(), ...ackOnly.receiver.requests()]) {
      for (const secret of [STUDENT, 'phq9', 'critical_item', '已电话联系']) expect(request.rawBody).not.toContain(secret);
    }
  });

  it('tells the endpoint when an alert is acknowledged from a page link', async () => {
    const { school, auth, counselor, student } = await freshSchool();
    const hook = await endpointWithReceiver(auth, ['alert.acknowledged']);
    const alertId = await raise(school.id, student.id);
    const token = randomBytes(24).toString('base64url');
    // The counselor was paged (no contact details: no message went out); give their page a link we know.
    await t.dataSource.query(`UPDATE alert_pages SET token_hash = $3 WHERE alert_id = $1 AND recipient_id = $2`, [
      alertId,
      counselor.id,
      createHash('sha256').update(token).digest('hex'),
    ]);
    expect((await t.http.post(`/a/${token}`).set('content-type', 'text/plain').send('ack=1')).status).toBe(200);
    await deliver();
    const [request] = hook.receiver.accepted();
    expect(payloadOf(request)).toMatchObject({ type: 'alert.acknowledged', data: { alertId, acknowledgedBy: counselor.id } });
  });

  it('retries an endpoint that answers 503 after the back-off, with the same webhook-id', async () => {
    const { auth } = await freshSchool();
    const hook = await endpointWithReceiver(auth, ['webhook.test']);
    hook.receiver.respondWith(503);
    const queued = await t.http.post(`/api/v1/webhooks/${hook.id}/test`).set(auth);
    expect(queued.status).toBe(202);
    expect(queued.body).toMatchObject({ webhookId: hook.id, type: 'webhook.test' });

    expect(await deliver()).toEqual({ sent: 0, failed: 1, dead: 0 });
    expect(await deliver()).toEqual({ sent: 0, failed: 0, dead: 0 }); // not before the back-off
    clock.advance(30_000);
    expect(await deliver()).toEqual({ sent: 1, failed: 0, dead: 0 });

    const requests = hook.receiver.requests();
    expect(requests.map((r) => r.status)).toEqual([503, 204]);
    expect(requests.map((r) => r.webhookId)).toEqual([queued.body.messageId, queued.body.messageId]);
    expect(payloadOf(requests[1])).toMatchObject({ type: 'webhook.test', data: { webhookId: hook.id } });
    const attempts = await t.dataSource.query<{ outcome: string; error: string | null }[]>(
      'SELECT outcome, error FROM message_attempts WHERE message_id = $1 ORDER BY attempt',
      [queued.body.messageId],
    );
    expect(attempts).toEqual([{ outcome: 'failed', error: '503' }, { outcome: 'sent', error: null }]);
  });

  it('records an endpoint nobody listens at as refused, by the socket\'s code', async () => {
    const { auth } = await freshSchool();
    const created = await t.http.post('/api/v1/webhooks').set(auth).send({ url: `http://127.0.0.1:${await freePort()}/hook`, events: ['webhook.test'] });
    const queued = await t.http.post(`/api/v1/webhooks/${created.body.id}/test`).set(auth);
    expect(await deliver()).toEqual({ sent: 0, failed: 1, dead: 0 });
    const [attempt] = await t.dataSource.query<{ error: string }[]>('SELECT error FROM message_attempts WHERE message_id = $1', [queued.body.messageId]);
    expect(attempt.error).toBe('ECONNREFUSED');
  });

  it('switches the endpoint off after three messages in a row given up on and tells the administrators; re-enabling starts again', async () => {
    const { school, admin, student, auth: firstAuth } = await freshSchool();
    await t.dataSource.query(`INSERT INTO staff_contacts (user_id, email, email_verified_at) VALUES ($1, 'webhook-admin@school.test', now())`, [admin.id]);
    const hook = await endpointWithReceiver(firstAuth, ['webhook.test', 'alert.raised']);
    // Access tokens live 15 minutes of the clock, which moves by the hour here.
    const auth = async () => ({ authorization: await bearer(t, admin) });
    const test = async () => expect((await t.http.post(`/api/v1/webhooks/${hook.id}/test`).set(await auth())).status).toBe(202);
    /** Six attempts within about 15 minutes, then the message is dead. */
    const runOutRetries = async () => {
      for (let round = 0; round < 7; round += 1) {
        await deliver();
        clock.advance(10 * MINUTE);
      }
    };

    // Two dead messages, then one delivered: the count is of failures in a row.
    hook.receiver.respondWith(503, 12);
    await test();
    await test();
    await runOutRetries();
    expect(await endpointRow(hook.id)).toMatchObject({ enabled: true, consecutive_failures: 2 });
    await test();
    await deliver();
    expect(await endpointRow(hook.id)).toMatchObject({ enabled: true, consecutive_failures: 0 });

    hook.receiver.respondWith(500, 18);
    await test();
    await test();
    await test();
    await runOutRetries();
    const row = await endpointRow(hook.id);
    expect(row).toMatchObject({ enabled: false, consecutive_failures: 3, disabled_reason: 'delivery_failures' });
    expect(row.disabled_at).not.toBeNull();
    const read = await t.http.get(`/api/v1/webhooks/${hook.id}`).set(await auth());
    expect(read.body).toMatchObject({ enabled: false, consecutiveFailures: 3, disabledReason: 'delivery_failures', version: hook.version + 1 });

    const notices = await t.dataSource.query<{ kind: string; entity_id: string }[]>(`SELECT kind, entity_id FROM notifications WHERE recipient_id = $1`, [admin.id]);
    expect(notices).toEqual([{ kind: 'webhook.disabled', entity_id: hook.id }]);
    await deliver();
    const [notice] = mail.messages().filter((m) => m.to.includes('webhook-admin@school.test'));
    expect(notice.subject).toMatch(/推送已停用/);
    expect(notice.text).toContain('127.0.0.1');
    expect(await auditActions(hook.id)).toContain('webhook.disable');

    // Off: no events for it, no test either.
    const before = hook.receiver.requests().length;
    await raise(school.id, student.id);
    expect((await t.dataSource.query(`SELECT 1 FROM outbound_messages WHERE address = $1 AND kind = 'webhook.alert.raised'`, [hook.id])).length).toBe(0);
    expectProblem(await t.http.post(`/api/v1/webhooks/${hook.id}/test`).set(await auth()), 409, 'webhook.disabled');

    const enabled = await t.http.patch(`/api/v1/webhooks/${hook.id}`).set(await auth()).send({ version: read.body.version, enabled: true });
    expect(enabled.status).toBe(200);
    expect(enabled.body).toMatchObject({ enabled: true, consecutiveFailures: 0, disabledAt: null, disabledReason: null });
    await test();
    await deliver();
    expect(hook.receiver.requests().length).toBe(before + 1);
    expect(hook.receiver.accepted().at(-1)?.status).toBe(204);
  });

  it('lets an administrator switch an endpoint off and changes nothing on a stale version', async () => {
    const { auth } = await freshSchool();
    const hook = await endpointWithReceiver(auth, ['webhook.test']);
    const off = await t.http.patch(`/api/v1/webhooks/${hook.id}`).set(auth).set('if-match', `"${hook.version}"`).send({ enabled: false, description: null });
    expect(off.body).toMatchObject({ enabled: false, disabledReason: 'administrator', description: null, version: hook.version + 1 });
    expectProblem(await t.http.patch(`/api/v1/webhooks/${hook.id}`).set(auth).set('if-match', `"${hook.version}"`).send({ enabled: true }), 409, 'webhook.version_conflict');
    expectProblem(await t.http.patch(`/api/v1/webhooks/${hook.id}`).set(auth).send({ enabled: true }), 400, 'validation.invalid'); // no version
    expectProblem(await t.http.patch(`/api/v1/webhooks/${hook.id}`).set(auth).send({ version: off.body.version, url: 'gopher://x' }), 400, 'webhook.url_not_allowed');
    expect((await endpointRow(hook.id)).enabled).toBe(false);
  });

  it('signs with the new secret only once it is rotated', async () => {
    const { auth } = await freshSchool();
    const hook = await endpointWithReceiver(auth, ['webhook.test']);
    const rotated = await t.http.post(`/api/v1/webhooks/${hook.id}/secret`).set(auth);
    expect(rotated.status).toBe(200);
    expect(rotated.headers['cache-control']).toBe('no-store');
    expect(rotated.body.secret).toMatch(/^whsec_/);
    expect(rotated.body.secret).not.toBe(hook.secret);
    expect((await t.http.get(`/api/v1/webhooks/${hook.id}`).set(auth)).body).not.toHaveProperty('secret');
    expectProblem(await t.http.post(`/api/v1/webhooks/${hook.id}/secret`).set(auth).set('idempotency-key', randomUUID()), 400, 'idempotency.not_supported');

    // The receiver that knows only the old secret refuses the delivery; one that knows the new one takes it.
    await t.http.post(`/api/v1/webhooks/${hook.id}/test`).set(auth);
    await deliver();
    const refused = hook.receiver.requests().at(-1)!;
    expect({ verified: refused.verified, status: refused.status }).toEqual({ verified: false, status: 401 });
    expect(verifyWebhook([rotated.body.secret], refused.headers, refused.rawBody, new Date())).toBe(true);

    const renewed = await startSignedReceiver({ secrets: [rotated.body.secret] });
    receivers.push(renewed);
    const pointed = await t.http.patch(`/api/v1/webhooks/${hook.id}`).set(auth).send({ version: rotated.body.version, url: renewed.url('/hook') });
    expect(pointed.status).toBe(200);
    clock.advance(30_000);
    await deliver(); // the retry of the same message, signed with the new secret
    const [accepted] = renewed.accepted();
    expect(accepted.webhookId).toBe(refused.webhookId);
    expect(verifyWebhook([hook.secret], accepted.headers, accepted.rawBody, new Date())).toBe(false);
  });

  it('answers 404 for another school\'s endpoint, like a missing one, and lists only the school\'s own', async () => {
    const w = await createSchoolWorld(t);
    const auth = { authorization: await bearer(t, w.admin) };
    const other = { authorization: await bearer(t, w.otherAdmin) };
    const hook = await endpointWithReceiver(auth, ['webhook.test']);
    const missing = randomUUID();
    for (const id of [hook.id, missing]) {
      expectProblem(await t.http.get(`/api/v1/webhooks/${id}`).set(other), 404, 'webhook.not_found');
      expectProblem(await t.http.patch(`/api/v1/webhooks/${id}`).set(other).send({ version: hook.version, enabled: false }), 404, 'webhook.not_found');
      expectProblem(await t.http.post(`/api/v1/webhooks/${id}/secret`).set(other), 404, 'webhook.not_found');
      expectProblem(await t.http.post(`/api/v1/webhooks/${id}/test`).set(other), 404, 'webhook.not_found');
      expectProblem(await t.http.delete(`/api/v1/webhooks/${id}`).set(other), 404, 'webhook.not_found');
    }
    const [foreign, absent] = await Promise.all([hook.id, missing].map((id) => t.http.get(`/api/v1/webhooks/${id}`).set(other)));
    expect(foreign.body).toEqual(absent.body);
    expect((await t.http.get('/api/v1/webhooks').set(other)).body.items).toEqual([]);
    expect((await endpointRow(hook.id)).enabled).toBe(true);
    expectProblem(await t.http.get('/api/v1/webhooks/not-a-uuid').set(auth), 400, 'validation.invalid');
  });

  it('pages the list and audits every write in its transaction', async () => {
    const { admin, auth } = await freshSchool();
    const first = await endpointWithReceiver(auth, ['webhook.test']);
    clock.advance(1_000);
    const second = await endpointWithReceiver(auth, ['alert.raised']);
    const page1 = await t.http.get('/api/v1/webhooks?limit=1').set(auth);
    expect(page1.body.items.map((e: { id: string }) => e.id)).toEqual([first.id]);
    const page2 = await t.http.get(`/api/v1/webhooks?limit=1&cursor=${page1.body.nextCursor}`).set(auth);
    expect(page2.body).toMatchObject({ items: [{ id: second.id }], nextCursor: null });

    await t.http.post(`/api/v1/webhooks/${first.id}/secret`).set(auth);
    await t.http.post(`/api/v1/webhooks/${first.id}/test`).set(auth);
    expect((await t.http.delete(`/api/v1/webhooks/${first.id}`).set(auth)).status).toBe(204);
    expectProblem(await t.http.get(`/api/v1/webhooks/${first.id}`).set(auth), 404, 'webhook.not_found');
    expect(await auditActions(first.id)).toEqual(['webhook.create', 'webhook.update', 'webhook.rotate_secret', 'webhook.test', 'webhook.delete']);
    const actors = await t.dataSource.query<{ actor_id: string }[]>(`SELECT DISTINCT actor_id FROM audit_events WHERE entity_id = $1`, [first.id]);
    expect(actors).toEqual([{ actor_id: admin.id }]);
    // The test event queued before the delete fails rather than going anywhere.
    await deliver();
    const [queued] = await t.dataSource.query<{ last_error: string; sent_at: Date | null }[]>(
      `SELECT last_error, sent_at FROM outbound_messages WHERE address = $1 AND kind = 'webhook.webhook.test'`,
      [first.id],
    );
    expect(queued).toEqual({ last_error: 'endpoint_not_found', sent_at: null });
    expect(first.receiver.requests()).toEqual([]);
  });
});
