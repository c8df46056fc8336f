import pg from 'pg';
import { ManualClock } from '#core';
import { type AuditActor, type AuditAnchorView, type AuditEntry, type AuditEventView, AuditService } from '#audit';
import { bearer, createSchool, createUser, type TestUser } from '../support/factories.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { expectProblem } from '../support/problems.js';

describe('audit anchors', () => {
  const clock = new ManualClock(new Date());
  let t: TestApp;
  let audit: AuditService;

  beforeAll(async () => {
    t = await createTestApp({ clock });
    audit = t.app.get(AuditService);
  });
  afterAll(async () => t?.close());

  const actorOf = (user: TestUser): AuditActor => ({ userId: user.id, role: user.role, schoolId: user.schoolId });

  const write = (user: TestUser, count: number, entry: AuditEntry = { action: 'student.read' }) =>
    t.dataSource.transaction((manager) => audit.recordMany(manager, actorOf(user), Array.from({ length: count }, () => entry)));

  async function aSchoolWithAdmin(): Promise<TestUser> {
    const school = await createSchool(t);
    return createUser(t, { schoolId: school.id, role: 'admin' });
  }

  async function takeAnchor(admin: TestUser): Promise<AuditAnchorView> {
    const res = await t.http.get('/api/v1/audit-events/anchor').set('authorization', await bearer(t, admin));
    expect(res.status).toBe(200);
    return res.body;
  }

  async function verifyWith(admin: TestUser, body: object) {
    return t.http.post('/api/v1/audit-events/verify').set('authorization', await bearer(t, admin)).send(body);
  }

  async function newestEntry(admin: TestUser): Promise<AuditEventView> {
    const res = await t.http.get('/api/v1/audit-events?limit=1').set('authorization', await bearer(t, admin));
    expect(res.status).toBe(200);
    return res.body.items[0];
  }

  async function countOf(schoolId: string): Promise<number> {
    const [{ n }] = await t.dataSource.query<{ n: number }[]>('SELECT count(*)::int AS n FROM audit_events WHERE school_id = $1', [schoolId]);
    return n;
  }

  /** What someone with superuser access could do behind the API: switch the append-only trigger off for one statement. */
  async function behindTheTrigger(sql: string, params: unknown[]): Promise<number> {
    const client = new pg.Client({ connectionString: t.database.url });
    await client.connect();
    try {
      await client.query('BEGIN');
      await client.query('ALTER TABLE audit_events DISABLE TRIGGER ALL');
      const result = await client.query(sql, params);
      await client.query('ALTER TABLE audit_events ENABLE TRIGGER ALL');
      await client.query('COMMIT');
      return result.rowCount ?? 0;
    } finally {
      await client.end();
    }
  }

  it("anchors the school's chain head, audits the read, and verifies against the anchor", async () => {
    const admin = await aSchoolWithAdmin();
    await write(admin, 3);

    const anchor = await takeAnchor(admin);

    expect(anchor).toEqual({
      schoolId: admin.schoolId,
      seq: expect.stringMatching(/^\d+$/),
      hash: expect.stringMatching(/^[0-9a-f]{64}$/),
      count: 4,
      at: clock.now().toISOString(),
      signature: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    // The read is the newest entry, and the anchor is taken after it: it covers its own read.
    const newest = await newestEntry(admin);
    expect(newest).toMatchObject({ seq: anchor.seq, hash: anchor.hash, action: 'audit_anchor.read', actorId: admin.id, outcome: 'success' });
    expect(await countOf(admin.schoolId)).toBe(4);

    const res = await verifyWith(admin, { anchor });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ok: true, checked: 4, firstBrokenSeq: null, anchor: { seq: anchor.seq, at: anchor.at, status: 'intact' } });
    // Verifying is not audited, like the other reads of the trail.
    expect(await countOf(admin.schoolId)).toBe(4);
  });

  it('verifies without an anchor like the GET route does', async () => {
    const admin = await aSchoolWithAdmin();
    await write(admin, 2);
    const res = await verifyWith(admin, {});
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ok: true, checked: 2, firstBrokenSeq: null, anchor: null });
    const bodiless = await t.http.post('/api/v1/audit-events/verify').set('authorization', await bearer(t, admin));
    expect({ status: bodiless.status, body: bodiless.body }).toEqual({ status: 200, body: res.body });
  });

  it('still verifies an anchor after later entries were appended: the anchor is a prefix', async () => {
    const admin = await aSchoolWithAdmin();
    await write(admin, 2);
    const anchor = await takeAnchor(admin);
    clock.advance(60_000);
    await write(admin, 5);
    const later = await takeAnchor(admin);
    expect(BigInt(later.seq)).toBeGreaterThan(BigInt(anchor.seq));

    for (const [one, checked] of [
      [anchor, 9],
      [later, 9],
    ] as const) {
      const res = await verifyWith(admin, { anchor: one });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ ok: true, checked, firstBrokenSeq: null, anchor: { seq: one.seq, at: one.at, status: 'intact' } });
    }
  });

  it('accepts the anchor back with the time in another offset and the hex in upper case', async () => {
    const admin = await aSchoolWithAdmin();
    const anchor = await takeAnchor(admin);
    const rewritten = {
      ...anchor,
      at: new Date(new Date(anchor.at).getTime()).toISOString().replace('Z', '+00:00'),
      hash: anchor.hash.toUpperCase(),
      signature: anchor.signature.toUpperCase(),
    };
    const res = await verifyWith(admin, { anchor: rewritten });
    expect(res.status).toBe(200);
    expect(res.body.anchor).toMatchObject({ status: 'intact' });
  });

  it('reports truncation when the newest entries, the anchored one among them, were deleted behind the trigger', async () => {
    const admin = await aSchoolWithAdmin();
    await write(admin, 3);
    const anchor = await takeAnchor(admin);
    await write(admin, 2);

    // Everything from the anchored entry on goes: what remains still links up.
    expect(await behindTheTrigger('DELETE FROM audit_events WHERE school_id = $1 AND seq >= $2', [admin.schoolId, anchor.seq])).toBe(3);
    const plain = await t.http.get('/api/v1/audit-events/verify').set('authorization', await bearer(t, admin));
    expect(plain.body).toEqual({ ok: true, checked: 3, firstBrokenSeq: null, anchor: null });

    const res = await verifyWith(admin, { anchor });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ok: false, checked: 3, firstBrokenSeq: null, anchor: { seq: anchor.seq, at: anchor.at, status: 'truncated' } });

    // New entries chain onto the shortened trail and verify; the anchor still shows what was lost.
    await write(admin, 4);
    const after = await verifyWith(admin, { anchor });
    expect(after.body).toEqual({ ok: false, checked: 7, firstBrokenSeq: null, anchor: { seq: anchor.seq, at: anchor.at, status: 'truncated' } });
  });

  it('reports an alteration when an entry before the anchor was rewritten behind the trigger', async () => {
    const admin = await aSchoolWithAdmin();
    await write(admin, 3);
    const anchor = await takeAnchor(admin);
    const [{ seq }] = await t.dataSource.query<{ seq: string }[]>(
      'SELECT seq::text AS seq FROM audit_events WHERE school_id = $1 ORDER BY seq LIMIT 1 OFFSET 1',
      [admin.schoolId],
    );

    expect(await behindTheTrigger(`UPDATE audit_events SET reason = 'nothing to see' WHERE seq = $1`, [seq])).toBe(1);

    const res = await verifyWith(admin, { anchor });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ok: false, checked: 2, firstBrokenSeq: seq, anchor: { seq: anchor.seq, at: anchor.at, status: 'altered' } });
  });

  it.each<[string, (a: AuditAnchorView) => AuditAnchorView]>([
    ['a signature with one digit changed', (a) => ({ ...a, signature: `${a.signature[0] === '0' ? '1' : '0'}${a.signature.slice(1)}` })],
    ['a count lowered to hide deleted entries', (a) => ({ ...a, count: a.count - 1 })],
    ['an earlier head put in place of the real one', (a) => ({ ...a, seq: String(BigInt(a.seq) - 1n) })],
    ['a hash replaced', (a) => ({ ...a, hash: 'ab'.repeat(32) })],
    ['a time moved', (a) => ({ ...a, at: new Date(new Date(a.at).getTime() - 1).toISOString() })],
  ])('refuses a forged anchor (%s) with 400', async (_what, forge) => {
    const admin = await aSchoolWithAdmin();
    await write(admin, 2);
    const res = await verifyWith(admin, { anchor: forge(await takeAnchor(admin)) });
    expectProblem(res, 400, 'audit.anchor_invalid');
  });

  it("refuses another school's anchor with the same 400 as a forged one", async () => {
    const admin = await aSchoolWithAdmin();
    const otherAdmin = await aSchoolWithAdmin();
    const own = await takeAnchor(admin);
    const theirs = await takeAnchor(otherAdmin);

    const genuine = await verifyWith(admin, { anchor: theirs });
    const relabelled = await verifyWith(admin, { anchor: { ...theirs, schoolId: admin.schoolId } });
    const forged = await verifyWith(admin, { anchor: { ...own, signature: 'ab'.repeat(32) } });
    for (const res of [genuine, relabelled, forged]) expectProblem(res, 400, 'audit.anchor_invalid');
    expect(genuine.body).toEqual(forged.body);
    expect(relabelled.body).toEqual(forged.body);
    expect(JSON.stringify(genuine.body)).not.toContain(otherAdmin.schoolId);
  });

  it('refuses malformed anchors and unknown fields with a validation problem', async () => {
    const admin = await aSchoolWithAdmin();
    const anchor = await takeAnchor(admin);
    const { signature: _signature, ...unsigned } = anchor;
    for (const body of [{ anchor: unsigned }, { anchor: { ...anchor, seq: 'x' } }, { anchor: { ...anchor, extra: 1 } }, { anchor, extra: 1 }]) {
      expectProblem(await verifyWith(admin, body), 400, 'validation.invalid');
    }
  });

  it('lets only administrators take anchors and verify with them', async () => {
    const admin = await aSchoolWithAdmin();
    const anchor = await takeAnchor(admin);
    for (const role of ['counselor', 'class_teacher', 'duty_officer'] as const) {
      const user = await createUser(t, { schoolId: admin.schoolId, role });
      const auth = await bearer(t, user);
      expectProblem(await t.http.get('/api/v1/audit-events/anchor').set('authorization', auth), 403, 'auth.forbidden');
      expectProblem(await t.http.post('/api/v1/audit-events/verify').set('authorization', auth).send({ anchor }), 403, 'auth.forbidden');
    }
    expect((await t.http.get('/api/v1/audit-events/anchor')).status).toBe(401);
  });
});
