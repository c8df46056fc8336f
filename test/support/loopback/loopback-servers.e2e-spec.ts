import { X509Certificate } from 'node:crypto';
import { createTransport } from 'nodemailer';
import { generateWebhookSecret, signWebhook } from '../../../libs/messaging/src/signing/standard-webhook-signature.js';
import { type MailServer, startMailServer } from './mail-server.js';
import { type SignedReceiver, startSignedReceiver } from './signed-http-receiver.js';

const letter = {
  from: '"学校心理中心" <care@school.test>',
  to: '张小明家长 <parent@example.test>',
  subject: '假期安全提醒：请在周五前确认',
  text: '家长您好，请在周五前确认已收到假期安全提醒。',
  html: '<p>家长您好，请在<strong>周五前</strong>确认已收到假期安全提醒。</p>',
};

describe('loopback mail server', () => {
  let server: MailServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('receives what nodemailer sends over its URL and reads a Chinese subject and a text and HTML body back decoded', async () => {
    server = await startMailServer();
    expect(server.url).toBe(`smtp://127.0.0.1:${server.port}`);
    const info = await createTransport(server.url).sendMail({ ...letter, bcc: 'counselor@school.test' });

    const mail = await server.waitFor((received) => received.to.includes('parent@example.test'));
    expect(mail).toMatchObject({
      from: 'care@school.test',
      to: ['parent@example.test', 'counselor@school.test'],
      subject: letter.subject,
      text: letter.text,
      html: letter.html,
      messageId: info.messageId,
      user: undefined,
      secure: false,
    });
    expect(mail.headers.get('subject')).toBe(letter.subject);
    expect(mail.raw.toString('utf8')).not.toContain('假期'); // sent encoded, as a real client does
    expect(server.messages()).toHaveLength(1);
    server.clear();
    expect(server.messages()).toEqual([]);
  });

  it('refuses the next messages with the code asked for, so that sendMail rejects with it, then accepts again', async () => {
    server = await startMailServer();
    const transport = createTransport(server.url);
    server.refuseNext(1);
    await expect(transport.sendMail(letter)).rejects.toMatchObject({ responseCode: 451 });
    server.refuseNext(2, 550);
    await expect(transport.sendMail(letter)).rejects.toMatchObject({ responseCode: 550 });
    await expect(transport.sendMail(letter)).rejects.toMatchObject({ responseCode: 550 });
    await transport.sendMail(letter);
    expect(server.messages()).toHaveLength(1);
    expect(() => server?.refuseNext(1, 250)).toThrow(/4xx or 5xx/);
  });

  it('requires the user and password it was started with, when asked to', async () => {
    server = await startMailServer({ requireAuth: { user: 'mailer@school.test', pass: 'p@ss:word/1' } });
    expect(server.url).toBe(`smtp://mailer%40school.test:p%40ss%3Aword%2F1@127.0.0.1:${server.port}`);
    const address = { host: '127.0.0.1', port: server.port };
    await expect(createTransport({ ...address, auth: { user: 'mailer@school.test', pass: 'wrong' } }).sendMail(letter)).rejects.toMatchObject({ responseCode: 535 });
    await expect(createTransport(address).sendMail(letter)).rejects.toMatchObject({ responseCode: 530 });
    expect(server.messages()).toEqual([]);

    await createTransport(server.url).sendMail(letter);
    expect(server.messages()).toMatchObject([{ user: 'mailer@school.test', subject: letter.subject }]);
  });

  it('serves STARTTLS and implicit TLS with a certificate for 127.0.0.1 made at start', async () => {
    server = await startMailServer({ startTls: true });
    const certificate = server.certificate ?? '';
    expect(new X509Certificate(certificate).checkIP('127.0.0.1')).toBe('127.0.0.1');
    await createTransport({ host: '127.0.0.1', port: server.port, requireTLS: true, tls: { ca: certificate } }).sendMail(letter);
    expect(server.messages()).toMatchObject([{ secure: true }]);
    // A client that does not trust the certificate refuses it.
    await expect(createTransport({ host: '127.0.0.1', port: server.port, requireTLS: true }).sendMail(letter)).rejects.toThrow(/self[- ]signed/);
    await server.close();

    server = await startMailServer({ secure: true });
    expect(server.url).toBe(`smtps://127.0.0.1:${server.port}`);
    await expect(createTransport(server.url).sendMail(letter)).rejects.toThrow(/self[- ]signed/);
    await createTransport({ host: '127.0.0.1', port: server.port, secure: true, tls: { ca: server.certificate } }).sendMail(letter);
    expect(server.messages()).toMatchObject([{ secure: true, subject: letter.subject }]);
  });

  it('gives up waiting with a message that lists what arrived, and fails a waitFor whose predicate throws, not the delivery', async () => {
    server = await startMailServer();
    const broken = (): boolean => {
      throw new Error('a broken predicate');
    };
    const waitingBeforehand = server.waitFor(broken);
    await createTransport(server.url).sendMail(letter);
    await expect(waitingBeforehand).rejects.toThrow('a broken predicate');
    await expect(server.waitFor(broken)).rejects.toThrow('a broken predicate');
    await expect(server.waitFor((mail) => mail.to.includes('nobody@example.test'), 200)).rejects.toThrow(/No matching mail within 200 ms; received: .*parent@example\.test/);
    expect(server.messages()).toHaveLength(1);
  });
});

describe('signed HTTP receiver', () => {
  const secret = generateWebhookSecret();
  const payload = JSON.stringify({ type: 'reminder.sent', data: { studentName: '张小明' } });
  let receiver: SignedReceiver | undefined;
  afterEach(async () => {
    await receiver?.close();
    receiver = undefined;
  });

  const deliver = (target: SignedReceiver, id: string, signingSecret = secret, init: RequestInit = {}) =>
    fetch(target.url('/hooks/campus-care?school=1'), {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...signWebhook(signingSecret, { id, timestamp: new Date(), body: payload }) },
      body: payload,
      ...init,
    });

  it('accepts and records a signed delivery, and answers 401 to an unsigned or tampered one, recording it too', async () => {
    receiver = await startSignedReceiver({ secrets: [secret] });
    expect((await deliver(receiver, 'msg_1')).status).toBe(204);
    const unsigned = await fetch(receiver.url('hooks/campus-care'), { method: 'POST', headers: { 'content-type': 'application/json' }, body: payload });
    expect(unsigned.status).toBe(401);
    expect((await deliver(receiver, 'msg_2', secret, { body: payload.replace('张小明', '李小红') })).status).toBe(401);
    expect((await deliver(receiver, 'msg_3', generateWebhookSecret())).status).toBe(401);

    expect(receiver.requests()).toMatchObject([
      { method: 'POST', path: '/hooks/campus-care?school=1', webhookId: 'msg_1', verified: true, status: 204, body: JSON.parse(payload), rawBody: payload },
      { path: '/hooks/campus-care', webhookId: undefined, verified: false, status: 401 },
      { webhookId: 'msg_2', verified: false, status: 401, body: { data: { studentName: '李小红' } } },
      { webhookId: 'msg_3', verified: false, status: 401 },
    ]);
    expect(receiver.accepted().map((request) => request.webhookId)).toEqual(['msg_1']);
    expect(receiver.requests()[0].headers['content-type']).toBe('application/json');
  });

  it('answers the scripted status the next times, then 204 again, recording every attempt', async () => {
    receiver = await startSignedReceiver({ secrets: [secret] });
    receiver.respondWith(503, 2);
    const statuses = [];
    for (let attempt = 0; attempt < 3; attempt++) statuses.push((await deliver(receiver, 'msg_retried')).status);
    expect(statuses).toEqual([503, 503, 204]);
    expect(receiver.requests().map((request) => request.webhookId)).toEqual(['msg_retried', 'msg_retried', 'msg_retried']);
    expect(receiver.accepted()).toHaveLength(1);

    receiver.respondWith(200, 1, { messageId: 'sms-42' });
    const answered = await deliver(receiver, 'msg_with_body');
    expect([answered.status, await answered.json()]).toEqual([200, { messageId: 'sms-42' }]);
  });

  it('leaves the next requests hanging, so that a client times out, then answers again', async () => {
    receiver = await startSignedReceiver({ secrets: [secret] });
    receiver.hang(1);
    await expect(deliver(receiver, 'msg_slow', secret, { signal: AbortSignal.timeout(300) })).rejects.toThrow(/aborted|timeout/i);
    expect((await deliver(receiver, 'msg_slow')).status).toBe(204);
    expect(receiver.requests()).toMatchObject([
      { webhookId: 'msg_slow', verified: true, status: undefined },
      { webhookId: 'msg_slow', verified: true, status: 204 },
    ]);
    expect(receiver.accepted()).toHaveLength(1);

    receiver.hang(1);
    void deliver(receiver, 'msg_left_hanging').catch(() => undefined);
    await receiver.waitFor((request) => request.webhookId === 'msg_left_hanging');
    // close() ends the hanging request instead of waiting for it
  });

  it('accepts either key while one is rotated, and checks the time on the clock it is given', async () => {
    const next = generateWebhookSecret();
    const inTwoHours = new Date(Date.now() + 2 * 3_600_000);
    receiver = await startSignedReceiver({ secrets: [next, secret], now: () => inTwoHours });
    expect((await deliver(receiver, 'msg_now')).status).toBe(401); // signed two hours before its clock
    for (const [id, key] of [['msg_by_next', next], ['msg_by_current', secret]]) {
      const headers = signWebhook(key, { id, timestamp: inTwoHours, body: payload });
      expect((await fetch(receiver.url(), { method: 'POST', headers, body: payload })).status).toBe(204);
    }
    expect(receiver.accepted().map((request) => request.webhookId)).toEqual(['msg_by_next', 'msg_by_current']);
  });

  it('refuses to start without a usable secret', async () => {
    await expect(startSignedReceiver({ secrets: [] })).rejects.toThrow(/at least one secret/);
    await expect(startSignedReceiver({ secrets: ['whsec_short'] })).rejects.toThrow(/base64 of 24 to 64 bytes/);
  });
});
