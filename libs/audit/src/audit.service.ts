import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager, EntitySubscriberInterface, QueryRunner } from 'typeorm';
import { Clock } from '#core';
import { AuditAnchorConfig } from './anchor/audit-anchor-config.js';
import { chainHash, type ChainedAuditFields } from './chain/audit-chain.js';
import type { AuditOutcome } from './entities/audit-event.entity.js';

/** Who acted and from where; a `Caller` fits, and so does a bare origin for anonymous events. */
export interface AuditActor {
  userId?: string | null;
  role?: string | null;
  schoolId: string | null;
  clientIp?: string | null;
  requestId?: string | null;
}

export interface AuditEntry {
  /** `<entity>.<verb>`, e.g. `student.read`. */
  action: string;
  outcome?: AuditOutcome;
  entityType?: string;
  entityId?: string;
  studentId?: string;
  reason?: string;
  /** Names only: values never enter the trail. */
  changedFields?: string[];
  severity?: 'normal' | 'high';
  breakGlassGrantId?: string;
}

interface PendingEntries {
  actor: AuditActor;
  entries: AuditEntry[];
  /** The transaction depth they were recorded at: a rolled-back savepoint takes its own entries along. */
  depth: number;
}

/** TypeORM keeps the nesting depth protected; it is read here only to scope a savepoint's rollback. */
const depthOf = (runner: QueryRunner) => (runner as unknown as { transactionDepth?: number }).transactionDepth ?? 1;

/**
 * Appends to the tamper-evident audit trail. `record` joins the caller's transaction, so a
 * write and its audit entry commit together or not at all.
 *
 * Entries are written when their transaction commits, just before the COMMIT (a TypeORM
 * transaction subscriber): the chain is one per school, so an append holds the school's lock until
 * commit, and taking it at the end keeps every other write of the school waiting only for the
 * append and the commit, not for the rest of the transaction (a school's students submitting a
 * survey at once, teachers raising flags). `flush` writes them at once where a transaction must
 * read its own entries.
 *
 * Hashes are HMACs under a key derived from AUDIT_ANCHOR_KEY, which the database never holds.
 */
@Injectable()
export class AuditService implements OnApplicationBootstrap {
  private readonly pending = new WeakMap<QueryRunner, PendingEntries[]>();
  private readonly chainKey: Buffer;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    config: AuditAnchorConfig,
  ) {
    this.chainKey = config.chainKey();
    const subscriber: EntitySubscriberInterface = {
      beforeTransactionCommit: ({ queryRunner }) => this.flushRunner(queryRunner),
      beforeTransactionRollback: ({ queryRunner }) => this.discard(queryRunner),
    };
    dataSource.subscribers.push(subscriber);
  }

  /** Appends one entry inside the given transaction. */
  async record(manager: EntityManager, actor: AuditActor, entry: AuditEntry): Promise<void> {
    await this.recordMany(manager, actor, [entry]);
  }

  /**
   * Appends entries in order inside the given transaction, written in one INSERT per school at
   * commit however many there are (a CSV import of 10,000 students writes 10,000 entries).
   */
  async recordMany(manager: EntityManager, actor: AuditActor, entries: AuditEntry[]): Promise<void> {
    const runner = manager.queryRunner;
    if (!runner?.isTransactionActive) {
      throw new Error('AuditService needs a transaction: use recordAlone() for a standalone entry');
    }
    if (entries.length === 0) return;
    const list = this.pending.get(runner) ?? [];
    list.push({ actor, entries: [...entries], depth: depthOf(runner) });
    this.pending.set(runner, list);
  }

  /** Writes the transaction's entries now (it then holds the chain lock until it ends). */
  async flush(manager: EntityManager): Promise<void> {
    if (manager.queryRunner) await this.flushRunner(manager.queryRunner);
  }

  private async flushRunner(runner: QueryRunner): Promise<void> {
    const list = this.pending.get(runner);
    if (!list || list.length === 0) return;
    this.pending.delete(runner);
    // Schools in a fixed order: two transactions that write to the same two chains never wait on each other crosswise.
    const bySchool = new Map<string, PendingEntries[]>();
    for (const item of list) {
      const key = item.actor.schoolId ?? '';
      const items = bySchool.get(key);
      if (items) items.push(item);
      else bySchool.set(key, [item]);
    }
    for (const [, items] of [...bySchool].sort(([a], [b]) => a.localeCompare(b))) {
      await this.append(runner.manager, items);
    }
  }

  private discard(runner: QueryRunner): void {
    const list = this.pending.get(runner);
    if (!list) return;
    const depth = depthOf(runner);
    const kept = list.filter((item) => item.depth < depth);
    if (kept.length > 0) this.pending.set(runner, kept);
    else this.pending.delete(runner);
  }

  /** One school's entries, in the order recorded, appended to its chain under its lock. */
  private async append(manager: EntityManager, items: PendingEntries[]): Promise<void> {
    const schoolId = items[0].actor.schoolId;
    const entries = items.flatMap((item) => item.entries.map((entry) => ({ actor: item.actor, entry })));
    // One chain per school: appends to it are serialised until this transaction ends. This needs
    // READ COMMITTED (the default): a REPEATABLE READ snapshot taken before the lock would read
    // a stale last hash and fork the chain.
    await this.lockChain(manager, schoolId);
    const [{ seqs, prev_hash: lastHash }] = await manager.query<{ seqs: string[]; prev_hash: Buffer | null }[]>(
      `SELECT ARRAY(SELECT nextval('audit_events_seq')::text FROM generate_series(1, $1::int)) AS seqs,
              (SELECT hash FROM audit_events WHERE school_id IS NOT DISTINCT FROM $2::uuid ORDER BY seq DESC LIMIT 1) AS prev_hash`,
      [entries.length, schoolId],
    );
    const occurredAt = this.clock.now();
    let prevHash = lastHash;
    const rows = entries.map(({ actor, entry }, i) => {
      const fields = this.fieldsOf(seqs[i], occurredAt, actor, entry);
      const hash = chainHash(this.chainKey, prevHash, fields);
      const row = { ...fields, prevHash, hash };
      prevHash = hash;
      return row;
    });
    await manager.query(
      `INSERT INTO audit_events (seq, occurred_at, school_id, actor_id, actor_role, action, entity_type, entity_id,
         student_id, outcome, severity, client_ip, request_id, reason, changed_fields, break_glass_grant_id, hash_alg, prev_hash, hash)
       SELECT r.seq::bigint, r.occurred_at::timestamptz, r.school_id::uuid, r.actor_id::uuid, r.actor_role, r.action,
              r.entity_type, r.entity_id::uuid, r.student_id::uuid, r.outcome, r.severity, r.client_ip, r.request_id,
              r.reason,
              CASE WHEN jsonb_typeof(r.changed_fields) = 'array' THEN ARRAY(SELECT jsonb_array_elements_text(r.changed_fields)) END,
              r.break_glass_grant_id::uuid, 'hmac-sha256',
              decode(r.prev_hash, 'hex'), decode(r.hash, 'hex')
         FROM jsonb_to_recordset($1::jsonb) AS r(seq text, occurred_at text, school_id text, actor_id text, actor_role text,
              action text, entity_type text, entity_id text, student_id text, outcome text, severity text, client_ip text,
              request_id text, reason text, changed_fields jsonb, break_glass_grant_id text, prev_hash text, hash text)`,
      [
        JSON.stringify(
          rows.map((r) => ({
            seq: r.seq,
            occurred_at: r.occurredAt.toISOString(),
            school_id: r.schoolId,
            actor_id: r.actorId,
            actor_role: r.actorRole,
            action: r.action,
            entity_type: r.entityType,
            entity_id: r.entityId,
            student_id: r.studentId,
            outcome: r.outcome,
            severity: r.severity,
            client_ip: r.clientIp,
            request_id: r.requestId,
            reason: r.reason,
            changed_fields: r.changedFields,
            break_glass_grant_id: r.breakGlassGrantId,
            prev_hash: r.prevHash?.toString('hex') ?? null,
            hash: r.hash.toString('hex'),
          })),
        ),
      ],
    );
  }

  private async lockChain(manager: EntityManager, schoolId: string | null): Promise<void> {
    await manager.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`audit:${schoolId ?? 'system'}`]);
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.keyUnkeyedChains();
  }

  /**
   * The way in for chains written before the chain was keyed: each one whose newest entry is
   * unkeyed gets a keyed `audit_chain.keyed` entry, which links to (and so vouches for) everything
   * before it. From then on verification refuses unkeyed entries in it, and a chain with entries
   * but none keyed, so a rewrite cannot pass off the rest as old. Safe on several instances at once.
   */
  async keyUnkeyedChains(): Promise<number> {
    const chains = await this.dataSource.query<{ school_id: string | null }[]>(
      `SELECT DISTINCT school_id FROM audit_events WHERE hash_alg = 'sha256'`,
    );
    let keyed = 0;
    for (const { school_id: schoolId } of chains) {
      await this.dataSource.transaction(async (manager) => {
        await this.lockChain(manager, schoolId);
        const [head] = await manager.query<{ hash_alg: string }[]>(
          `SELECT hash_alg FROM audit_events WHERE school_id IS NOT DISTINCT FROM $1::uuid ORDER BY seq DESC LIMIT 1`,
          [schoolId],
        );
        if (head?.hash_alg !== 'sha256') return;
        await this.record(manager, { schoolId }, { action: 'audit_chain.keyed' });
        keyed++;
      });
    }
    return keyed;
  }

  private fieldsOf(seq: string, occurredAt: Date, actor: AuditActor, entry: AuditEntry): ChainedAuditFields {
    return {
      seq,
      occurredAt,
      schoolId: actor.schoolId,
      actorId: actor.userId ?? null,
      actorRole: actor.role ?? null,
      action: entry.action,
      entityType: entry.entityType ?? null,
      entityId: entry.entityId ?? null,
      studentId: entry.studentId ?? null,
      outcome: entry.outcome ?? 'success',
      severity: entry.severity ?? 'normal',
      clientIp: actor.clientIp ?? null,
      requestId: actor.requestId ?? null,
      reason: entry.reason ?? null,
      changedFields: entry.changedFields ? [...entry.changedFields].sort() : null,
      breakGlassGrantId: entry.breakGlassGrantId ?? null,
    };
  }

  /** Appends in a transaction of its own: for events with no write beside them (refusals, sign-ins). */
  async recordAlone(actor: AuditActor, entry: AuditEntry): Promise<void> {
    await this.dataSource.transaction((manager) => this.record(manager, actor, entry));
  }
}
