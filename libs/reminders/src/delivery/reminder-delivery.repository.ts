import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { DeliveryEvent } from '../entities/reminder-delivery.entity.js';

export interface ClaimedDelivery {
  id: string;
  event: DeliveryEvent;
  schoolId: string;
  reminderId: string;
  recipientId: string;
  attempts: number;
  ruleCode: string;
  dueAt: Date;
}

/** The outbox's claim-and-mark statements; each commits on its own. */
@Injectable()
export class ReminderDeliveryRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Takes up to `limit` due rows: one statement locks them (`SKIP LOCKED`, so other instances take
   * other rows), then leases those still worth sending (pushes `next_attempt_at` to the end of the
   * lease and counts the attempt) and marks the rest skipped: a reminder done before its notice
   * went out, or a "created" notice of a reminder already acknowledged or snoozed in the inbox, is
   * not sent. It commits before anything is sent. Another instance sees a leased row as not due; if
   * this one dies before marking it, the lease runs out and the row is sent again.
   */
  async claimDue(now: Date, leaseUntil: Date, limit: number): Promise<{ claimed: ClaimedDelivery[]; taken: number }> {
    const rows = await this.dataSource.query<(ClaimedDelivery & { skipped: boolean })[]>(
      `WITH due AS (
         SELECT d.id, (r.status = 'done' OR (d.event = 'created' AND r.status <> 'open')) AS moot
           FROM reminder_deliveries d JOIN reminders r ON r.id = d.reminder_id
          WHERE d.delivered_at IS NULL AND d.skipped_at IS NULL AND d.next_attempt_at <= $1
          ORDER BY d.next_attempt_at, d.id
          LIMIT $3
          FOR UPDATE OF d SKIP LOCKED
       ), skipped AS (
         UPDATE reminder_deliveries d SET skipped_at = $1
           FROM due WHERE d.id = due.id AND due.moot
         RETURNING d.id
       ), claimed AS (
         UPDATE reminder_deliveries d SET attempts = d.attempts + 1, next_attempt_at = $2
           FROM due WHERE d.id = due.id AND NOT due.moot
         RETURNING d.id, d.event, d.school_id, d.reminder_id, d.recipient_id, d.attempts
       )
       SELECT c.id, c.event, c.school_id AS "schoolId", c.reminder_id AS "reminderId", c.recipient_id AS "recipientId", c.attempts,
              rr.code AS "ruleCode", r.due_at AS "dueAt", false AS skipped
         FROM claimed c JOIN reminders r ON r.id = c.reminder_id JOIN reminder_rules rr ON rr.id = r.rule_id
       UNION ALL
       SELECT s.id, NULL, NULL, NULL, NULL, NULL, NULL, NULL, true FROM skipped s
        ORDER BY 1`,
      [now, leaseUntil, limit],
    );
    return { claimed: rows.filter((row) => !row.skipped).map(({ skipped: _skipped, ...row }) => row), taken: rows.length };
  }

  async markDelivered(id: string, at: Date): Promise<void> {
    await this.dataSource.query('UPDATE reminder_deliveries SET delivered_at = $2, last_error = NULL WHERE id = $1 AND delivered_at IS NULL', [id, at]);
  }

  /** Records why it failed (an error class or code, never a message that could hold personal data) and when to try again. */
  async markFailed(claim: { id: string; attempts: number }, error: string, retryAt: Date): Promise<void> {
    // Only while the claim is still this attempt's: never move a lease another instance took since.
    await this.dataSource.query('UPDATE reminder_deliveries SET last_error = $3, next_attempt_at = $4 WHERE id = $1 AND attempts = $2 AND delivered_at IS NULL', [
      claim.id,
      claim.attempts,
      error,
      retryAt,
    ]);
  }
}
