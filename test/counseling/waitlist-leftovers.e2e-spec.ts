import { ManualClock } from '#core';
import { OfferExpiryJob } from '#counseling';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { bearer, createStudent } from '../support/factories.js';
import { shanghai, SUNDAY_EVENING, TUESDAY, waitlistWorld, type WaitlistWorld } from './counseling-support.js';

const FRIDAY = '2026-03-13';
const HOUR = 3_600_000;

describe('the waitlist: freed time and expired holds pass on; the feed token is never replayed', () => {
  const clock = new ManualClock(new Date(SUNDAY_EVENING));
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ clock });
  });
  afterAll(async () => t.close());
  afterEach(() => clock.set(SUNDAY_EVENING));

  const world = () => waitlistWorld(t);
  type World = WaitlistWorld;
  const auth = async (user: { id: string }) => ({ authorization: await bearer(t, user) });
  const job = () => t.app.get(OfferExpiryJob);

  /** A request for a new student of the teacher's class, a second after the previous one (the line's order). */
  const waiting = async (w: World): Promise<string> => {
    clock.advance(1000);
    const student = await createStudent(t, { schoolId: w.school.id, classId: w.classA.id });
    const res = await t.http
      .post('/api/v1/appointment-requests')
      .set(await auth(w.teacher))
      .send({ studentId: student.id, preferredFrom: SUNDAY_EVENING, preferredTo: shanghai(FRIDAY, '18:00'), reasonCategory: 'academic_pressure' });
    expect(res.status).toBe(201);
    return res.body.id;
  };
  const book = async (w: World, day: string, from: string, to: string) => {
    const student = await createStudent(t, { schoolId: w.school.id, classId: w.classB.id });
    const res = await t.http.post('/api/v1/appointments').set(await auth(w.counselor)).send({ studentId: student.id, startsAt: shanghai(day, from), endsAt: shanghai(day, to) });
    expect(res.status).toBe(201);
    return res.body as { id: string; version: number };
  };
  const cancel = async (w: World, session: { id: string; version: number }) =>
    t.http.post(`/api/v1/appointments/${session.id}/cancel`).set(await auth(w.counselor)).send({ reason: '咨询师临时外出', version: session.version });
  const stateOf = async (id: string) =>
    (
      await t.dataSource.query(
        `SELECT status, starts_at AS "startsAt", offer_expires_at AS "offerExpiresAt", version, updated_at AS "updatedAt" FROM appointments WHERE id = $1`,
        [id],
      )
    )[0] as { status: string; startsAt: Date | null; offerExpiresAt: Date | null; version: number; updatedAt: Date };
  /** Holds of this school released by the job (other tests' holds expire too when the clock moves). */
  const expiriesIn = async (w: World) =>
    (await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'appointment.offer_expire' AND school_id = $1`, [w.school.id]))[0].n as number;
  const auditCount = async (action: string, entityId: string) =>
    (await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_events WHERE action = $1 AND entity_id = $2`, [action, entityId]))[0].n as number;

  describe('a rescheduled session frees its old time', () => {
    it('offers the old time to the first waiting request, in the rescheduling transaction', async () => {
      const w = await world();
      const first = await waiting(w);
      const second = await waiting(w);
      const session = await book(w, TUESDAY, '09:00', '10:00');

      const moved = await t.http
        .post(`/api/v1/appointments/${session.id}/reschedule`)
        .set(await auth(w.counselor))
        .send({ startsAt: shanghai(TUESDAY, '14:00'), endsAt: shanghai(TUESDAY, '15:00'), version: 1 });
      expect(moved.status).toBe(201);

      const held = (await t.http.get(`/api/v1/appointments/${first}`).set(await auth(w.counselor))).body;
      expect(held).toMatchObject({
        status: 'offered',
        counselorId: w.counselor.id,
        startsAt: shanghai(TUESDAY, '09:00'),
        endsAt: shanghai(TUESDAY, '10:00'),
        offerExpiresAt: new Date(clock.now().getTime() + 24 * HOUR).toISOString(),
      });
      expect((await stateOf(second)).status).toBe('requested');
      // Written at the same instant as the move, with the counselor told and the offer audited.
      expect((await stateOf(first)).updatedAt).toEqual((await stateOf(session.id)).updatedAt);
      expect(await t.dataSource.query(`SELECT entity_id FROM notifications WHERE recipient_id = $1 AND kind = 'appointment.offered'`, [w.counselor.id])).toEqual([
        { entity_id: first },
      ]);
      expect(await auditCount('appointment.offer', first)).toBe(1);
    });

    it('offers nothing when the new time overlaps the old one (the session keeps part of it)', async () => {
      const w = await world();
      const request = await waiting(w);
      const session = await book(w, TUESDAY, '09:00', '10:00');
      const moved = await t.http
        .post(`/api/v1/appointments/${session.id}/reschedule`)
        .set(await auth(w.counselor))
        .send({ startsAt: shanghai(TUESDAY, '09:30'), endsAt: shanghai(TUESDAY, '10:30'), version: 1 });
      expect(moved.status).toBe(201);
      expect((await stateOf(request)).status).toBe('requested');
    });

    it('feeds the waitlist from a cancellation the same way', async () => {
      const w = await world();
      const request = await waiting(w);
      const session = await book(w, TUESDAY, '11:00', '12:00');
      expect((await cancel(w, session)).status).toBe(200);
      expect(await stateOf(request)).toMatchObject({ status: 'offered', startsAt: new Date(shanghai(TUESDAY, '11:00')) });
    });
  });

  describe('an expired hold', () => {
    it('passes the slot to the next request in line when the job runs, once, however many instances run it', async () => {
      const w = await world();
      const [first, second, third] = [await waiting(w), await waiting(w), await waiting(w)];
      await cancel(w, await book(w, TUESDAY, '09:00', '10:00'));
      expect((await stateOf(first)).status).toBe('offered');

      clock.advance(24 * HOUR);
      await Promise.all([job().run(), job().run()]);
      expect(await expiriesIn(w)).toBe(1);
      expect((await stateOf(first)).status).toBe('requested');
      expect(await stateOf(second)).toMatchObject({
        status: 'offered',
        startsAt: new Date(shanghai(TUESDAY, '09:00')),
        // Held until the session would begin, which is sooner than a full day.
        offerExpiresAt: new Date(shanghai(TUESDAY, '09:00')),
      });
      expect((await stateOf(third)).status).toBe('requested');
      expect(await auditCount('appointment.offer_expire', first)).toBe(1);
      expect(await auditCount('appointment.offer', second)).toBe(1);

      // Running again changes nothing.
      const before = await stateOf(second);
      await job().run();
      expect(await stateOf(second)).toEqual(before);
      expect(await expiriesIn(w)).toBe(1);

      // The second hold runs out as the session would begin: nothing is left to pass on.
      clock.set(shanghai(TUESDAY, '09:00'));
      await job().run();
      expect(await expiriesIn(w)).toBe(2);
      expect((await Promise.all([first, second, third].map(stateOf))).map((s) => s.status)).toEqual(['requested', 'requested', 'requested']);
    });

    it('passes down the line only, never back to a request whose hold already ran out', async () => {
      const w = await world();
      const [first, second] = [await waiting(w), await waiting(w)];
      await cancel(w, await book(w, FRIDAY, '14:00', '15:00'));

      clock.advance(24 * HOUR);
      await job().run();
      expect((await stateOf(second)).status).toBe('offered');

      clock.advance(24 * HOUR);
      await job().run();
      expect(await expiriesIn(w)).toBe(2);
      expect((await stateOf(first)).status).toBe('requested');
      expect((await stateOf(second)).status).toBe('requested');
      const calendar = await t.http
        .get(`/api/v1/counselors/${w.counselor.id}/calendar`)
        .query({ from: shanghai(FRIDAY, '14:00'), to: shanghai(FRIDAY, '15:00') })
        .set(await auth(w.counselor));
      expect(calendar.body.booked).toEqual([]);
    });

    it("leaves an expired hold for a later run while another transaction holds its counselor's calendar, rather than freeing its slot", async () => {
      const w = await world();
      const [first, second] = [await waiting(w), await waiting(w)];
      await cancel(w, await book(w, FRIDAY, '16:00', '17:00'));
      expect((await stateOf(first)).status).toBe('offered');
      clock.advance(24 * HOUR);

      // Another run (or a booking) holds the counselor's calendar: this run could not pass the slot on.
      const other = t.dataSource.createQueryRunner();
      await other.connect();
      await other.startTransaction();
      try {
        await other.query(`SELECT pg_advisory_xact_lock(hashtextextended('calendar:' || $1::text, 0))`, [w.counselor.id]);
        expect(await job().run()).toBe(0);
        expect((await stateOf(first)).status).toBe('offered');
        expect((await stateOf(second)).status).toBe('requested');
      } finally {
        await other.commitTransaction();
        await other.release();
      }
      expect(await job().run()).toBe(1);
      expect((await stateOf(first)).status).toBe('requested');
      expect(await stateOf(second)).toMatchObject({ status: 'offered', startsAt: new Date(shanghai(FRIDAY, '16:00')) });
    });

    it('passes several slots at once with concurrent runs: each hold released once, each slot held once', async () => {
      const w = await world();
      const requests = [];
      for (let i = 0; i < 6; i++) requests.push(await waiting(w));
      const slots: [string, string][] = [
        ['09:00', '10:00'],
        ['10:00', '11:00'],
        ['11:00', '12:00'],
      ];
      for (const [from, to] of slots) await cancel(w, await book(w, FRIDAY, from, to));
      const firstHolders = requests.slice(0, 3);
      for (const id of firstHolders) expect((await stateOf(id)).status).toBe('offered');

      clock.advance(24 * HOUR);
      await Promise.all([job().run(), job().run(), job().run()]);
      expect(await expiriesIn(w)).toBe(3);
      for (const id of firstHolders) expect(await auditCount('appointment.offer_expire', id)).toBe(1);

      const held = await t.dataSource.query(
        `SELECT id, starts_at AS "startsAt", offer_expires_at AS "offerExpiresAt" FROM appointments WHERE school_id = $1 AND status = 'offered' ORDER BY starts_at`,
        [w.school.id],
      );
      expect(held.map((h: { startsAt: Date }) => h.startsAt.toISOString())).toEqual(slots.map(([from]) => shanghai(FRIDAY, from)));
      for (const h of held) expect(h.offerExpiresAt.getTime()).toBe(clock.now().getTime() + 24 * HOUR);
      // Nobody holds again the slot they just lost.
      for (const [i, h] of held.entries()) expect(h.id).not.toBe(firstHolders[i]);
      await job().run();
      expect(await expiriesIn(w)).toBe(3);
    });
  });

  describe('POST /api/v1/counselors/me/calendar-feed-token with an Idempotency-Key', () => {
    it('answers 400 before anything is claimed, rotated or stored, whatever the key was used for before', async () => {
      const w = await world();
      const me = await auth(w.counselor);
      const feed = (await t.http.post('/api/v1/counselors/me/calendar-feed-token').set(me).send({})).body;
      // The same key was used on another route first: still the clear refusal, not 422.
      const request = await waiting(w);
      const key = `feed-${request}`;
      const declined = await t.http.post(`/api/v1/appointments/${request}/decline`).set(me).set('idempotency-key', key).send({ reason: '已转介校外机构', version: 1 });
      expect(declined.status).toBe(200);

      const answers = await Promise.all([1, 2, 3].map(() => t.http.post('/api/v1/counselors/me/calendar-feed-token').set(me).set('idempotency-key', key).send({})));
      for (const answer of answers) {
        expect(answer.status).toBe(400);
        expect(answer.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(answer.body).toMatchObject({ status: 400, code: 'idempotency.not_supported' });
        expect(JSON.stringify(answer.body)).not.toMatch(/calendar-feeds\//);
      }
      // Nothing rotated: the address given before still works.
      expect((await t.http.get(feed.url)).status).toBe(200);
      const kept = await t.dataSource.query(`SELECT response_body, location FROM idempotency_keys WHERE user_id = $1`, [w.counselor.id]);
      for (const row of kept) {
        expect(row.location ?? '').not.toContain(feed.token);
        expect(row.location ?? '').not.toContain('calendar-feeds');
      }
      expect(await t.dataSource.query(`SELECT 1 FROM idempotency_keys WHERE user_id = $1 AND key <> $2`, [w.counselor.id, key])).toEqual([]);
    });

    it('still refuses a class teacher by role first (403), key or not', async () => {
      const w = await world();
      const res = await t.http.post('/api/v1/counselors/me/calendar-feed-token').set(await auth(w.teacher)).set('idempotency-key', 'teacher-key-0001').send({});
      expect(res.status).toBe(403);
    });
  });
});
