import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { Channel, Urgency } from '../entities/outbound-message.entity.js';

export interface ClaimedMessage {
  id: string;
  schoolId: string;
  recipientId: string | null;
  channel: Channel;
  address: string;
  kind: string;
  urgency: Urgency;
  entityType: string | null;
  entityId: string | null;
  content: string;
  /** This attempt's number, 1 for the first. */
  attempts: number;
  maxAttempts: number;
  /** The last attempt was leased before and never recorded (its instance died): none is left to make. */
  leaseLost: boolean;
  /** The recipient's quiet hours (`HH:MM`, null for none or no recipient) and the school's zone: a normal message's retry waits for their end too. */
  quietFrom: string | null;
  quietUntil: string | null;
  timezone: string;
}

/** The outbox's claim-and-record statements. */
@Injectable()
export class MessageDeliveryRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Leases up to `limit` due rows in one statement that commits before anything is sent:
   * `SKIP LOCKED` gives other instances other rows, and the lease (next_attempt_at pushed to its
   * end, the attempt counted) hides the rows from them until it runs out. An instance that dies
   * before recording the outcome leaves its rows to be sent again after the lease; when that was
   * the last attempt, the row comes back `leaseLost`, its count unchanged (it may not pass
   * max_attempts), to be given up on.
   * (The UPDATE sits in a CTE: TypeORM answers a top-level UPDATE with `[rows, rowCount]`.)
   */
  claimDue(now: Date, leaseUntil: Date, limit: number): Promise<ClaimedMessage[]> {
    return this.dataSource.query<ClaimedMessage[]>(
      `WITH due AS (
         SELECT id, attempts >= max_attempts AS lease_lost FROM outbound_messages
          WHERE sent_at IS NULL AND dead_at IS NULL AND next_attempt_at <= $1
          ORDER BY next_attempt_at, id
          LIMIT $3
          FOR UPDATE SKIP LOCKED
       ), claimed AS (
         UPDATE outbound_messages m SET attempts = m.attempts + CASE WHEN due.lease_lost THEN 0 ELSE 1 END, next_attempt_at = $2
           FROM due WHERE m.id = due.id
         RETURNING m.id, m.school_id AS "schoolId", m.recipient_id AS "recipientId", m.channel, m.address, m.kind, m.urgency,
                   m.entity_type AS "entityType", m.entity_id AS "entityId", m.content, m.attempts, m.max_attempts AS "maxAttempts",
                   due.lease_lost AS "leaseLost"
       )
       SELECT c.*, to_char(q.quiet_from, 'HH24:MI') AS "quietFrom", to_char(q.quiet_until, 'HH24:MI') AS "quietUntil", s.timezone
         FROM claimed c JOIN schools s ON s.id = c."schoolId" LEFT JOIN staff_contacts q ON q.user_id = c."recipientId"`,
      [now, leaseUntil, limit],
    );
  }

  /**
   * Records one attempt and its outcome on the row, only while the lease is still this attempt's
   * (a row another instance took after the lease ran out is theirs). Returns whether it did.
   */
  async record(
    manager: EntityManager,
    claim: { id: string; attempts: number },
    attempt: { startedAt: Date; finishedAt: Date; error: string | null; retryAt: Date | null },
  ): Promise<boolean> {
    const sent = attempt.error === null;
    const rows = await manager.query<{ id: string }[]>(
      `WITH outcome AS (
         UPDATE outbound_messages
            SET sent_at = CASE WHEN $3 THEN $4::timestamptz END,
                dead_at = CASE WHEN NOT $3 AND $6::timestamptz IS NULL THEN $4::timestamptz END,
                last_error = $5,
                next_attempt_at = COALESCE($6::timestamptz, next_attempt_at)
          WHERE id = $1 AND attempts = $2 AND sent_at IS NULL AND dead_at IS NULL
          RETURNING id
       )
       INSERT INTO message_attempts (message_id, attempt, started_at, finished_at, outcome, error)
       SELECT id, $2, $7, $4, CASE WHEN $3 THEN 'sent' ELSE 'failed' END, $5 FROM outcome
       RETURNING message_id AS id`,
      [claim.id, claim.attempts, sent, attempt.finishedAt, attempt.error, attempt.retryAt, attempt.startedAt],
    );
    return rows.length > 0;
  }
}
