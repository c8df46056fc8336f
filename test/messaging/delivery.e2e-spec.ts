import { randomUUID } from 'node:crypto';
import { ManualClock } from '#core';
import { composeMessage, DeadLetters, type MessageContent, MessageDeliveryJob, StaffMessenger, type Urgency } from '#messaging';
import { MessageDeliveryRepository } from '../../libs/messaging/src/outbox/message-delivery.repository.js';
import { verifyWebhook } from '../../libs/messaging/src/signing/standard-webhook-signature.js';
import { bearer, createSchool } from '../support/factories.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import {
  codeIn,
  createReachableStaff,
  type LoopbackServers,
  type ReachableStaff,
  setMessagingEnv,
  SMS_GATEWAY_KEY,
  type SmsGatewayBody,
  startLoopbackServers,
} from './messaging-support.js';

const SECOND = 1_000;
const MINUTE = 60 * SECOND;

/** A duty notice in every form, its SMS long enough for three segments. */
const DUTY_NOTICE: MessageContent = composeMessage({
  subject: '寒假值班提醒 / Holiday duty reminder',
  lines: ['王老师您好：明天 08:00 至 20:00 由您在校值班，请保持电话畅通。'],
  english: 'You are on duty at school tomorrow from 08:00 to 20:00; please keep your phone on.',
  link: { label: '查看值班安排 / Open the roster', url: 'http://127.0.0.1:3000/duty?date=2027-01-21' },
  sms: `【校园心理】王老师您好：明天08:00至20:00由您在校值班，请保持电话畅通。${'如有紧急情况请立即联系心理中心并按预案处置。'.repeat(4)}详情请登录系统查看。`,
});

describe('the delivery outbox, against a real SMTP server and a real SMS relay', () => {
  const clock = new ManualClock(new Date('2027-01-20T02:00:00.000Z'));
  let servers: LoopbackServers;
  let restoreEnv: () => void;
  let t: TestApp;
  let schoolId: string;

  beforeAll(async () => {
    servers = await startLoopbackServers();
    restoreEnv = setMessagingEnv(servers.env);
    t = await createTestApp({ clock });
    schoolId = (await createSchool(t)).id;
  });
  afterAll(async () => {
    try {
      await t?.close();
    } finally {
      restoreEnv?.();
      await servers?.close();
    }
  });
  // Whatever an earlier test left pending does not count in this one's runs.
  beforeEach(() => t.dataSource.query('UPDATE outbound_messages SET dead_at = now() WHERE sent_at IS NULL AND dead_at IS NULL'));

  const deliver = () => t.app.get(MessageDeliveryJob).run();
  const staff = (values: Omit<Parameters<typeof createReachableStaff>[1], 'schoolId'> = {}) => createReachableStaff(t, { schoolId, ...values });
  /** Queues the message through StaffMessenger in a transaction of its own, as a module would in its own. */
  const send = (recipients: ReachableStaff[], urgency: Urgency, values: { kind?: string; content?: MessageContent } = {}) =>
    t.dataSource.transaction((manager) =>
      t.app.get(StaffMessenger).send(manager, {
        schoolId,
        recipientIds: recipients.map((recipient) => recipient.id),
        kind: values.kind ?? 'test.duty_notice',
        urgency,
        dedupeKey: (recipientId) => `test:${randomUUID()}:${recipientId}`,
        occurredAt: clock.now(),
        content: () => values.content ?? DUTY_NOTICE,
      }),
    );
  const rowsOf = (recipient: ReachableStaff) =>
    t.dataSource.query<
      { id: string; channel: string; address: string; attempts: number; nextAttemptAt: Date; sentAt: Date | null; deadAt: Date | null; lastError: string | null }[]
    >(
      `SELECT id, channel, address, attempts, next_attempt_at AS "nextAttemptAt", sent_at AS "sentAt", dead_at AS "deadAt", last_error AS "lastError"
         FROM outbound_messages WHERE recipient_id = $1 ORDER BY channel`,
      [recipient.id],
    );
  const attemptsOf = (messageId: string) =>
    t.dataSource.query<{ attempt: number; outcome: string; error: string | null; finishedAt: Date }[]>(
      'SELECT attempt, outcome, error, finished_at AS "finishedAt" FROM message_attempts WHERE message_id = $1 ORDER BY attempt',
      [messageId],
    );
  const smsTo = (mobile: string | null) => servers.relay.requests().filter((request) => (request.body as SmsGatewayBody | undefined)?.to === mobile);
  const mailTo = (email: string | null) => servers.mail.messages().filter((mail) => mail.to.includes(email ?? ''));

  describe('to a verified staff member', () => {
    it('arrives by email: the sender, subject, text and HTML, and a Message-ID that carries the row id', async () => {
      const person = await staff({ preferredChannel: 'email' });
      expect(await send([person], 'urgent')).toEqual(new Map([[person.id, ['email']]]));
      const [row] = await rowsOf(person);
      expect(row).toMatchObject({ channel: 'email', address: person.email, attempts: 0, nextAttemptAt: clock.now(), sentAt: null });

      expect(await deliver()).toEqual({ sent: 1, failed: 0, dead: 0 });
      const mail = await servers.mail.waitFor((m) => m.to.includes(person.email ?? ''));
      expect(mail).toMatchObject({ from: 'care@school.test', to: [person.email], subject: DUTY_NOTICE.subject, messageId: `<${row.id}@campus-care>` });
      expect(mail.text?.trim()).toBe(DUTY_NOTICE.text);
      expect(mail.text).toContain('You are on duty at school tomorrow');
      expect(mail.html).toContain('<p>王老师您好：明天 08:00 至 20:00 由您在校值班，请保持电话畅通。</p>');
      expect(mail.html).toContain('<a href="http://127.0.0.1:3000/duty?date=2027-01-21">');
      expect(mail.headers.get('x-campus-care-kind')).toBe('test.duty_notice');

      expect(await rowsOf(person)).toEqual([expect.objectContaining({ attempts: 1, sentAt: clock.now(), deadAt: null, lastError: null })]);
      expect(await attemptsOf(row.id)).toEqual([{ attempt: 1, outcome: 'sent', error: null, finishedAt: clock.now() }]);
      // Sent is sent: the next run has nothing to do.
      expect(await deliver()).toEqual({ sent: 0, failed: 0, dead: 0 });
      expect(mailTo(person.email)).toHaveLength(1);
    });

    it('arrives by SMS: signed with the gateway key, the body naming the row, its text in segments of at most 70 characters', async () => {
      const person = await staff({ preferredChannel: 'sms' });
      await send([person], 'urgent');
      const [row] = await rowsOf(person);
      expect(row).toMatchObject({ channel: 'sms', address: person.mobile });
      expect(await deliver()).toEqual({ sent: 1, failed: 0, dead: 0 });

      const request = await servers.relay.waitFor((r) => (r.body as SmsGatewayBody | undefined)?.to === person.mobile);
      expect(request).toMatchObject({ method: 'POST', path: '/sms', webhookId: row.id, verified: true, status: 204 });
      expect(request.headers['content-type']).toBe('application/json');
      // Checked here too, independently of the receiver, against the raw bytes.
      expect(verifyWebhook([SMS_GATEWAY_KEY], request.headers, request.rawBody, new Date())).toBe(true);
      expect(verifyWebhook(['another-key-of-the-same-length-0123456789ab'], request.headers, request.rawBody, new Date())).toBe(false);

      const body = request.body as SmsGatewayBody;
      expect(Object.keys(body).sort()).toEqual(['id', 'segments', 'text', 'to']);
      expect(body).toMatchObject({ id: row.id, to: person.mobile, text: DUTY_NOTICE.sms });
      expect(body.segments.length).toBeGreaterThan(1);
      for (const segment of body.segments) expect([...segment].length).toBeLessThanOrEqual(70);
      expect(body.segments.join('')).toBe(DUTY_NOTICE.sms);
      expect(await attemptsOf(row.id)).toEqual([{ attempt: 1, outcome: 'sent', error: null, finishedAt: clock.now() }]);
    });

    it('goes to the preferred channel only, unless it is a page, which goes to every verified channel', async () => {
      const person = await staff({ preferredChannel: 'email' });
      expect(await send([person], 'normal')).toEqual(new Map([[person.id, ['email']]]));
      expect(await send([person], 'page')).toEqual(new Map([[person.id, ['sms', 'email']]]));
      expect(await deliver()).toEqual({ sent: 3, failed: 0, dead: 0 });
      expect(mailTo(person.email)).toHaveLength(2);
      expect(smsTo(person.mobile)).toHaveLength(1);
    });
  });

  it('sends nothing to an unverified address: a page to someone with only unverified ones is not even queued', async () => {
    const unverified = await staff({ emailVerified: false, mobileVerified: false });
    const half = await staff({ preferredChannel: 'sms', mobileVerified: false });
    expect(await send([unverified, half], 'page')).toEqual(
      new Map([
        [unverified.id, []],
        [half.id, ['email']],
      ]),
    );
    // An urgent message prefers SMS, but the mobile is not verified: it goes by email.
    expect(await send([half], 'urgent')).toEqual(new Map([[half.id, ['email']]]));
    expect(await rowsOf(unverified)).toEqual([]);
    expect((await rowsOf(half)).map((row) => row.channel)).toEqual(['email', 'email']);

    expect(await deliver()).toEqual({ sent: 2, failed: 0, dead: 0 });
    expect([...mailTo(unverified.email), ...smsTo(unverified.mobile), ...smsTo(half.mobile)]).toEqual([]);
    expect(mailTo(half.email)).toHaveLength(2);
  });

  it('sends nothing to a deactivated staff member or to one of another school', async () => {
    const gone = await staff();
    await t.dataSource.query('UPDATE users SET active = false WHERE id = $1', [gone.id]);
    const elsewhere = await createReachableStaff(t, { schoolId: (await createSchool(t)).id });
    expect(await send([gone, elsewhere], 'page')).toEqual(new Map());
    expect([...(await rowsOf(gone)), ...(await rowsOf(elsewhere))]).toEqual([]);
  });

  it('queues what a message tells of once per channel: the same dedupe key again adds nothing', async () => {
    const person = await staff({ preferredChannel: 'sms' });
    const once = (urgency: Urgency) =>
      t.dataSource.transaction((manager) =>
        t.app.get(StaffMessenger).send(manager, {
          schoolId,
          recipientIds: [person.id],
          kind: 'test.duty_notice',
          urgency,
          dedupeKey: (recipientId) => `test-once:${recipientId}`,
          occurredAt: clock.now(),
          content: () => DUTY_NOTICE,
        }),
      );
    await once('urgent');
    await once('urgent');
    // A page of the same thing adds the channel it had not used yet.
    await once('page');
    expect((await rowsOf(person)).map((row) => row.channel)).toEqual(['email', 'sms']);
    expect(await deliver()).toEqual({ sent: 2, failed: 0, dead: 0 });
  });

  describe('when the other side refuses', () => {
    it('retries a message the mail server refused (451) after the backoff, recording the code of each attempt', async () => {
      const person = await staff({ preferredChannel: 'email' });
      await send([person], 'urgent');
      const [row] = await rowsOf(person);
      servers.mail.refuseNext(1);
      expect(await deliver()).toEqual({ sent: 0, failed: 1, dead: 0 });
      expect(await rowsOf(person)).toEqual([expect.objectContaining({ attempts: 1, sentAt: null, lastError: '451', nextAttemptAt: new Date(clock.now().getTime() + 30 * SECOND) })]);
      expect(await attemptsOf(row.id)).toEqual([{ attempt: 1, outcome: 'failed', error: '451', finishedAt: clock.now() }]);

      // Not before the backoff has passed.
      clock.advance(30 * SECOND - 1);
      expect(await deliver()).toEqual({ sent: 0, failed: 0, dead: 0 });
      clock.advance(1);
      expect(await deliver()).toEqual({ sent: 1, failed: 0, dead: 0 });
      expect(await attemptsOf(row.id)).toEqual([
        { attempt: 1, outcome: 'failed', error: '451', finishedAt: new Date(clock.now().getTime() - 30 * SECOND) },
        { attempt: 2, outcome: 'sent', error: null, finishedAt: clock.now() },
      ]);
      expect(await rowsOf(person)).toEqual([expect.objectContaining({ attempts: 2, sentAt: clock.now(), lastError: null })]);
      expect(mailTo(person.email).map((mail) => mail.messageId)).toEqual([`<${row.id}@campus-care>`]);
    });

    it('retries an SMS the relay answered 503 after the backoff, with the same webhook-id', async () => {
      const person = await staff({ preferredChannel: 'sms', email: null });
      await send([person], 'page');
      const [row] = await rowsOf(person);
      servers.relay.respondWith(503);
      expect(await deliver()).toEqual({ sent: 0, failed: 1, dead: 0 });
      expect(await rowsOf(person)).toEqual([expect.objectContaining({ lastError: '503', nextAttemptAt: new Date(clock.now().getTime() + 15 * SECOND) })]);

      clock.advance(15 * SECOND);
      expect(await deliver()).toEqual({ sent: 1, failed: 0, dead: 0 });
      expect(await attemptsOf(row.id)).toEqual([
        expect.objectContaining({ attempt: 1, outcome: 'failed', error: '503' }),
        expect.objectContaining({ attempt: 2, outcome: 'sent', error: null }),
      ]);
      expect(smsTo(person.mobile).map((request) => [request.webhookId, request.status])).toEqual([
        [row.id, 503],
        [row.id, 204],
      ]);
    });

    it('gives up after max_attempts: the row is dead, and the handler of its kind runs in the transaction that marks it', async () => {
      const kind = `test.unreachable.${randomUUID().slice(0, 8)}`;
      const handled: { messageId: string; kind: string; recipientId: string | null; at: Date; deadInside: Date | null; deadOutside: Date | null }[] = [];
      const otherKinds: string[] = [];
      const deadLetters = t.app.get(DeadLetters);
      deadLetters.onDead(kind, async (manager, message, at) => {
        const deadAt = `SELECT dead_at AS "deadAt" FROM outbound_messages WHERE id = $1`;
        const [inside] = await manager.query<{ deadAt: Date | null }[]>(deadAt, [message.id]);
        // Another connection does not see the mark yet: it is not committed before the handler is done.
        const [outside] = await t.dataSource.query<{ deadAt: Date | null }[]>(deadAt, [message.id]);
        handled.push({ messageId: message.id, kind: message.kind, recipientId: message.recipientId, at, deadInside: inside.deadAt, deadOutside: outside.deadAt });
      });
      deadLetters.onDead('test.duty_notice', async (_manager, message) => {
        otherKinds.push(message.id);
      });

      const person = await staff({ preferredChannel: 'sms', email: null });
      await send([person], 'page', { kind });
      const [row] = await rowsOf(person);
      servers.relay.respondWith(503, 4);
      // A page: four attempts, 15 s, 30 s and 60 s apart.
      const runs = [];
      for (const wait of [0, 15 * SECOND, 30 * SECOND, 60 * SECOND]) {
        clock.advance(wait);
        runs.push(await deliver());
      }
      expect(runs).toEqual([
        { sent: 0, failed: 1, dead: 0 },
        { sent: 0, failed: 1, dead: 0 },
        { sent: 0, failed: 1, dead: 0 },
        { sent: 0, failed: 0, dead: 1 },
      ]);
      expect(await rowsOf(person)).toEqual([expect.objectContaining({ attempts: 4, sentAt: null, deadAt: clock.now(), lastError: '503' })]);
      expect((await attemptsOf(row.id)).map((attempt) => [attempt.attempt, attempt.outcome, attempt.error])).toEqual([
        [1, 'failed', '503'],
        [2, 'failed', '503'],
        [3, 'failed', '503'],
        [4, 'failed', '503'],
      ]);
      expect(handled).toEqual([{ messageId: row.id, kind, recipientId: person.id, at: clock.now(), deadInside: clock.now(), deadOutside: null }]);
      expect(otherKinds).toEqual([]);

      // Dead is final: nothing more goes to the relay.
      clock.advance(10 * MINUTE);
      expect(await deliver()).toEqual({ sent: 0, failed: 0, dead: 0 });
      expect(smsTo(person.mobile)).toHaveLength(4);
    });

    it('still records a message dead when its handler fails, undoing only what the handler wrote', async () => {
      const kind = `test.failing_handler.${randomUUID().slice(0, 8)}`;
      t.app.get(DeadLetters).onDead(kind, async (manager, message) => {
        await manager.query(`INSERT INTO notifications (school_id, recipient_id, kind, title) VALUES ($1, $2, $3, 'from a failing handler')`, [
          message.schoolId,
          message.recipientId,
          kind,
        ]);
        throw new Error('the handler broke');
      });
      const person = await staff({ preferredChannel: 'sms', email: null });
      await send([person], 'page', { kind });
      servers.relay.respondWith(503, 4);
      for (const wait of [0, 15 * SECOND, 30 * SECOND, 60 * SECOND]) {
        clock.advance(wait);
        await deliver();
      }
      expect(await rowsOf(person)).toEqual([expect.objectContaining({ attempts: 4, deadAt: clock.now() })]);
      expect(await t.dataSource.query('SELECT id FROM notifications WHERE kind = $1', [kind])).toEqual([]);
      clock.advance(10 * MINUTE);
      expect(await deliver()).toEqual({ sent: 0, failed: 0, dead: 0 });
    });

    it('sends a row again, with the same id, once the lease of an instance that died before sending it runs out', async () => {
      const person = await staff({ preferredChannel: 'email' });
      await send([person], 'urgent');
      const [row] = await rowsOf(person);
      await t.app.get(MessageDeliveryRepository).claimDue(clock.now(), new Date(clock.now().getTime() + 2 * MINUTE), 20);
      expect(await deliver()).toEqual({ sent: 0, failed: 0, dead: 0 });
      clock.advance(2 * MINUTE);
      expect(await deliver()).toEqual({ sent: 1, failed: 0, dead: 0 });
      expect(mailTo(person.email).map((mail) => mail.messageId)).toEqual([`<${row.id}@campus-care>`]);
      // The lost first attempt left no record; the second is the one that went out.
      expect((await attemptsOf(row.id)).map((attempt) => [attempt.attempt, attempt.outcome])).toEqual([[2, 'sent']]);
    });

    it('gives up on a row whose last attempt was leased by an instance that died, without blocking the rest of the outbox', async () => {
      const kind = `test.lost.${randomUUID().slice(0, 8)}`;
      const handled: string[] = [];
      t.app.get(DeadLetters).onDead(kind, async (_manager, message) => {
        handled.push(message.id);
      });
      const lost = await staff({ preferredChannel: 'sms', email: null });
      await send([lost], 'page', { kind });
      const [row] = await rowsOf(lost);
      servers.relay.respondWith(503, 3);
      for (const wait of [0, 15 * SECOND, 30 * SECOND]) {
        clock.advance(wait);
        await deliver();
      }
      // The fourth and last attempt is claimed by an instance that dies before it records anything.
      clock.advance(60 * SECOND);
      const claimed = await t.app.get(MessageDeliveryRepository).claimDue(clock.now(), new Date(clock.now().getTime() + 2 * MINUTE), 20);
      expect(claimed.map((message) => [message.id, message.attempts])).toEqual([[row.id, 4]]);

      const waiting = await staff({ preferredChannel: 'sms', email: null });
      await send([waiting], 'urgent');
      clock.advance(2 * MINUTE);
      expect(await deliver()).toEqual({ sent: 1, failed: 0, dead: 1 });
      expect(smsTo(waiting.mobile)).toHaveLength(1);
      expect(await rowsOf(lost)).toEqual([expect.objectContaining({ attempts: 4, sentAt: null, deadAt: clock.now(), lastError: 'lease_expired' })]);
      expect((await attemptsOf(row.id)).map((attempt) => [attempt.attempt, attempt.outcome, attempt.error])).toEqual([
        [1, 'failed', '503'],
        [2, 'failed', '503'],
        [3, 'failed', '503'],
        [4, 'failed', 'lease_expired'],
      ]);
      expect(handled).toEqual([row.id]);
    });
  });

  describe('quiet hours (22:00 to 07:00 in Shanghai)', () => {
    it('holds a normal message sent at 23:30 until 07:00; an urgent message and a page go at once', async () => {
      clock.set('2027-01-20T15:30:00.000Z'); // 23:30 in Shanghai
      const person = await staff({ preferredChannel: 'sms', quietHours: { from: '22:00', until: '07:00' } });
      await send([person], 'normal', { kind: 'test.normal' });
      await send([person], 'urgent', { kind: 'test.urgent' });
      await send([person], 'page', { kind: 'test.page' });
      const held = (await rowsOf(person)).filter((row) => row.nextAttemptAt > clock.now());
      expect(held).toEqual([expect.objectContaining({ channel: 'sms', nextAttemptAt: new Date('2027-01-20T23:00:00.000Z') })]);

      expect(await deliver()).toEqual({ sent: 3, failed: 0, dead: 0 });
      expect(smsTo(person.mobile)).toHaveLength(2);
      expect(mailTo(person.email)).toHaveLength(1);

      clock.set('2027-01-20T22:59:59.999Z');
      expect(await deliver()).toEqual({ sent: 0, failed: 0, dead: 0 });
      clock.set('2027-01-20T23:00:00.000Z'); // 07:00 in Shanghai
      expect(await deliver()).toEqual({ sent: 1, failed: 0, dead: 0 });
      expect(smsTo(person.mobile)).toHaveLength(3);
      expect((await rowsOf(person)).every((row) => row.sentAt !== null)).toBe(true);
    });

    it('retries a normal message that failed just before quiet hours only when they end', async () => {
      clock.set('2027-01-22T13:59:00.000Z'); // 21:59 in Shanghai
      const person = await staff({ preferredChannel: 'sms', quietHours: { from: '22:00', until: '07:00' } });
      await send([person], 'normal');
      servers.relay.respondWith(503, 1);
      expect(await deliver()).toEqual({ sent: 0, failed: 1, dead: 0 });
      // The back-off alone would retry at 22:00; the recipient's quiet hours hold it until 07:00.
      expect((await rowsOf(person))[0]).toEqual(expect.objectContaining({ sentAt: null, nextAttemptAt: new Date('2027-01-22T23:00:00.000Z') }));
      clock.set('2027-01-22T23:00:00.000Z');
      expect(await deliver()).toEqual({ sent: 1, failed: 0, dead: 0 });
    });

    it('sends a normal message at once outside quiet hours, and at once to someone without them', async () => {
      clock.set('2027-01-21T13:59:00.000Z'); // 21:59 in Shanghai
      const quiet = await staff({ preferredChannel: 'sms', quietHours: { from: '22:00', until: '07:00' } });
      const never = await staff({ preferredChannel: 'sms' });
      await send([quiet, never], 'normal');
      expect(await deliver()).toEqual({ sent: 2, failed: 0, dead: 0 });
    });
  });

  describe('what the outbox keeps', () => {
    it('holds no plaintext in content: neither a verification code nor a subject, though both arrive', async () => {
      const person = await staff({ preferredChannel: 'email' });
      await send([person], 'normal');
      const sent = await t.http.post('/api/v1/me/contact/verifications').set({ authorization: await bearer(t, person) }).send({ channel: 'email' });
      expect(sent.status).toBe(202);
      expect(await deliver()).toEqual({ sent: 2, failed: 0, dead: 0 });
      const code = codeIn((await servers.mail.waitFor((m) => m.to.includes(person.email ?? '') && m.subject === 'campus-care 验证码 / verification code')).text);

      const stored = await t.dataSource.query<{ content: string; row: string }[]>(
        'SELECT content, m::text AS row FROM outbound_messages m WHERE recipient_id = $1',
        [person.id],
      );
      expect(stored).toHaveLength(2);
      const attempts = await t.dataSource.query<{ row: string }[]>(
        'SELECT a::text AS row FROM message_attempts a JOIN outbound_messages m ON m.id = a.message_id WHERE m.recipient_id = $1',
        [person.id],
      );
      const everything = JSON.stringify([stored, attempts]);
      for (const plaintext of [code, 'campus-care 验证码', '验证码', DUTY_NOTICE.subject, '寒假值班', '王老师', 'You are on duty', 'duty?date=']) {
        expect(everything).not.toContain(plaintext);
      }
      for (const { content } of stored) expect(content).toMatch(/^v1\./);
    });
  });
});
