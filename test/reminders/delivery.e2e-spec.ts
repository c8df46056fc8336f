import { jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { ManualClock } from '#core';
import { LoggingReminderSender, ReminderDeliveryJob, ReminderDeliveryRepository, type ReminderMessage, type ReminderSender } from '#reminders';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { createSchoolWorld } from '../support/factories.js';
import { createHoliday, defaultRuleId, insertDelivery, insertReminder } from './reminder-fixtures.js';

/** Records what it was handed; fails the first `failures` sends with an error carrying personal data in its message. */
class FakeSender implements ReminderSender {
  readonly sent: ReminderMessage[] = [];
  attempts = 0;
  constructor(private failures = 0) {}

  async send(message: ReminderMessage): Promise<void> {
    this.attempts += 1;
    // Yield, so two concurrent runs really interleave.
    await new Promise((resolve) => setTimeout(resolve, 1));
    if (this.failures > 0) {
      this.failures -= 1;
      throw Object.assign(new Error('SMTP refused 张小明 <parent@example.com>'), { code: 'ECONNREFUSED' });
    }
    this.sent.push(message);
  }
}

describe('reminder delivery outbox', () => {
  const clock = new ManualClock(new Date('2027-01-10T02:00:00Z'));
  let t: TestApp;
  let w: Awaited<ReturnType<typeof createSchoolWorld>>;
  let reminderId: string;
  let holidayId: string;
  let ruleId: string;

  const jobWith = (sender: ReminderSender) => new ReminderDeliveryJob(t.app.get(ReminderDeliveryRepository), sender, clock);
  const delivery = (nextAttemptAt = clock.now()) => insertDelivery(t, { schoolId: w.school.id, reminderId, recipientId: w.teacher.id, nextAttemptAt });
  const rowOf = async (id: string) =>
    (await t.dataSource.query('SELECT attempts, delivered_at AS "deliveredAt", last_error AS "lastError", next_attempt_at AS "nextAttemptAt" FROM reminder_deliveries WHERE id = $1', [id]))[0];
  /** Marks whatever earlier tests left pending as delivered, so each test sees only its rows. */
  const drain = () => t.dataSource.query('UPDATE reminder_deliveries SET delivered_at = now() WHERE delivered_at IS NULL AND skipped_at IS NULL');

  beforeAll(async () => {
    t = await createTestApp({ clock });
    w = await createSchoolWorld(t);
    holidayId = await createHoliday(t, w.admin);
    ruleId = await defaultRuleId(t, w.school.id, 'pre_holiday_safety_education');
    reminderId = await insertReminder(t, { schoolId: w.school.id, ruleId, holidayId, recipientId: w.teacher.id, subjectType: 'class', subjectId: w.classA.id, dueAt: '2027-01-24T16:00:00Z' });
  });
  afterAll(async () => t.close());
  beforeEach(drain);

  it('hands a due row to the sender with its id as the idempotency key, and marks it delivered', async () => {
    const id = await delivery();
    const notYet = await delivery(new Date(clock.now().getTime() + 60_000));
    const sender = new FakeSender();
    expect(await jobWith(sender).run()).toEqual({ delivered: 1, failed: 0, skipped: 0 });
    expect(sender.sent).toEqual([
      { idempotencyKey: id, event: 'created', schoolId: w.school.id, reminderId, recipientId: w.teacher.id, ruleCode: 'pre_holiday_safety_education', dueAt: new Date('2027-01-24T16:00:00Z'), attempt: 1 },
    ]);
    expect(await rowOf(id)).toMatchObject({ attempts: 1, deliveredAt: clock.now(), lastError: null });
    expect(await rowOf(notYet)).toMatchObject({ attempts: 0, deliveredAt: null });
  });

  it('retries a failed send with back-off, recording only the error code, and delivers it once', async () => {
    const id = await delivery();
    const sender = new FakeSender(1);
    const job = jobWith(sender);
    expect(await job.run()).toEqual({ delivered: 0, failed: 1, skipped: 0 });
    const failed = await rowOf(id);
    expect(failed).toMatchObject({ attempts: 1, deliveredAt: null, lastError: 'ECONNREFUSED', nextAttemptAt: new Date(clock.now().getTime() + 60_000) });

    // Not before the back-off has passed.
    expect(await job.run()).toEqual({ delivered: 0, failed: 0, skipped: 0 });
    clock.advance(60_000);
    expect(await job.run()).toEqual({ delivered: 1, failed: 0, skipped: 0 });
    expect(await rowOf(id)).toMatchObject({ attempts: 2, deliveredAt: clock.now(), lastError: null });
    expect(sender.sent.map((m) => [m.idempotencyKey, m.attempt])).toEqual([[id, 2]]);
    expect(await job.run()).toEqual({ delivered: 0, failed: 0, skipped: 0 });
    expect(sender.sent).toHaveLength(1);
  });

  it('sends a row again after its lease ran out when the instance died between claiming and marking (at least once)', async () => {
    const id = await delivery();
    // An instance claims the row, then dies before sending or marking it.
    const repository = t.app.get(ReminderDeliveryRepository);
    await repository.claimDue(clock.now(), new Date(clock.now().getTime() + 600_000), 20);
    const sender = new FakeSender();
    expect(await jobWith(sender).run()).toEqual({ delivered: 0, failed: 0, skipped: 0 });
    clock.advance(600_000);
    expect(await jobWith(sender).run()).toEqual({ delivered: 1, failed: 0, skipped: 0 });
    expect(sender.sent.map((m) => [m.idempotencyKey, m.attempt])).toEqual([[id, 2]]);
  });

  describe('a notice that no longer says anything', () => {
    /** A reminder of its own (another period), in the given status, with one delivery of the given event. */
    const deliveryOf = async (status: 'open' | 'acknowledged' | 'snoozed' | 'done', event: 'created' | 'escalated') => {
      const ownReminder = await insertReminder(t, {
        schoolId: w.school.id, ruleId, holidayId, recipientId: w.teacher.id, subjectType: 'class', subjectId: w.classA.id, dueAt: '2027-01-24T16:00:00Z', status,
        completedBy: status === 'done' ? w.teacher.id : undefined,
      });
      return insertDelivery(t, { schoolId: w.school.id, reminderId: ownReminder, recipientId: w.teacher.id, nextAttemptAt: clock.now(), event });
    };
    const skippedAt = async (id: string) => (await t.dataSource.query('SELECT skipped_at AS "skippedAt" FROM reminder_deliveries WHERE id = $1', [id]))[0].skippedAt;

    it('is not sent: a reminder done before it went out, or a "created" notice of one already acknowledged or snoozed', async () => {
      const doneCreated = await deliveryOf('done', 'created');
      const doneEscalated = await deliveryOf('done', 'escalated');
      const acknowledgedCreated = await deliveryOf('acknowledged', 'created');
      const snoozedCreated = await deliveryOf('snoozed', 'created');
      const acknowledgedEscalated = await deliveryOf('acknowledged', 'escalated');
      const openCreated = await deliveryOf('open', 'created');
      const sender = new FakeSender();
      expect(await jobWith(sender).run()).toEqual({ delivered: 2, failed: 0, skipped: 4 });
      // The escalation still goes to whoever it escalated to: acknowledging is not doing.
      expect(sender.sent.map((m) => m.idempotencyKey).sort()).toEqual([acknowledgedEscalated, openCreated].sort());
      for (const id of [doneCreated, doneEscalated, acknowledgedCreated, snoozedCreated]) {
        expect(await skippedAt(id)).toEqual(clock.now());
        expect(await rowOf(id)).toMatchObject({ attempts: 0, deliveredAt: null });
      }
      expect(await skippedAt(openCreated)).toBeNull();
      // Skipped rows are finished: nothing is left to send or to skip.
      clock.advance(3_600_000);
      expect(await jobWith(sender).run()).toEqual({ delivered: 0, failed: 0, skipped: 0 });
    });

    it('does not end a run early: a batch of skipped rows is followed by the next', async () => {
      await Promise.all(Array.from({ length: 25 }, () => deliveryOf('done', 'created')));
      const live = await deliveryOf('open', 'escalated');
      const sender = new FakeSender();
      // Rows due at the same time come in id order: make the live one come last.
      await t.dataSource.query(`UPDATE reminder_deliveries SET next_attempt_at = next_attempt_at + interval '1 second' WHERE id = $1`, [live]);
      clock.advance(1_000);
      expect(await jobWith(sender).run()).toEqual({ delivered: 1, failed: 0, skipped: 25 });
      expect(sender.sent.map((m) => m.idempotencyKey)).toEqual([live]);
    });
  });

  it('sends each row exactly once when two runs go at the same time', async () => {
    const rows = await Promise.all(Array.from({ length: 45 }, () => delivery()));
    const sender = new FakeSender();
    const [a, b] = await Promise.all([jobWith(sender).run(), jobWith(sender).run()]);
    expect(a.delivered + b.delivered).toBe(45);
    expect(sender.sent.map((m) => m.idempotencyKey).sort()).toEqual([...rows].sort());
    const [{ n }] = await t.dataSource.query('SELECT count(*)::int AS n FROM reminder_deliveries WHERE id = ANY($1) AND attempts = 1 AND delivered_at IS NOT NULL', [rows]);
    expect(n).toBe(45);
  });

  it('logs ids, event, rule code and due time only: never names or notes', async () => {
    const log = jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
    try {
      await new LoggingReminderSender().send({
        idempotencyKey: 'b3c1f3a0-0000-4000-8000-000000000001',
        event: 'escalated',
        schoolId: w.school.id,
        reminderId,
        recipientId: w.teacher.id,
        ruleCode: 'pre_holiday_safety_plan',
        dueAt: new Date('2027-01-24T16:00:00Z'),
        attempt: 1,
      });
      expect(log).toHaveBeenCalledTimes(1);
      const [entry] = log.mock.calls[0] as [Record<string, unknown>];
      expect(Object.keys(entry).sort()).toEqual(['deliveryId', 'dueAt', 'event', 'msg', 'recipientId', 'ruleCode']);
      expect(entry).toMatchObject({ deliveryId: 'b3c1f3a0-0000-4000-8000-000000000001', event: 'escalated', recipientId: w.teacher.id, dueAt: '2027-01-24T16:00:00.000Z' });
    } finally {
      log.mockRestore();
    }
  });

  it('is wired with the logging sender by default', async () => {
    const id = await delivery();
    const log = jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
    try {
      expect(await t.app.get(ReminderDeliveryJob).run()).toEqual({ delivered: 1, failed: 0, skipped: 0 });
      expect(log.mock.calls.map(([entry]) => (entry as { deliveryId?: string }).deliveryId)).toContain(id);
    } finally {
      log.mockRestore();
    }
  });
});
