import { ManualClock } from '#core';
import { composeMessage, MessageDeliveryJob, StaffMessenger } from '#messaging';
import { createSchool } from '../support/factories.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { createReachableStaff, type LoopbackServers, type ReachableStaff, setMessagingEnv, type SmsGatewayBody, startLoopbackServers } from './messaging-support.js';

const RECIPIENTS = 30;

/** How often each value occurs. */
const tally = (values: (string | undefined)[]) => values.reduce((counts, value) => counts.set(value, (counts.get(value) ?? 0) + 1), new Map<string | undefined, number>());

/** Three server instances on one database, each running the delivery job, as a deployment does. */
describe('the delivery outbox across three instances', () => {
  const clock = new ManualClock(new Date('2027-01-20T02:00:00.000Z'));
  let servers: LoopbackServers;
  let restoreEnv: () => void;
  let instances: TestApp[] = [];
  let schoolId: string;
  let staff: ReachableStaff[];

  beforeAll(async () => {
    servers = await startLoopbackServers();
    restoreEnv = setMessagingEnv(servers.env);
    const first = await createTestApp({ clock });
    instances = [first, await createTestApp({ clock, database: first.database }), await createTestApp({ clock, database: first.database })];
    schoolId = (await createSchool(first)).id;
    staff = await Promise.all(Array.from({ length: RECIPIENTS }, () => createReachableStaff(first, { schoolId })));
    // Three application instances and the loopback servers: on a loaded 2-core machine this alone can take half a minute.
  }, 120_000);
  afterAll(async () => {
    try {
      // The first instance owns the database: it closes last.
      for (const instance of [...instances].reverse()) await instance.close();
    } finally {
      restoreEnv?.();
      await servers?.close();
    }
  });

  /** A page to each of the staff, on both channels: two rows each. */
  const page = (round: string) =>
    instances[0].dataSource.transaction((manager) =>
      instances[0].app.get(StaffMessenger).send(manager, {
        schoolId,
        recipientIds: staff.map((person) => person.id),
        kind: 'test.page',
        urgency: 'page',
        dedupeKey: (recipientId) => `test-page:${round}:${recipientId}`,
        occurredAt: clock.now(),
        content: ({ displayName }) =>
          composeMessage({
            subject: `紧急：请立即处理 / Urgent (${round})`,
            lines: [`${displayName}老师：有一条紧急预警需要您立即处理。`],
            english: 'An urgent alert needs you now.',
            sms: `【校园心理】${displayName}老师：有一条紧急预警需要您立即处理。`,
          }),
      }),
    );
  const runEverywhere = () => Promise.all(instances.map((instance) => instance.app.get(MessageDeliveryJob).run()));
  const rowsOf = (round: string) =>
    instances[0].dataSource.query<{ id: string; channel: string; sentAt: Date | null; sentAttempts: number; failedAttempts: number }[]>(
      `SELECT m.id, m.channel, m.sent_at AS "sentAt",
              count(*) FILTER (WHERE a.outcome = 'sent')::int AS "sentAttempts", count(*) FILTER (WHERE a.outcome = 'failed')::int AS "failedAttempts"
         FROM outbound_messages m LEFT JOIN message_attempts a ON a.message_id = m.id
        WHERE m.dedupe_key LIKE $1 GROUP BY m.id ORDER BY m.id`,
      [`test-page:${round}:%`],
    );
  /** The relay's deliveries and the mail server's messages of the round, by the id they carry. */
  const arrivals = (ids: Set<string>) => ({
    sms: tally(servers.relay.accepted().map((request) => request.webhookId).filter((id) => id !== undefined && ids.has(id))),
    mail: tally(servers.mail.messages().map((mail) => /^<([^@]+)@campus-care>$/.exec(mail.messageId ?? '')?.[1]).filter((id) => id !== undefined && ids.has(id))),
  });

  it('delivers 60 messages run at the same time by three instances exactly once each, with one sent attempt per row', async () => {
    await page('a');
    const rows = await rowsOf('a');
    expect(rows).toHaveLength(2 * RECIPIENTS);

    const results = await runEverywhere();
    expect(results.reduce((sum, result) => sum + result.sent, 0)).toBe(2 * RECIPIENTS);
    expect(results.every((result) => result.failed === 0 && result.dead === 0)).toBe(true);
    // The instances really shared the work (SKIP LOCKED gave each its own rows).
    expect(results.filter((result) => result.sent > 0).length).toBeGreaterThan(1);

    const ids = new Set(rows.map((row) => row.id));
    const { sms, mail } = arrivals(ids);
    const smsIds = rows.filter((row) => row.channel === 'sms').map((row) => row.id);
    const emailIds = rows.filter((row) => row.channel === 'email').map((row) => row.id);
    expect([...sms.keys()].sort()).toEqual([...smsIds].sort());
    expect([...mail.keys()].sort()).toEqual([...emailIds].sort());
    expect([...sms.values(), ...mail.values()].every((count) => count === 1)).toBe(true);
    // Each SMS went to its own recipient's mobile.
    const mobileOf = new Map(
      servers.relay.accepted().map((request) => [request.webhookId, (request.body as SmsGatewayBody).to] as const),
    );
    expect(new Set(smsIds.map((id) => mobileOf.get(id)))).toEqual(new Set(staff.map((person) => person.mobile)));

    expect(await rowsOf('a')).toEqual(rows.map((row) => ({ ...row, sentAt: clock.now(), sentAttempts: 1, failedAttempts: 0 })));
    expect(await runEverywhere()).toEqual([
      { sent: 0, failed: 0, dead: 0 },
      { sent: 0, failed: 0, dead: 0 },
      { sent: 0, failed: 0, dead: 0 },
    ]);
  });

  it('still delivers each exactly once when some sends fail and the three instances retry them', async () => {
    await page('b');
    const rows = await rowsOf('b');
    servers.relay.respondWith(503, 5);
    servers.mail.refuseNext(5);
    const first = await runEverywhere();
    expect(first.reduce((sum, result) => sum + result.failed, 0)).toBe(10);
    expect(first.reduce((sum, result) => sum + result.sent, 0)).toBe(2 * RECIPIENTS - 10);

    clock.advance(15_000);
    const second = await runEverywhere();
    expect(second.reduce((sum, result) => sum + result.sent, 0)).toBe(10);

    const { sms, mail } = arrivals(new Set(rows.map((row) => row.id)));
    expect(sms.size + mail.size).toBe(2 * RECIPIENTS);
    expect([...sms.values(), ...mail.values()].every((count) => count === 1)).toBe(true);
    const after = await rowsOf('b');
    expect(after.every((row) => row.sentAt !== null && row.sentAttempts === 1)).toBe(true);
    expect(after.reduce((sum, row) => sum + row.failedAttempts, 0)).toBe(10);
    // The relay saw the refused ones twice, under the same webhook-id: a relay that dedupes on it sends each SMS once.
    const seenAtRelay = tally(servers.relay.requests().map((request) => request.webhookId).filter((id) => id !== undefined && after.some((row) => row.id === id)));
    expect([...seenAtRelay.values()].filter((count) => count === 2)).toHaveLength(5);
  });
});
