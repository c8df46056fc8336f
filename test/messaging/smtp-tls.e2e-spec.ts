import { randomUUID } from 'node:crypto';
import { writeFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ManualClock } from '#core';
import { MessageDeliveryJob, StaffMessenger } from '#messaging';
import { startMailServer, type MailServer } from '../support/loopback/mail-server.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { createSchool } from '../support/factories.js';
import { createReachableStaff, setMessagingEnv } from './messaging-support.js';

const NOTICE = { subject: '值班提醒 / Duty notice', text: '今晚请保持电话畅通。', html: '<p>今晚请保持电话畅通。</p>', sms: '今晚请保持电话畅通。' };

/**
 * Email over TLS as the URL asks, against a real SMTP server with a certificate of its own
 * (trusted through SMTP_CA_FILE, as a school relay with a private authority would be):
 * `smtp://…?requireTLS=true` upgrades with STARTTLS and refuses a server that does not offer it;
 * `smtps://` speaks TLS from the start; an untrusted certificate is never accepted.
 */
describe('email over TLS', () => {
  const clock = new ManualClock(new Date('2027-01-20T06:00:00Z'));
  const caFile = path.join(tmpdir(), `campus-care-smtp-ca-${randomUUID()}.pem`);
  const servers: MailServer[] = [];
  const apps: TestApp[] = [];
  const restores: (() => void)[] = [];

  afterAll(async () => {
    for (const app of apps) await app.close();
    for (const server of servers) await server.close();
    for (const restore of restores.reverse()) restore();
    await rm(caFile, { force: true });
  });

  /** An app whose email goes to `url`, with one verified staff member; sends them a message and runs the outbox once. */
  async function sendThrough(url: string, ca: string | undefined) {
    if (ca) await writeFile(caFile, ca);
    restores.push(setMessagingEnv({ SMTP_URL: url, SMTP_CA_FILE: ca ? caFile : undefined, SMS_GATEWAY_URL: undefined, SMS_GATEWAY_KEY: undefined }));
    const t = await createTestApp({ clock });
    apps.push(t);
    const school = await createSchool(t);
    const person = await createReachableStaff(t, { schoolId: school.id, mobile: null, preferredChannel: 'email' });
    await t.dataSource.transaction((manager) =>
      t.app.get(StaffMessenger).send(manager, {
        schoolId: school.id, recipientIds: [person.id], kind: 'test.tls', urgency: 'urgent', dedupeKey: () => randomUUID(), occurredAt: clock.now(), content: () => NOTICE,
      }),
    );
    const run = await t.app.get(MessageDeliveryJob).run();
    const [row] = await t.dataSource.query<{ last_error: string | null }[]>('SELECT last_error FROM outbound_messages WHERE recipient_id = $1', [person.id]);
    return { run, lastError: row.last_error, address: person.email as string };
  }

  it('upgrades with STARTTLS when the URL requires it', async () => {
    const server = await startMailServer({ startTls: true, requireAuth: { user: 'care', pass: 'relay-password' } });
    servers.push(server);
    const { run, address } = await sendThrough(`${server.url}?requireTLS=true`, server.certificate);
    expect(run).toEqual({ sent: 1, failed: 0, dead: 0 });
    expect(server.messages()).toEqual([expect.objectContaining({ to: [address], secure: true, user: 'care', subject: NOTICE.subject })]);
  });

  it('speaks TLS from the start with smtps://', async () => {
    const server = await startMailServer({ secure: true });
    servers.push(server);
    expect(server.url).toMatch(/^smtps:\/\//);
    const { run } = await sendThrough(server.url, server.certificate);
    expect(run).toEqual({ sent: 1, failed: 0, dead: 0 });
    expect(server.messages()).toEqual([expect.objectContaining({ secure: true, subject: NOTICE.subject })]);
  });

  it('sends nothing in the clear when TLS is required and the server does not offer it, nor to an untrusted certificate', async () => {
    const plain = await startMailServer();
    servers.push(plain);
    const refused = await sendThrough(`${plain.url}?requireTLS=true`, undefined);
    expect(refused.run).toEqual({ sent: 0, failed: 1, dead: 0 });
    expect(plain.messages()).toEqual([]);

    const untrusted = await startMailServer({ secure: true });
    servers.push(untrusted);
    const rejected = await sendThrough(untrusted.url, undefined);
    expect(rejected.run).toEqual({ sent: 0, failed: 1, dead: 0 });
    expect(rejected.lastError).not.toBeNull();
    expect(untrusted.messages()).toEqual([]);
  });
});
