import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { ManualClock } from '#core';
import { type AuditActor, type AuditEntry, type AuditEventView, AuditService, type ChainedAuditFields, type StoredChainEntry, unkeyedChainHash } from '#audit';
import { AuditEventRepository } from '../../libs/audit/src/trail/audit-event.repository.js';
import { bearer, createSchool, createSchoolWorld, createUser, type TestUser } from '../support/factories.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { expectProblem } from '../support/problems.js';

type Query = Record<string, string | number | string[]>;

/** A query string with repeated parameters for arrays (`action=a&action=b`), as the API reads "any of". */
function queryString(query: Query): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    for (const one of Array.isArray(value) ? value : [value]) params.append(name, String(one));
  }
  return params.toString();
}

describe('audit trail', () => {
  const clock = new ManualClock(new Date());
  let t: TestApp;
  let audit: AuditService;

  beforeAll(async () => {
    t = await createTestApp({ clock });
    audit = t.app.get(AuditService);
  });
  afterAll(async () => t?.close());

  const actorOf = (user: TestUser, requestId = `req-${randomUUID()}`): AuditActor => ({
    userId: user.id,
    role: user.role,
    schoolId: user.schoolId,
    clientIp: '203.0.113.7',
    requestId,
  });

  const write = (actor: AuditActor, entries: AuditEntry[]) => t.dataSource.transaction((manager) => audit.recordMany(manager, actor, entries));

  async function get(user: TestUser, path: string, query: Query = {}) {
    return t.http.get(`/api/v1/audit-events${path}?${queryString(query)}`).set('authorization', await bearer(t, user));
  }

  async function verify(admin: TestUser): Promise<{ ok: boolean; checked: number; firstBrokenSeq: string | null }> {
    const res = await get(admin, '/verify');
    expect(res.status).toBe(200);
    // The plain check answers like the anchored one without an anchor.
    const { anchor, ...chain } = res.body;
    expect(anchor).toBeNull();
    return chain;
  }

  /** Every page of a listing, following the cursors. */
  async function listAll(admin: TestUser, query: Query = {}): Promise<AuditEventView[]> {
    const items: AuditEventView[] = [];
    let cursor: string | null = null;
    do {
      const res = await get(admin, '', { ...query, ...(cursor ? { cursor } : {}) });
      expect(res.status).toBe(200);
      items.push(...res.body.items);
      cursor = res.body.nextCursor;
    } while (cursor);
    return items;
  }

  async function countOf(schoolId: string): Promise<number> {
    const [{ n }] = await t.dataSource.query<{ n: number }[]>('SELECT count(*)::int AS n FROM audit_events WHERE school_id = $1', [schoolId]);
    return n;
  }

  async function seqsOf(schoolId: string): Promise<string[]> {
    const rows = await t.dataSource.query<{ seq: string }[]>('SELECT seq FROM audit_events WHERE school_id = $1 ORDER BY seq', [schoolId]);
    return rows.map((r) => r.seq);
  }

  async function aSchoolWithAdmin(): Promise<TestUser> {
    const school = await createSchool(t);
    return createUser(t, { schoolId: school.id, role: 'admin' });
  }

  /** A superuser session with triggers off: what someone with database access could do behind the API. */
  async function tamper(sql: string, params: unknown[]): Promise<void> {
    const client = new pg.Client({ connectionString: t.database.url });
    await client.connect();
    try {
      await client.query('SET session_replication_role = replica');
      const result = await client.query(sql, params);
      expect(result.rowCount).toBe(1);
    } finally {
      await client.end();
    }
  }

  describe('writing and verifying', () => {
    it('chains entries from recordMany, record and recordAlone so that they verify', async () => {
      const admin = await aSchoolWithAdmin();
      const writtenAt = clock.now();
      await write(actorOf(admin), [
        { action: 'student.import', changedFields: ['name', 'class_id'] },
        { action: 'student.create', entityType: 'student', entityId: randomUUID(), severity: 'high' },
        { action: 'student.read', outcome: 'not_found', reason: '核对名单' },
      ]);
      await t.dataSource.transaction((manager) => audit.record(manager, actorOf(admin), { action: 'user.update', outcome: 'failure' }));
      await audit.recordAlone(actorOf(admin), { action: 'access.refused', outcome: 'denied' });

      expect(await verify(admin)).toEqual({ ok: true, checked: 5, firstBrokenSeq: null });
      const items = await listAll(admin);
      expect(items.map((i) => i.action)).toEqual(['access.refused', 'user.update', 'student.read', 'student.create', 'student.import']);
      const oldest = items[items.length - 1];
      expect(oldest).toEqual({
        seq: expect.stringMatching(/^\d+$/),
        occurredAt: writtenAt.toISOString(),
        actorId: admin.id,
        actorRole: 'admin',
        action: 'student.import',
        entityType: null,
        entityId: null,
        studentId: null,
        outcome: 'success',
        severity: 'normal',
        clientIp: '203.0.113.7',
        requestId: expect.stringMatching(/^req-/),
        reason: null,
        changedFields: ['class_id', 'name'],
        breakGlassGrantId: null,
        hash: expect.stringMatching(/^[0-9a-f]{64}$/),
        prevHash: null,
      });
      items.slice(0, -1).forEach((item, i) => expect(item.prevHash).toBe(items[i + 1].hash));
    });

    it('keeps one unbroken chain per school under 50 concurrent writers', async () => {
      const { admin, otherAdmin, studentA } = await createSchoolWorld(t);
      const writes = Array.from({ length: 50 }, (_, i) =>
        t.dataSource.transaction((manager) =>
          audit.record(manager, actorOf(admin), { action: 'student.read', studentId: studentA.id, reason: `read ${i}` }),
        ),
      );
      const otherWrites = Array.from({ length: 15 }, () =>
        t.dataSource.transaction((manager) => audit.record(manager, actorOf(otherAdmin), { action: 'user.read' })),
      );
      await Promise.all([...writes, ...otherWrites]);

      expect(await verify(admin)).toEqual({ ok: true, checked: 50, firstBrokenSeq: null });
      expect(await verify(otherAdmin)).toEqual({ ok: true, checked: 15, firstBrokenSeq: null });

      // Follow the links themselves (not seq order): one chain, no forks, seqs rising along it.
      const rows = await t.dataSource.query<{ seq: string; prev: string | null; hash: string }[]>(
        `SELECT seq, encode(prev_hash, 'hex') AS prev, encode(hash, 'hex') AS hash FROM audit_events WHERE school_id = $1`,
        [admin.schoolId],
      );
      const byPrev = new Map(rows.map((row) => [row.prev, row]));
      expect(byPrev.size).toBe(50);
      const walked: bigint[] = [];
      for (let row = byPrev.get(null); row; row = byPrev.get(row.hash)) walked.push(BigInt(row.seq));
      expect(walked).toHaveLength(50);
      walked.slice(1).forEach((seq, i) => expect(seq).toBeGreaterThan(walked[i]));
    });

    it('verifies a chain longer than one batch', async () => {
      const admin = await aSchoolWithAdmin();
      await write(actorOf(admin), Array.from({ length: 2_345 }, (_, i) => ({ action: 'student.read', reason: `batch ${i}` })));
      expect(await verify(admin)).toEqual({ ok: true, checked: 2_345, firstBrokenSeq: null });
    });

    it('does not audit reads of the trail itself', async () => {
      const admin = await aSchoolWithAdmin();
      await write(actorOf(admin), [{ action: 'student.read' }]);
      await listAll(admin);
      await verify(admin);
      expect(await countOf(admin.schoolId)).toBe(1);
    });
  });

  describe('written at commit', () => {
    const entriesOf = async (schoolId: string) =>
      (await t.dataSource.query<{ reason: string }[]>('SELECT reason FROM audit_events WHERE school_id = $1 ORDER BY seq', [schoolId])).map((r) => r.reason);

    it("holds the school's chain only for the commit: another write of the school is not kept waiting by an open transaction", async () => {
      const admin = await aSchoolWithAdmin();
      let finishSlow: () => void = () => undefined;
      const slowMayFinish = new Promise<void>((resolve) => (finishSlow = resolve));
      const slow = t.dataSource.transaction(async (manager) => {
        await audit.record(manager, actorOf(admin), { action: 'student.read', reason: 'slow' });
        await slowMayFinish;
      });
      // While the slow transaction is open with its entry recorded, a second one writes and commits.
      const fast = t.dataSource.transaction((manager) => audit.record(manager, actorOf(admin), { action: 'student.read', reason: 'fast' }));
      const outcome = await Promise.race([fast.then(() => 'committed'), new Promise((resolve) => setTimeout(() => resolve('kept waiting'), 3_000))]);
      finishSlow();
      await slow;
      expect(outcome).toBe('committed');
      expect(await entriesOf(admin.schoolId)).toEqual(['fast', 'slow']);
      expect(await verify(admin)).toMatchObject({ ok: true, checked: 2 });
    });

    it('writes nothing for a transaction that rolls back, and drops only the entries of a rolled-back savepoint', async () => {
      const admin = await aSchoolWithAdmin();
      await expect(
        t.dataSource.transaction(async (manager) => {
          await audit.record(manager, actorOf(admin), { action: 'student.read', reason: 'rolled back' });
          throw new Error('the write failed');
        }),
      ).rejects.toThrow('the write failed');
      await t.dataSource.transaction(async (manager) => {
        await audit.record(manager, actorOf(admin), { action: 'student.read', reason: 'outer' });
        await manager
          .transaction(async (inner) => {
            await audit.record(inner, actorOf(admin), { action: 'student.read', reason: 'inner, rolled back' });
            throw new Error('inner failed');
          })
          .catch(() => undefined);
        await manager.transaction((inner) => audit.record(inner, actorOf(admin), { action: 'student.read', reason: 'inner, kept' }));
      });
      expect(await entriesOf(admin.schoolId)).toEqual(['outer', 'inner, kept']);
      expect(await verify(admin)).toMatchObject({ ok: true, checked: 2 });
    });

    it("appends to each school's chain when one transaction writes to two, and flush() writes at once", async () => {
      const [first, second] = [await aSchoolWithAdmin(), await aSchoolWithAdmin()];
      await t.dataSource.transaction(async (manager) => {
        await audit.record(manager, actorOf(second), { action: 'user.read', reason: 'second school' });
        await audit.record(manager, actorOf(first), { action: 'user.read', reason: 'first school' });
        expect(await manager.query('SELECT count(*)::int AS n FROM audit_events WHERE school_id = ANY($1)', [[first.schoolId, second.schoolId]])).toEqual([{ n: 0 }]);
        await audit.flush(manager);
        expect(await manager.query('SELECT count(*)::int AS n FROM audit_events WHERE school_id = ANY($1)', [[first.schoolId, second.schoolId]])).toEqual([{ n: 2 }]);
      });
      expect(await entriesOf(first.schoolId)).toEqual(['first school']);
      expect(await entriesOf(second.schoolId)).toEqual(['second school']);
      expect(await verify(first)).toMatchObject({ ok: true, checked: 1 });
      expect(await verify(second)).toMatchObject({ ok: true, checked: 1 });
    });
  });

  describe('tamper evidence', () => {
    it('refuses UPDATE, DELETE and TRUNCATE: the application role by its grants, the owner by the trigger', async () => {
      const admin = await aSchoolWithAdmin();
      await write(actorOf(admin), [{ action: 'student.read' }, { action: 'student.update' }]);
      const [seq] = await seqsOf(admin.schoolId);
      const notGranted = { driverError: expect.objectContaining({ code: '42501', message: 'permission denied for table audit_events' }) };
      const byTrigger = expect.objectContaining({ code: '42501', message: 'audit_events is append-only' });

      await expect(t.dataSource.query(`UPDATE audit_events SET reason = 'nothing to see' WHERE seq = $1`, [seq])).rejects.toMatchObject(notGranted);
      await expect(t.dataSource.query('DELETE FROM audit_events WHERE seq = $1', [seq])).rejects.toMatchObject(notGranted);
      await expect(t.dataSource.query('TRUNCATE audit_events')).rejects.toMatchObject(notGranted);
      await expect(t.database.asOwner(`UPDATE audit_events SET reason = 'nothing to see' WHERE seq = $1`, [seq])).rejects.toEqual(byTrigger);
      await expect(t.database.asOwner('DELETE FROM audit_events WHERE seq = $1', [seq])).rejects.toEqual(byTrigger);
      await expect(t.database.asOwner('TRUNCATE audit_events')).rejects.toEqual(byTrigger);
      expect(await countOf(admin.schoolId)).toBe(2);
      expect(await verify(admin)).toEqual({ ok: true, checked: 2, firstBrokenSeq: null });
    });

    it.each([
      ['a rewritten reason', `UPDATE audit_events SET reason = 'nothing to see' WHERE seq = $1`],
      ['a rewritten action', `UPDATE audit_events SET action = 'student.list' WHERE seq = $1`],
      ['a row moved in time', `UPDATE audit_events SET occurred_at = occurred_at - interval '1 day' WHERE seq = $1`],
    ])('names the first broken entry after %s behind the trigger', async (_what, sql) => {
      const admin = await aSchoolWithAdmin();
      await write(actorOf(admin), Array.from({ length: 1_200 }, (_, i) => ({ action: 'student.read', reason: `entry ${i}` })));
      const seqs = await seqsOf(admin.schoolId);

      await tamper(sql, [seqs[1_100]]);

      expect(await verify(admin)).toEqual({ ok: false, checked: 1_101, firstBrokenSeq: seqs[1_100] });
    });

    /**
     * What someone with the database but not the key can do: rewrite an entry and recompute every
     * later hash with plain SHA-256, optionally labelling the rewritten entries as unkeyed ones.
     */
    async function rewriteUnkeyed(schoolId: string, at: number, relabel: boolean): Promise<void> {
      const chain = await t.app.get(AuditEventRepository).chainBatchForSchool(schoolId, null, 1_000);
      let prevHash = chain[at - 1]?.hash ?? null;
      for (const [i, entry] of chain.entries()) {
        if (i < at) continue;
        const fields: StoredChainEntry = i === at ? { ...entry, reason: 'nothing to see' } : entry;
        const hash = unkeyedChainHash(prevHash, fields);
        await tamper(`UPDATE audit_events SET reason = $2, prev_hash = $3, hash = $4, hash_alg = $5 WHERE seq = $1`, [
          entry.seq,
          fields.reason,
          prevHash,
          hash,
          relabel ? 'sha256' : entry.hashAlg,
        ]);
        prevHash = hash;
      }
    }

    it.each([
      ['left labelled keyed', false],
      ['relabelled as written before the keying', true],
    ])('finds a rewrite whose later hashes were recomputed without the key, %s', async (_how, relabel) => {
      const admin = await aSchoolWithAdmin();
      await write(actorOf(admin), Array.from({ length: 5 }, (_, i) => ({ action: 'student.read', reason: `entry ${i}` })));
      const seqs = await seqsOf(admin.schoolId);
      expect(await verify(admin)).toEqual({ ok: true, checked: 5, firstBrokenSeq: null });

      await rewriteUnkeyed(admin.schoolId, 1, relabel);

      expect(await verify(admin)).toEqual({ ok: false, checked: 2, firstBrokenSeq: seqs[1] });
      await rewriteUnkeyed(admin.schoolId, 0, relabel);
      expect(await verify(admin)).toMatchObject({ ok: false, firstBrokenSeq: seqs[0] });
    });

    it('keys a chain written before the keying with one keyed entry at start; no unkeyed rewrite of it passes then', async () => {
      const admin = await aSchoolWithAdmin();
      let prevHash: Buffer | null = null;
      for (const action of ['student.read', 'student.update', 'guardian.read']) {
        const [{ seq }] = await t.database.asOwner<{ seq: string }>(`SELECT nextval('audit_events_seq')::text AS seq`);
        const fields: ChainedAuditFields = {
          seq, occurredAt: clock.now(), schoolId: admin.schoolId, actorId: admin.id, actorRole: 'admin', action, entityType: null, entityId: null,
          studentId: null, outcome: 'success', severity: 'normal', clientIp: null, requestId: null, reason: null, changedFields: null, breakGlassGrantId: null,
        };
        const hash: Buffer = unkeyedChainHash(prevHash, fields);
        await t.database.asOwner(
          `INSERT INTO audit_events (seq, occurred_at, school_id, actor_id, actor_role, action, outcome, severity, hash_alg, prev_hash, hash)
           VALUES ($1, $2, $3, $4, 'admin', $5, 'success', 'normal', 'sha256', $6, $7)`,
          [seq, fields.occurredAt, admin.schoolId, admin.id, action, prevHash, hash],
        );
        prevHash = hash;
      }
      const seqs = await seqsOf(admin.schoolId);
      // Before the keying entry, the chain proves nothing: it could be anyone's rewrite.
      expect(await verify(admin)).toEqual({ ok: false, checked: 3, firstBrokenSeq: seqs[0] });

      expect(await audit.keyUnkeyedChains()).toBeGreaterThanOrEqual(1);
      expect(await audit.keyUnkeyedChains()).toBe(0);
      expect(await verify(admin)).toEqual({ ok: true, checked: 4, firstBrokenSeq: null });
      expect((await listAll(admin)).map((e) => e.action)).toEqual(['audit_chain.keyed', 'guardian.read', 'student.update', 'student.read']);

      // A rewrite of an old entry shows at the keyed entry that vouches for it; one passed off as
      // entirely unkeyed leaves no keyed entry, so nothing of the chain is proven.
      const keyingSeq = (await seqsOf(admin.schoolId))[3];
      await rewriteUnkeyed(admin.schoolId, 1, false);
      expect(await verify(admin)).toEqual({ ok: false, checked: 4, firstBrokenSeq: keyingSeq });
      await rewriteUnkeyed(admin.schoolId, 1, true);
      expect(await verify(admin)).toEqual({ ok: false, checked: 4, firstBrokenSeq: seqs[0] });
    });

    it('names the entry after a row deleted behind the trigger', async () => {
      const admin = await aSchoolWithAdmin();
      await write(actorOf(admin), Array.from({ length: 10 }, () => ({ action: 'student.read' })));
      const seqs = await seqsOf(admin.schoolId);

      await tamper('DELETE FROM audit_events WHERE seq = $1', [seqs[4]]);

      expect(await verify(admin)).toEqual({ ok: false, checked: 5, firstBrokenSeq: seqs[5] });
    });
  });

  describe('listing', () => {
    let world: Awaited<ReturnType<typeof createSchoolWorld>>;
    /** What was written, oldest first; each entry carries its own request id to be recognised by. */
    const written: (AuditEntry & { requestId: string; actorId: string; occurredAt: Date })[] = [];

    const requestIdsOf = (items: AuditEventView[]) => items.map((item) => item.requestId);
    const expected = (keep: (entry: (typeof written)[number]) => boolean) =>
      written
        .filter(keep)
        .map((entry) => entry.requestId)
        .reverse();

    beforeAll(async () => {
      world = await createSchoolWorld(t);
      const { admin, counselor, teacher, studentA, studentB } = world;
      const plan: [TestUser, AuditEntry][] = [
        [admin, { action: 'student.read', entityType: 'student', entityId: studentA.id, studentId: studentA.id }],
        [counselor, { action: 'student.update', entityType: 'student', entityId: studentA.id, studentId: studentA.id, changedFields: ['name'] }],
        [counselor, { action: 'student.read', entityType: 'student', entityId: studentB.id, studentId: studentB.id }],
        [admin, { action: 'user.create', entityType: 'user', entityId: counselor.id, outcome: 'failure' }],
        [teacher, { action: 'student.read', entityType: 'student', entityId: studentB.id, studentId: studentB.id, outcome: 'denied' }],
        ...Array.from({ length: 20 }, (_, i): [TestUser, AuditEntry] => [
          i % 2 ? counselor : admin,
          { action: i % 3 ? 'guardian.read' : 'student.read', studentId: i % 4 ? studentA.id : studentB.id, outcome: i % 5 ? 'success' : 'not_found' },
        ]),
      ];
      for (const [user, entry] of plan) {
        clock.advance(60_000);
        const requestId = `req-${randomUUID()}`;
        await write(actorOf(user, requestId), [entry]);
        written.push({ ...entry, requestId, actorId: user.id, occurredAt: clock.now() });
      }
      await write(actorOf(world.otherAdmin), [{ action: 'student.read', studentId: world.otherStudent.id }]);
      expect(await countOf(world.school.id)).toBe(written.length);
    });

    it('walks every entry exactly once, newest first, a page at a time', async () => {
      const items = await listAll(world.admin, { limit: 4 });
      expect(requestIdsOf(items)).toEqual(expected(() => true));
      const seqs = items.map((item) => BigInt(item.seq));
      seqs.slice(1).forEach((seq, i) => expect(seq).toBeLessThan(seqs[i]));

      const first = await get(world.admin, '', { limit: 4 });
      expect(first.body.items).toHaveLength(4);
      expect(first.body.nextCursor).toEqual(expect.any(String));
      const whole = await get(world.admin, '', { limit: 200 });
      expect(whole.body.nextCursor).toBeNull();
    });

    it.each<[string, (w: typeof world) => Query, (w: typeof world) => (entry: (typeof written)[number]) => boolean]>([
      ['actorId', (w) => ({ actorId: w.counselor.id }), (w) => (e) => e.actorId === w.counselor.id],
      ['studentId', (w) => ({ studentId: w.studentB.id }), (w) => (e) => e.studentId === w.studentB.id],
      ['entityType', () => ({ entityType: 'student' }), () => (e) => e.entityType === 'student'],
      [
        'entityType and entityId',
        (w) => ({ entityType: 'student', entityId: w.studentA.id }),
        (w) => (e) => e.entityType === 'student' && e.entityId === w.studentA.id,
      ],
      ['one action', () => ({ action: 'guardian.read' }), () => (e) => e.action === 'guardian.read'],
      ['any of several actions', () => ({ action: ['user.create', 'student.update'] }), () => (e) => ['user.create', 'student.update'].includes(e.action)],
      ['outcome', () => ({ outcome: 'not_found' }), () => (e) => e.outcome === 'not_found'],
      [
        'actor, student, action and outcome together',
        (w) => ({ actorId: w.admin.id, studentId: w.studentA.id, action: ['student.read', 'guardian.read'], outcome: 'success' }),
        (w) => (e) =>
          e.actorId === w.admin.id && e.studentId === w.studentA.id && ['student.read', 'guardian.read'].includes(e.action) && (e.outcome ?? 'success') === 'success',
      ],
    ])('filters by %s', async (_name, query, keep) => {
      const keepEntry = keep(world);
      const want = expected(keepEntry);
      expect(want.length).toBeGreaterThan(0);
      expect(want.length).toBeLessThan(written.length);
      expect(requestIdsOf(await listAll(world.admin, { ...query(world), limit: 3 }))).toEqual(want);
    });

    it('filters by a time range, from inclusive and to exclusive, combined with other filters', async () => {
      const from = written[5].occurredAt;
      const to = written[15].occurredAt;
      const inRange = (e: (typeof written)[number]) => e.occurredAt >= from && e.occurredAt < to;
      expect(requestIdsOf(await listAll(world.admin, { from: from.toISOString(), to: to.toISOString() }))).toEqual(expected(inRange));
      expect(requestIdsOf(await listAll(world.admin, { from: from.toISOString() }))).toEqual(expected((e) => e.occurredAt >= from));
      expect(requestIdsOf(await listAll(world.admin, { to: to.toISOString() }))).toEqual(expected((e) => e.occurredAt < to));

      // The same instant written with a +08:00 offset means the same thing.
      const fromInShanghai = new Date(from.getTime() + 8 * 3_600_000).toISOString().replace('Z', '+08:00');
      const both = await listAll(world.admin, { from: fromInShanghai, to: to.toISOString(), actorId: world.admin.id });
      expect(requestIdsOf(both)).toEqual(expected((e) => inRange(e) && e.actorId === world.admin.id));
    });

    it("never shows another school's entries, whatever the filters", async () => {
      const theirs = await listAll(world.otherAdmin);
      expect(theirs).toHaveLength(1);
      const ours = new Set(written.map((entry) => entry.requestId));
      expect(requestIdsOf(theirs).filter((id) => ours.has(id as string))).toEqual([]);
      expect(await listAll(world.otherAdmin, { actorId: world.admin.id })).toEqual([]);
      expect(await listAll(world.otherAdmin, { studentId: world.studentA.id })).toEqual([]);
      expect(await verify(world.otherAdmin)).toEqual({ ok: true, checked: 1, firstBrokenSeq: null });
    });

    it.each([
      ['a garbage cursor', { cursor: 'garbage' }, 'pagination.invalid_cursor'],
      ['a cursor whose seq is not a number', { cursor: Buffer.from('["1; DROP TABLE"]').toString('base64url') }, 'pagination.invalid_cursor'],
      ['a cursor of the wrong shape', { cursor: Buffer.from('[1, 2]').toString('base64url') }, 'pagination.invalid_cursor'],
      ['a from after to', { from: '2026-09-02T00:00:00Z', to: '2026-09-01T00:00:00Z' }, 'audit.invalid_range'],
    ])('answers 400 to %s', async (_what, query, code) => {
      expectProblem(await get(world.admin, '', query), 400, code);
    });

    it.each([
      ['a non-UUID actorId', { actorId: 'not-a-uuid' }, 'actorId'],
      ['a non-UUID studentId', { studentId: '42' }, 'studentId'],
      ['an entityId without entityType', { entityId: randomUUID() }, 'entityId'],
      ['an unknown outcome', { outcome: 'maybe' }, 'outcome'],
      ['a date without a time', { from: '2026-09-01' }, 'from'],
      ['a time without an offset', { to: '2026-09-01T08:00:00' }, 'to'],
      ['an impossible time', { to: '2026-02-30T08:00:00Z' }, 'to'],
      ['a school of its own choosing', { schoolId: randomUUID() }, 'schoolId'],
      ['a limit over 200', { limit: 201 }, 'limit'],
    ])('answers 400 naming the field to %s', async (_what, query, field) => {
      const res = await get(world.admin, '', query);
      expectProblem(res, 400, 'validation.invalid');
      expect(res.body.errors).toEqual([expect.objectContaining({ field })]);
    });
  });

  describe('who may read it', () => {
    it('refuses counselors and class teachers with 403, and audits each refusal', async () => {
      const { admin, counselor, teacher } = await createSchoolWorld(t);

      for (const [user, path] of [
        [teacher, ''],
        [counselor, ''],
        [teacher, '/verify'],
      ] as const) {
        const res = await get(user, path);
        expectProblem(res, 403, 'auth.forbidden');
      }

      const refusals = await listAll(admin, { action: 'access.refused' });
      expect(refusals).toHaveLength(3);
      const teacherRefusals = await listAll(admin, { action: 'access.refused', actorId: teacher.id });
      expect(teacherRefusals).toEqual([
        expect.objectContaining({ actorRole: 'class_teacher', outcome: 'denied', reason: 'GET /api/v1/audit-events/verify needs audit.read' }),
        expect.objectContaining({ actorRole: 'class_teacher', outcome: 'denied', reason: 'GET /api/v1/audit-events needs audit.read' }),
      ]);
      expect(await verify(admin)).toEqual({ ok: true, checked: 3, firstBrokenSeq: null });
    });

    it('ties the refusal entry to the request that was refused', async () => {
      const { admin, teacher } = await createSchoolWorld(t);
      const res = await t.http.get('/api/v1/audit-events').set('authorization', await bearer(t, teacher)).set('x-request-id', 'refused-req-1');
      expect(res.status).toBe(403);
      const [entry] = await listAll(admin, { actorId: teacher.id });
      expect(entry).toMatchObject({ action: 'access.refused', outcome: 'denied', requestId: 'refused-req-1', actorId: teacher.id });
    });
  });
});
