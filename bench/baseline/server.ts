/**
 * The baseline: a minimal Fastify + pg server that, for each benchmark scenario, checks the token
 * the same way (jose HS256 with the same secret, issuer and audience, then the same user/session
 * query) and sends the same SQL statements (bench/baseline/statements.ts, copied verbatim from the
 * application) with nothing else: no DI, no validation pipes, no ORM, no logging.
 */
import { createCipheriv, createHash, randomBytes, randomUUID, webcrypto } from 'node:crypto';
import Fastify, { type FastifyReply, type FastifyRequest } from 'fastify';
import { jwtVerify } from 'jose';
import pg from 'pg';
import { auditAnchorConfigFromEnvironment, chainHash } from '#audit';
import { SQL } from './statements.js';

const env = process.env;
const pool = new pg.Pool({ connectionString: env.DATABASE_URL, max: Number(env.DATABASE_POOL_SIZE ?? 10) });
// Imported once, as the application does.
const key = await webcrypto.subtle.importKey('raw', new TextEncoder().encode(env.JWT_SECRET ?? ''), { name: 'HMAC', hash: 'SHA-256' }, false, ['verify']);
const auditChainKey = auditAnchorConfigFromEnvironment().chainKey();
const issuer = env.JWT_ISSUER ?? 'campus-care';
const audience = env.JWT_AUDIENCE ?? 'campus-care-api';
const maxTokenAge = Number(env.ACCESS_TOKEN_TTL_SECONDS ?? 900);
const [fieldKeyId, fieldKey] = (() => {
  const [first] = (env.FIELD_ENCRYPTION_KEYS ?? 'dev:' + Buffer.alloc(32).toString('base64')).split(',');
  const [id, value] = first.split(':');
  return [id, Buffer.from(value, 'base64')] as const;
})();

interface Caller {
  id: string;
  schoolId: string;
  role: string;
}

type Db = pg.PoolClient | pg.Pool;

/** The same check as the application: signature, issuer, audience, then the user and session. */
async function authenticate(request: FastifyRequest): Promise<Caller | null> {
  const header = request.headers.authorization;
  if (!header?.startsWith('Bearer ')) return null;
  try {
    const { payload } = await jwtVerify(header.slice(7), key, { algorithms: ['HS256'], issuer, audience, maxTokenAge });
    if (typeof payload.sub !== 'string' || typeof payload.sid !== 'string') return null;
    if ((payload.exp ?? Infinity) - (payload.iat ?? 0) > maxTokenAge) return null;
    const { rows } = await pool.query<Caller & { active: boolean; sessionLive: boolean }>(SQL.auth, [payload.sub, payload.sid]);
    const user = rows[0];
    return user && user.active && user.sessionLive ? user : null;
  } catch {
    return null;
  }
}

/** Like the application's field encryption: AES-256-GCM under the active key. */
function seal(plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', fieldKey, iv);
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return `v1.${fieldKeyId}.${iv.toString('base64url')}.${Buffer.concat([body, cipher.getAuthTag()]).toString('base64url')}`;
}

interface AuditEntry {
  action: string;
  entityType: string;
  entityId: string | null;
  studentId: string | null;
  severity?: 'normal' | 'high';
  reason?: string;
}

interface AuditActor {
  id: string | null;
  schoolId: string;
  role: string | null;
}

interface PendingAudit {
  actor: AuditActor;
  request: FastifyRequest;
  entry: AuditEntry;
}

const pendingAudit = new WeakMap<Db, PendingAudit[]>();

/** Like the application, entries wait for the commit (see inTransaction). */
async function audit(db: Db, actor: AuditActor, request: FastifyRequest, entries: AuditEntry[]): Promise<void> {
  const pending = pendingAudit.get(db);
  if (!pending) throw new Error('audit() outside inTransaction()');
  pending.push(...entries.map((entry) => ({ actor, request, entry })));
}

/** The application's audit append for one school: school lock, sequence numbers and last hash, one INSERT. */
async function appendAudit(db: Db, schoolId: string, pending: PendingAudit[]): Promise<void> {
  await db.query(SQL.auditLock, [`audit:${schoolId}`]);
  const { rows } = await db.query<{ seqs: string[]; prev_hash: Buffer | null }>(SQL.auditSeq, [pending.length, schoolId]);
  let prevHash = rows[0].prev_hash;
  const occurredAt = new Date();
  const records = pending.map(({ actor, request, entry }, i) => {
    const fields = {
      seq: rows[0].seqs[i],
      occurredAt,
      schoolId: actor.schoolId,
      actorId: actor.id,
      actorRole: actor.role,
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId,
      studentId: entry.studentId,
      outcome: 'success' as const,
      severity: entry.severity ?? 'normal',
      clientIp: request.ip,
      requestId: String(request.id),
      reason: entry.reason ?? null,
      changedFields: null,
      breakGlassGrantId: null,
    };
    const hash = chainHash(auditChainKey, prevHash, fields);
    const record = {
      seq: fields.seq,
      occurred_at: occurredAt.toISOString(),
      school_id: fields.schoolId,
      actor_id: fields.actorId,
      actor_role: fields.actorRole,
      action: fields.action,
      entity_type: fields.entityType,
      entity_id: fields.entityId,
      student_id: fields.studentId,
      outcome: fields.outcome,
      severity: fields.severity,
      client_ip: fields.clientIp,
      request_id: fields.requestId,
      reason: fields.reason,
      changed_fields: null,
      break_glass_grant_id: null,
      prev_hash: prevHash?.toString('hex') ?? null,
      hash: hash.toString('hex'),
    };
    prevHash = hash;
    return record;
  });
  await db.query(SQL.auditInsert, [JSON.stringify(records)]);
}

async function inTransaction<T>(work: (db: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  const pending: PendingAudit[] = [];
  pendingAudit.set(client, pending);
  try {
    await client.query('START TRANSACTION');
    const result = await work(client);
    // The audit entries go in just before the commit, one append per school in a fixed order.
    for (const schoolId of [...new Set(pending.map((p) => p.actor.schoolId))].sort()) {
      await appendAudit(client, schoolId, pending.filter((p) => p.actor.schoolId === schoolId));
    }
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    pendingAudit.delete(client);
    client.release();
  }
}

const LEVELS = ['none', 'low', 'moderate', 'high', 'critical'];

/** The application's risk recomputation for one student: lock, signals, and a change only when the level moves. */
async function recomputeRisk(db: Db, schoolId: string, studentId: string): Promise<void> {
  const now = new Date();
  await db.query(SQL.riskLock, [[studentId]]);
  const { rows } = await db.query<{ level: string | null; rank: number | null; detail: string | null }>(SQL.riskSignals, [schoolId, [studentId], now]);
  const row = rows[0];
  if (!row) return;
  const level = LEVELS[row.rank ?? 0];
  if (level === (row.level ?? 'none')) return;
  await db.query(SQL.riskUpsert, [schoolId, JSON.stringify([{ student_id: studentId, level, derived_level: level, derived_from: row.detail }]), now]);
  await db.query(SQL.riskChange, [
    schoolId,
    JSON.stringify([{ student_id: studentId, previous_level: row.level, level, source: 'signals', source_detail: row.detail }]),
    now,
  ]);
}

async function raiseAlert(db: Db, schoolId: string, studentId: string, sourceType: string, sourceId: string, reason: string, request: FastifyRequest): Promise<string | undefined> {
  const { rows } = await db.query<{ id: string }>(SQL.alertInsert, [schoolId, studentId, 'high', sourceType, sourceId, reason, new Date()]);
  const alertId = rows[0]?.id;
  if (!alertId) return undefined;
  await db.query(SQL.notify, [schoolId, ['counselor', 'counseling_lead'], 'alert.raised', 'High alert: a student needs attention', 'alert', alertId]);
  // In a holiday the officer on duty hears of it too; the benchmark's data has no duty shifts.
  await db.query(SQL.dutyOfficers, [schoolId, new Date()]);
  await audit(db, { id: null, schoolId, role: null }, request, [{ action: 'alert.raise', entityType: 'alert', entityId: alertId, studentId, severity: 'high' }]);
  // As the application's alert raising does.
  await recomputeRisk(db, schoolId, studentId);
  return alertId;
}

const app = Fastify({ logger: false });
const unauthorized = (reply: FastifyReply) => reply.code(401).send({ status: 401 });

app.get('/health', async () => ({ status: 'ok' }));

app.get<{ Params: { id: string } }>('/api/v1/students/:id', async (request, reply) => {
  const caller = await authenticate(request);
  if (!caller) return unauthorized(reply);
  const body = await inTransaction(async (db) => {
    const { rows } = await db.query(SQL.studentRead, [request.params.id, caller.schoolId, caller.id]);
    if (!rows[0]) return null;
    const guardians = await db.query(SQL.guardians, [caller.schoolId, request.params.id]);
    await audit(db, caller, request, [{ action: 'student.read', entityType: 'student', entityId: request.params.id, studentId: request.params.id }]);
    return { ...rows[0], guardians: guardians.rows };
  });
  return body ? body : reply.code(404).send({ status: 404 });
});

app.get<{ Querystring: { state?: string | string[]; ownerId?: string; limit?: string; cursor?: string } }>('/api/v1/cases', async (request, reply) => {
  const caller = await authenticate(request);
  if (!caller) return unauthorized(reply);
  const q = request.query;
  const states = Array.isArray(q.state) ? q.state : q.state ? [q.state] : [];
  const limit = Number(q.limit ?? 20);
  const now = new Date();
  const after = q.cursor ? (JSON.parse(Buffer.from(q.cursor, 'base64url').toString('utf8')) as string[]) : null;
  const { rows } = after
    ? await pool.query<{ id: string; openedAt: Date }>(SQL.casesAfter, [caller.schoolId, caller.id, states, q.ownerId, after[0], after[1], now, limit + 1])
    : await pool.query<{ id: string; openedAt: Date }>(SQL.casesFirst, [caller.schoolId, caller.id, states, q.ownerId, now, limit + 1]);
  const items = rows.slice(0, limit);
  // One audit entry per list read, with the filter and the count, in a transaction of its own, as the application does.
  const filter = Object.fromEntries(Object.entries({ state: states.length > 0 ? states : undefined, ownerId: q.ownerId, cursor: q.cursor && 'next page' }).filter(([, v]) => v !== undefined));
  await inTransaction((db) => audit(db, caller, request, [{ action: 'case.list', entityType: 'case', entityId: null, studentId: null, reason: JSON.stringify({ filter, count: items.length }) }]));
  const unreachable = await pool.query<{ caseId: string; unreachable: number }>(SQL.unreachable, [items.map((r) => r.id)]);
  const counts = new Map(unreachable.rows.map((r) => [r.caseId, r.unreachable]));
  const last = items.at(-1);
  return {
    items: items.map((r) => ({ ...r, unreachableContacts: counts.get(r.id) ?? 0 })),
    nextCursor: rows.length > limit && last ? Buffer.from(JSON.stringify([last.openedAt.toISOString(), last.id])).toString('base64url') : null,
  };
});

app.post<{ Body: { studentId: string; category: string; severity: string; observedAt: string; observation: string } }>('/api/v1/concern-flags', async (request, reply) => {
  const caller = await authenticate(request);
  if (!caller) return unauthorized(reply);
  const dto = request.body;
  const flagId = randomUUID();
  const created = await inTransaction(async (db) => {
    const found = await db.query(SQL.studentInClass, [dto.studentId, caller.schoolId, caller.id]);
    if (!found.rows[0]) return false;
    await db.query(SQL.flagInsert, [flagId, caller.schoolId, dto.studentId, caller.id, dto.category, dto.severity, new Date(dto.observedAt), seal(dto.observation)]);
    await audit(db, caller, request, [{ action: 'concern_flag.raise', entityType: 'concern_flag', entityId: flagId, studentId: dto.studentId }]);
    const alertId = dto.severity === 'high' || dto.severity === 'urgent'
      ? await raiseAlert(db, caller.schoolId, dto.studentId, 'concern_flag', flagId, `high_flag:${dto.category}`, request)
      : undefined;
    if (alertId) await db.query(SQL.flagAlert, [flagId, alertId]);
    await recomputeRisk(db, caller.schoolId, dto.studentId);
    return true;
  });
  if (!created) return reply.code(404).send({ status: 404 });
  const { rows } = await pool.query(SQL.flagRead, [flagId, caller.schoolId, caller.id]);
  return reply.code(201).send(rows[0]);
});

app.post<{ Params: { token: string }; Body: { consent: boolean; answers: { phq9?: Record<string, number> } } }>('/api/v1/survey/:token', async (request, reply) => {
  // The survey's rate limit, counted in the database like the application's (one upsert per request).
  const windowStart = Date.now() - (Date.now() % 60_000);
  await pool.query(SQL.rateLimitHit, ['POST /api/v1/survey/:token', request.ip, new Date(windowStart), new Date(windowStart + 60_000)]);
  const hash = createHash('sha256').update(request.params.token, 'utf8').digest();
  const { rows } = await pool.query<{ invitationId: string; status: string; studentId: string; schoolId: string; campaignId: string }>(SQL.invitation, [hash]);
  const invitation = rows[0];
  if (!invitation) return reply.code(404).send({ status: 404 });
  if (invitation.status !== 'pending') return reply.code(409).send({ status: 409 });
  const instruments = await pool.query<{ id: string; code: string; version: number }>(SQL.instruments, [invitation.campaignId]);
  const phq9 = instruments.rows.find((i) => i.code === 'phq9');
  const answers = request.body.answers.phq9 ?? {};
  const total = Object.values(answers).reduce((sum, value) => sum + Number(value), 0);
  const critical = Number(answers.item9 ?? 0) > 0 ? ['item9'] : [];
  const now = new Date();
  const stored = await inTransaction(async (db) => {
    const claimed = await db.query(SQL.claim, [invitation.invitationId, now]);
    if (!claimed.rows[0]) return false;
    await db.query(SQL.markUsed, [[invitation.invitationId], now]);
    const responseId = randomUUID();
    await db.query(SQL.responses, [
      invitation.schoolId,
      invitation.campaignId,
      'survey',
      now,
      null,
      JSON.stringify([
        {
          id: responseId,
          invitationId: invitation.invitationId,
          studentId: invitation.studentId,
          instrumentId: phq9?.id,
          instrumentCode: 'phq9',
          instrumentVersion: phq9?.version,
          answers: seal(JSON.stringify(answers)),
          total,
          bandCode: null,
          classification: null,
          criticalItemsHit: critical,
          administeredAt: now,
        },
      ]),
    ]);
    const actor = { id: null, schoolId: invitation.schoolId, role: null };
    await audit(db, actor, request, [{ action: 'screening.survey_submit', entityType: 'screening_response', entityId: responseId, studentId: invitation.studentId }]);
    await db.query(SQL.bandRisk, [['phq9']]);
    if (critical.length > 0) await raiseAlert(db, invitation.schoolId, invitation.studentId, 'screening_response', responseId, 'critical_item:phq9', request);
    await recomputeRisk(db, invitation.schoolId, invitation.studentId);
    return true;
  });
  if (!stored) return reply.code(409).send({ status: 409 });
  const help = await pool.query<{ resources: unknown }>(SQL.helpResources, [invitation.schoolId]);
  return reply.code(201).send({ status: 'submitted', submittedAt: new Date(), helpResources: help.rows[0]?.resources ?? null, showHelpProminently: critical.length > 0 });
});

app.get<{ Querystring: { studentId: string; from: string; to: string } }>('/api/v1/audit-events', async (request, reply) => {
  const caller = await authenticate(request);
  if (!caller) return unauthorized(reply);
  const q = request.query;
  const { rows } = await pool.query<{ occurredAt: Date; hash: Buffer; prevHash: Buffer | null; schoolId?: string }>(SQL.auditQuery, [
    caller.schoolId,
    q.studentId,
    new Date(q.from),
    new Date(q.to),
    51,
  ]);
  // The same answer as the application's: times in ISO, hashes in hex, the school left out.
  const items = rows.slice(0, 50).map(({ schoolId: _school, ...r }) => ({
    ...r,
    occurredAt: r.occurredAt.toISOString(),
    hash: r.hash.toString('hex'),
    prevHash: r.prevHash?.toString('hex') ?? null,
  }));
  return { items, nextCursor: null };
});

await app.listen({ port: Number(env.PORT ?? 3902), host: '127.0.0.1' });
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    void app.close().then(() => pool.end());
  });
}
