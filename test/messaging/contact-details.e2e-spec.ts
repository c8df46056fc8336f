import { ManualClock } from '#core';
import { MessageDeliveryJob } from '#messaging';
import { bearer, createSchool, createUser, type TestUser } from '../support/factories.js';
import { expectProblem } from '../support/problems.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { codeIn, type LoopbackServers, otherCode, setMessagingEnv, type SmsGatewayBody, startLoopbackServers, uniqueEmail, uniqueMobile } from './messaging-support.js';

const MINUTE = 60_000;

describe('staff contact details and their verification codes', () => {
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

  const counselor = () => createUser(t, { schoolId, role: 'counselor' });
  const as = async (user: TestUser) => ({ authorization: await bearer(t, user) });
  const get = async (user: TestUser) => t.http.get('/api/v1/me/contact').set(await as(user));
  const patch = async (user: TestUser, body: Record<string, unknown>) => t.http.patch('/api/v1/me/contact').set(await as(user)).send(body);
  const requestCode = async (user: TestUser, channel: 'email' | 'sms') =>
    t.http.post('/api/v1/me/contact/verifications').set(await as(user)).send({ channel });
  const confirm = async (user: TestUser, channel: 'email' | 'sms', code: string) =>
    t.http.post('/api/v1/me/contact/verifications/confirm').set(await as(user)).send({ channel, code });
  const deliver = () => t.app.get(MessageDeliveryJob).run();

  /** Saves the addresses (based on the current version), and answers the details. */
  const save = async (user: TestUser, changes: Record<string, unknown>) => {
    const { version } = (await get(user)).body as { version: number };
    const res = await patch(user, { ...changes, version });
    expect(res.status).toBe(200);
    return res.body as Record<string, unknown>;
  };
  /** Asks for a code, has the outbox deliver it, and reads it where it arrived. */
  const codeByEmail = async (user: TestUser, address: string, seen: string[] = []) => {
    expect((await requestCode(user, 'email')).status).toBe(202);
    await deliver();
    const mail = await servers.mail.waitFor((m) => m.to.includes(address) && !seen.includes(m.messageId ?? ''));
    seen.push(mail.messageId ?? '');
    return codeIn(mail.text);
  };
  const codeBySms = async (user: TestUser, mobile: string) => {
    expect((await requestCode(user, 'sms')).status).toBe(202);
    await deliver();
    const request = await servers.relay.waitFor((r) => (r.body as SmsGatewayBody | undefined)?.to === mobile);
    return codeIn((request.body as SmsGatewayBody).text);
  };
  const auditOf = (user: TestUser) =>
    t.dataSource.query<{ action: string; reason: string | null; changedFields: string[] | null; entityId: string; outcome: string }[]>(
      `SELECT action, reason, changed_fields AS "changedFields", entity_id AS "entityId", outcome FROM audit_events WHERE actor_id = $1 ORDER BY seq`,
      [user.id],
    );
  const openVerification = async (user: TestUser, channel: 'email' | 'sms') =>
    (
      await t.dataSource.query<{ failedTries: number }[]>(
        'SELECT failed_tries AS "failedTries" FROM contact_verifications WHERE user_id = $1 AND channel = $2 AND consumed_at IS NULL',
        [user.id, channel],
      )
    )[0];

  it('saves email and mobile on the version read, gets a code by email and one by SMS, and confirms both: verified and audited', async () => {
    const me = await counselor();
    const email = uniqueEmail();
    const mobile = uniqueMobile();
    const before = await get(me);
    expect(before.status).toBe(200);
    expect(before.body).toEqual({ email: null, emailVerifiedAt: null, mobile: null, mobileVerifiedAt: null, preferredChannel: 'sms', quietHours: null, version: 1 });

    const saved = await patch(me, { version: 1, email, mobile, preferredChannel: 'email' });
    expect(saved.status).toBe(200);
    expect(saved.body).toEqual({ email, emailVerifiedAt: null, mobile, mobileVerifiedAt: null, preferredChannel: 'email', quietHours: null, version: 2 });

    const sent = await requestCode(me, 'email');
    expect(sent.status).toBe(202);
    expect(sent.body).toEqual({ channel: 'email', address: email, expiresAt: new Date(clock.now().getTime() + 10 * MINUTE).toISOString() });
    expect((await requestCode(me, 'sms')).status).toBe(202);
    expect(await deliver()).toEqual({ sent: 2, failed: 0, dead: 0 });

    const mail = await servers.mail.waitFor((m) => m.to.includes(email));
    expect(mail).toMatchObject({ from: 'care@school.test', to: [email], subject: 'campus-care 验证码 / verification code' });
    const emailCode = codeIn(mail.text);
    expect(mail.text).toContain(`您的验证码是 ${emailCode}，10 分钟内有效。`);
    expect(mail.html).toContain(emailCode);

    const sms = await servers.relay.waitFor((r) => (r.body as SmsGatewayBody | undefined)?.to === mobile);
    expect(sms).toMatchObject({ method: 'POST', path: '/sms', verified: true, status: 204 });
    const smsBody = sms.body as SmsGatewayBody;
    const smsCode = codeIn(smsBody.text);
    expect(smsBody.segments).toEqual([smsBody.text]);
    expect(smsCode).not.toBe(emailCode);

    const emailConfirmed = await confirm(me, 'email', emailCode);
    expect(emailConfirmed.status).toBe(200);
    expect(emailConfirmed.body).toMatchObject({ email, emailVerifiedAt: clock.now().toISOString(), mobileVerifiedAt: null, version: 3 });
    const smsConfirmed = await confirm(me, 'sms', smsCode);
    expect(smsConfirmed.status).toBe(200);
    expect(smsConfirmed.body).toMatchObject({ emailVerifiedAt: clock.now().toISOString(), mobile, mobileVerifiedAt: clock.now().toISOString(), version: 4 });
    // A used code is gone.
    expectProblem(await confirm(me, 'email', emailCode), 422, 'contact.no_verification');

    expect(await auditOf(me)).toEqual([
      { action: 'contact.update', reason: null, changedFields: ['email', 'mobile', 'preferredChannel'], entityId: me.id, outcome: 'success' },
      { action: 'contact.verification_request', reason: 'email', changedFields: null, entityId: me.id, outcome: 'success' },
      { action: 'contact.verification_request', reason: 'sms', changedFields: null, entityId: me.id, outcome: 'success' },
      { action: 'contact.verify', reason: 'email', changedFields: null, entityId: me.id, outcome: 'success' },
      { action: 'contact.verify', reason: 'sms', changedFields: null, entityId: me.id, outcome: 'success' },
    ]);
  });

  it('counts wrong codes down in triesLeft across requests, and the fifth wrong one uses the code up', async () => {
    const me = await counselor();
    const email = uniqueEmail();
    await save(me, { email });
    const seen: string[] = [];
    const code = await codeByEmail(me, email, seen);
    const wrong = otherCode(code);

    for (const left of [4, 3, 2, 1]) {
      const res = await confirm(me, 'email', wrong);
      expectProblem(res, 422, 'contact.code_wrong');
      expect(res.body.triesLeft).toBe(left);
      // Counted in the database although the request failed.
      expect(await openVerification(me, 'email')).toEqual({ failedTries: 5 - left });
    }
    const fifth = await confirm(me, 'email', wrong);
    expectProblem(fifth, 422, 'contact.code_wrong');
    expect(fifth.body.triesLeft).toBe(0);
    expect(await openVerification(me, 'email')).toBeUndefined();
    // Each wrong code is in the audit trail, committed with its count.
    const denied = await t.dataSource.query<{ reason: string }[]>(
      `SELECT reason FROM audit_events WHERE action = 'contact.verify' AND outcome = 'denied' AND actor_id = $1 ORDER BY seq`,
      [me.id],
    );
    expect(denied.map((d) => d.reason)).toEqual([4, 3, 2, 1, 0].map((left) => `email: wrong code, ${left} tries left`));

    // Not even the right code helps now. Using a code up does not lift the limit of one code a
    // minute: request and five wrong tries in a loop would otherwise send a message each time.
    expectProblem(await confirm(me, 'email', code), 422, 'contact.no_verification');
    expect((await get(me)).body).toMatchObject({ email, emailVerifiedAt: null });
    expectProblem(await requestCode(me, 'email'), 409, 'contact.verification_too_soon');
    clock.advance(MINUTE);
    const fresh = await codeByEmail(me, email, seen);
    expect((await confirm(me, 'email', fresh)).status).toBe(200);
    expect(seen).toHaveLength(2);
  });

  it('refuses a code after its ten minutes, and uses it up', async () => {
    const me = await counselor();
    const mobile = uniqueMobile();
    await save(me, { mobile });
    const code = await codeBySms(me, mobile);
    clock.advance(10 * MINUTE);
    expectProblem(await confirm(me, 'sms', code), 422, 'contact.code_expired');
    expectProblem(await confirm(me, 'sms', code), 422, 'contact.no_verification');
    expect((await get(me)).body).toMatchObject({ mobile, mobileVerifiedAt: null });
  });

  it('sends no new code within a minute of the last (409), then one that replaces it', async () => {
    const me = await counselor();
    const email = uniqueEmail();
    await save(me, { email });
    const seen: string[] = [];
    const first = await codeByEmail(me, email, seen);
    clock.advance(MINUTE - 1_000);
    expectProblem(await requestCode(me, 'email'), 409, 'contact.verification_too_soon');
    clock.advance(1_000);
    const second = await codeByEmail(me, email, seen);
    expect(seen).toHaveLength(2);
    // The first code was replaced: one code is open, and it is the second.
    const codes = await t.dataSource.query<{ open: boolean }[]>(
      'SELECT consumed_at IS NULL AS open FROM contact_verifications WHERE user_id = $1 ORDER BY created_at',
      [me.id],
    );
    expect(codes).toEqual([{ open: false }, { open: true }]);
    expect((await confirm(me, 'email', second)).status).toBe(200);
    expect(first).toMatch(/^\d{6}$/);
  });

  it('sends one code when four requests come at once: the others are told to wait (409)', async () => {
    // A few people, so that the requests really overlap at least once.
    for (let round = 0; round < 4; round++) {
      const me = await counselor();
      await save(me, { mobile: uniqueMobile() });
      const headers = await as(me);
      const answers = await Promise.all([1, 2, 3, 4].map(() => t.http.post('/api/v1/me/contact/verifications').set(headers).send({ channel: 'sms' })));
      expect(answers.map((res) => res.status).sort()).toEqual([202, 409, 409, 409]);
      for (const refused of answers.filter((res) => res.status !== 202)) expectProblem(refused, 409, 'contact.verification_too_soon');
      const [{ queued }] = await t.dataSource.query<{ queued: number }[]>('SELECT count(*)::int AS queued FROM outbound_messages WHERE recipient_id = $1', [me.id]);
      expect(queued).toBe(1);
    }
  });

  it('clears the verification of an address that changes, keeps it when other fields change, and refuses a code sent to the old address', async () => {
    const me = await counselor();
    const email = uniqueEmail();
    await save(me, { email });
    const code = await codeByEmail(me, email);
    expect((await confirm(me, 'email', code)).status).toBe(200);

    // Quiet hours, the preferred channel, and the same address in other capitals leave it verified.
    const unchanged = await save(me, { email: email.toUpperCase(), preferredChannel: 'email', quietHours: { from: '22:00', until: '07:00' } });
    expect(unchanged).toMatchObject({ emailVerifiedAt: clock.now().toISOString() });

    const moved = uniqueEmail();
    expect(await save(me, { email: moved })).toMatchObject({ email: moved, emailVerifiedAt: null });

    // A code sent to one address does not verify the next one.
    clock.advance(MINUTE);
    const forMoved = await codeByEmail(me, moved);
    const third = uniqueEmail();
    await save(me, { email: third });
    expectProblem(await confirm(me, 'email', forMoved), 422, 'contact.address_changed');
    expect((await get(me)).body).toMatchObject({ email: third, emailVerifiedAt: null });

    // Removing the address removes its verification too.
    expect(await save(me, { email: null })).toMatchObject({ email: null, emailVerifiedAt: null });
  });

  it('refuses a change based on a stale version (409), in the body or as If-Match', async () => {
    const me = await counselor();
    expect((await patch(me, { version: 1, mobile: uniqueMobile() })).status).toBe(200);
    expectProblem(await patch(me, { version: 1, mobile: uniqueMobile() }), 409, 'contact.version_conflict');
    const stale = await t.http.patch('/api/v1/me/contact').set(await as(me)).set('if-match', '"1"').send({ preferredChannel: 'email' });
    expectProblem(stale, 409, 'contact.version_conflict');
    const current = await t.http.patch('/api/v1/me/contact').set(await as(me)).set('if-match', '"2"').send({ preferredChannel: 'email' });
    expect(current.status).toBe(200);
    expect(current.body).toMatchObject({ preferredChannel: 'email', version: 3 });
    expect((await auditOf(me)).map((event) => event.action)).toEqual(['contact.update', 'contact.update']);
  });

  it('refuses a code for an address never saved (422 contact.no_address)', async () => {
    const me = await counselor();
    await save(me, { email: uniqueEmail() });
    expectProblem(await requestCode(me, 'sms'), 422, 'contact.no_address');
    expectProblem(await confirm(me, 'sms', '123456'), 422, 'contact.no_verification');
    expect((await auditOf(me)).map((event) => event.action)).toEqual(['contact.update']);
  });

  it('on a server that sends no email, refuses an email code (422 contact.channel_off) but still sends SMS', async () => {
    const restore = setMessagingEnv({ SMTP_URL: undefined });
    const noEmail = await createTestApp({ clock, database: t.database });
    try {
      const me = await counselor();
      const mobile = uniqueMobile();
      await save(me, { email: uniqueEmail(), mobile });
      const headers = await as(me);
      expectProblem(await noEmail.http.post('/api/v1/me/contact/verifications').set(headers).send({ channel: 'email' }), 422, 'contact.channel_off');
      expect((await noEmail.http.post('/api/v1/me/contact/verifications').set(headers).send({ channel: 'sms' })).status).toBe(202);
      expect(await noEmail.app.get(MessageDeliveryJob).run()).toEqual({ sent: 1, failed: 0, dead: 0 });
      await servers.relay.waitFor((r) => (r.body as SmsGatewayBody | undefined)?.to === mobile);
    } finally {
      await noEmail.close();
      restore();
    }
  });

  describe('quiet hours', () => {
    it('saves a span that wraps midnight and clears it with null', async () => {
      const me = await counselor();
      expect(await save(me, { quietHours: { from: '22:30', until: '07:00' } })).toMatchObject({ quietHours: { from: '22:30', until: '07:00' } });
      expect(await save(me, { mobile: uniqueMobile() })).toMatchObject({ quietHours: { from: '22:30', until: '07:00' } });
      expect(await save(me, { quietHours: null })).toMatchObject({ quietHours: null });
      const [row] = await t.dataSource.query('SELECT quiet_from, quiet_until FROM staff_contacts WHERE user_id = $1', [me.id]);
      expect(row).toEqual({ quiet_from: null, quiet_until: null });
      expect((await auditOf(me)).map((event) => event.changedFields)).toEqual([['quietHours'], ['mobile'], ['quietHours']]);
    });

    it.each([
      ['an hour past 23', { from: '24:00', until: '07:00' }, 'quietHours.from'],
      ['a time without minutes', { from: '22:00', until: '7' }, 'quietHours.until'],
      ['a missing end', { from: '22:00' }, 'quietHours.until'],
      ['a span of no length', { from: '22:00', until: '22:00' }, 'quietHours.until'],
    ])('refuses %s (400, naming the field)', async (_case, quietHours, field) => {
      const me = await counselor();
      const res = await patch(me, { version: 1, quietHours });
      expectProblem(res, 400, 'validation.invalid');
      expect(new Set((res.body.errors as { field: string }[]).map((error) => error.field))).toEqual(new Set([field]));
      expect((await get(me)).body).toMatchObject({ quietHours: null, version: 1 });
    });
  });
});
