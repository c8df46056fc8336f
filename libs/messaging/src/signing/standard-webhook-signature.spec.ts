import { Webhook } from 'standardwebhooks';
import { generateWebhookSecret, signWebhook, verifyWebhook, webhookSecretBytes } from './standard-webhook-signature.js';

// The example of the Standard Webhooks documentation; its signature checked outside Node with
// printf '%s' 'msg_p5jXN8AQM9LWM0D4loKWxJek.1614265330.{"test": 2432232314}' |
//   openssl dgst -sha256 -mac HMAC -macopt hexkey:<hex of the secret's bytes> -binary | base64
const EXAMPLE = {
  secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
  id: 'msg_p5jXN8AQM9LWM0D4loKWxJek',
  timestamp: new Date(1614265330 * 1000),
  body: '{"test": 2432232314}',
  signature: 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
};

const body = JSON.stringify({ event: 'reminder.acknowledged', student: '张小明', at: '2026-02-01T09:00:00Z' });

describe('Standard Webhooks signature', () => {
  it('gives the signature of the scheme\'s published example', () => {
    expect(signWebhook(EXAMPLE.secret, EXAMPLE)).toEqual({
      'webhook-id': EXAMPLE.id,
      'webhook-timestamp': '1614265330',
      'webhook-signature': EXAMPLE.signature,
    });
    const headers = { 'webhook-id': EXAMPLE.id, 'webhook-timestamp': '1614265330', 'webhook-signature': EXAMPLE.signature };
    expect(verifyWebhook([EXAMPLE.secret], headers, EXAMPLE.body, EXAMPLE.timestamp)).toBe(true);
  });

  it('signs what the official package verifies, and verifies what it signs', () => {
    const secret = generateWebhookSecret();
    const now = new Date(); // the package checks the timestamp against the real clock
    const ours = signWebhook(secret, { id: 'msg_ours', timestamp: now, body });
    expect(new Webhook(secret).verify(body, ours)).toEqual(JSON.parse(body));

    const theirs = { 'webhook-id': 'msg_theirs', 'webhook-timestamp': String(Math.floor(now.getTime() / 1000)), 'webhook-signature': new Webhook(secret).sign('msg_theirs', now, body) };
    expect(verifyWebhook([secret], theirs, body, now)).toBe(true);
    expect(verifyWebhook([secret], theirs, Buffer.from(body), now)).toBe(true);
  });

  it('agrees with the official package in raw mode on a plain key, used as its UTF-8 bytes', () => {
    const gatewayKey = 'sms-gateway-共享密钥-2026';
    const now = new Date();
    const ours = signWebhook(gatewayKey, { id: 'sms_1', timestamp: now, body });
    expect(() => new Webhook(Buffer.from(gatewayKey, 'utf8'), { format: 'raw' }).verify(body, ours)).not.toThrow();
    expect(webhookSecretBytes(gatewayKey).equals(Buffer.from(gatewayKey, 'utf8'))).toBe(true);
  });

  it('makes whsec_ secrets of 32 random bytes, each one new', () => {
    const secret = generateWebhookSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(webhookSecretBytes(secret)).toHaveLength(32);
    expect(generateWebhookSecret()).not.toBe(secret);
  });

  it('refuses an empty secret and a whsec_ one that is not the base64 of 24 to 64 bytes, without quoting it', () => {
    for (const bad of ['', '   ', 'whsec_', 'whsec_c2hvcnQ=', `whsec_${Buffer.alloc(65).toString('base64')}`, 'whsec_not base64!', `${EXAMPLE.secret}\n`]) {
      expect(() => webhookSecretBytes(bad)).toThrow(/webhook secret/);
    }
    expect(() => webhookSecretBytes('whsec_leaky-secret-value')).toThrow(/^A webhook secret starting with whsec_ must continue with the base64 of 24 to 64 bytes$/);
    expect(() => verifyWebhook([], {}, body, new Date())).toThrow(/at least one secret/);
    expect(() => signWebhook('', { id: 'msg_1', timestamp: new Date(), body })).toThrow(/must not be empty/);
  });

  it('refuses an id that is empty or could not travel as a header, and an invalid date', () => {
    const secret = generateWebhookSecret();
    for (const id of ['', 'msg 1', 'msg_1\r\nx-injected: 1', '消息1']) {
      expect(() => signWebhook(secret, { id, timestamp: new Date(), body })).toThrow(/webhook id/);
    }
    expect(() => signWebhook(secret, { id: 'msg_1', timestamp: new Date('not a date'), body })).toThrow(/valid date/);
  });

  describe('verification', () => {
    const secret = generateWebhookSecret();
    const sentAt = new Date('2026-02-01T09:00:00Z');
    const signed = signWebhook(secret, { id: 'msg_1', timestamp: sentAt, body });

    it('accepts the delivery as signed, with header names in any case and as fetch Headers', () => {
      expect(verifyWebhook([secret], signed, body, sentAt)).toBe(true);
      const shouted = Object.fromEntries(Object.entries(signed).map(([name, value]) => [name.toUpperCase(), value]));
      expect(verifyWebhook([secret], shouted, body, sentAt)).toBe(true);
      expect(verifyWebhook([secret], new Headers(signed), body, sentAt)).toBe(true);
    });

    it('refuses a changed body, timestamp or id', () => {
      expect(verifyWebhook([secret], signed, body.replace('张小明', '李小红'), sentAt)).toBe(false);
      expect(verifyWebhook([secret], signed, `${body} `, sentAt)).toBe(false);
      expect(verifyWebhook([secret], { ...signed, 'webhook-timestamp': String(Number(signed['webhook-timestamp']) + 1) }, body, sentAt)).toBe(false);
      expect(verifyWebhook([secret], { ...signed, 'webhook-id': 'msg_2' }, body, sentAt)).toBe(false);
    });

    it('refuses another secret, a missing or repeated header and a malformed signature', () => {
      expect(verifyWebhook([generateWebhookSecret()], signed, body, sentAt)).toBe(false);
      for (const name of ['webhook-id', 'webhook-timestamp', 'webhook-signature'] as const) {
        const { [name]: _dropped, ...rest } = signed;
        expect(verifyWebhook([secret], rest, body, sentAt)).toBe(false);
        expect(verifyWebhook([secret], { ...signed, [name]: [signed[name], signed[name]] }, body, sentAt)).toBe(false);
      }
      const [, digest] = signed['webhook-signature'].split(',');
      for (const forged of [digest, `v2,${digest}`, `v1,${digest.slice(1)}`, 'v1,', '']) {
        expect(verifyWebhook([secret], { ...signed, 'webhook-signature': forged }, body, sentAt)).toBe(false);
      }
      for (const timestamp of ['', '1.7e9', '-1', `${signed['webhook-timestamp']}abc`]) {
        expect(verifyWebhook([secret], { ...signed, 'webhook-timestamp': timestamp }, body, sentAt)).toBe(false);
      }
    });

    it('accepts a timestamp up to the tolerance away from now, either way, and not a second more', () => {
      const at = (seconds: number) => new Date(sentAt.getTime() + seconds * 1000);
      expect(verifyWebhook([secret], signed, body, at(300))).toBe(true);
      expect(verifyWebhook([secret], signed, body, at(-300))).toBe(true);
      expect(verifyWebhook([secret], signed, body, at(301))).toBe(false);
      expect(verifyWebhook([secret], signed, body, at(-301))).toBe(false);
      expect(verifyWebhook([secret], signed, body, at(30), 10)).toBe(false);
      expect(verifyWebhook([secret], signed, body, at(3600), 3600)).toBe(true);
    });

    it('accepts any of several secrets while a key is rotated, and any of several signatures', () => {
      const next = generateWebhookSecret();
      expect(verifyWebhook([next, secret], signed, body, sentAt)).toBe(true);
      const byNext = signWebhook(next, { id: 'msg_1', timestamp: sentAt, body });
      const both = { ...signed, 'webhook-signature': `${byNext['webhook-signature']} ${signed['webhook-signature']}` };
      expect(verifyWebhook([secret], both, body, sentAt)).toBe(true);
      expect(verifyWebhook([next], both, body, sentAt)).toBe(true);
      expect(verifyWebhook([generateWebhookSecret()], both, body, sentAt)).toBe(false);
    });
  });
});
