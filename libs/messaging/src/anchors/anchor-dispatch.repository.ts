import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { decodeCursorAs, type PageQuery } from '#core';
import type { AnchorDispatchView, AnchorRecipientView } from './anchor-dispatch.dtos.js';

export interface DueOccasion {
  schoolId: string;
  occasion: string;
}

const RECIPIENT_VIEW = `SELECT id, email, label, created_by AS "createdBy", created_at AS "createdAt" FROM audit_anchor_recipients`;
const DISPATCH_VIEW = `SELECT id, occasion, anchor_seq AS "anchorSeq", emails, webhooks, dispatched_at AS "dispatchedAt", requested_by AS "requestedBy"
  FROM audit_anchor_dispatches`;

/** Keyset after (created_at or dispatched_at, id), ascending or descending. */
function keyset(page: PageQuery, column: string, direction: '>' | '<', first: number): { sql: string; params: unknown[] } {
  if (!page.cursor) return { sql: '', params: [] };
  const [at, id] = decodeCursorAs(page.cursor, ['timestamptz', 'uuid']);
  return { sql: `AND (${column}, id) ${direction} ($${first}::timestamptz, $${first + 1}::uuid)`, params: [at, id] };
}

@Injectable()
export class AnchorDispatchRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  listRecipients(schoolId: string, page: PageQuery): Promise<AnchorRecipientView[]> {
    const after = keyset(page, 'created_at', '>', 3);
    return this.dataSource.query(`${RECIPIENT_VIEW} WHERE school_id = $1 ${after.sql} ORDER BY created_at, id LIMIT $2`, [schoolId, page.limit + 1, ...after.params]);
  }

  /** Inserts unless the school has the address already or too many; the new row, else which refusal. */
  async addRecipient(
    manager: EntityManager,
    r: { schoolId: string; email: string; label: string; createdBy: string; at: Date },
    max: number,
  ): Promise<AnchorRecipientView | 'duplicate' | 'too_many'> {
    // The school's row, locked, serialises additions: the count below cannot be raced past.
    await manager.query('SELECT id FROM schools WHERE id = $1 FOR UPDATE', [r.schoolId]);
    const [{ n }] = await manager.query<{ n: number }[]>('SELECT count(*)::int AS n FROM audit_anchor_recipients WHERE school_id = $1', [r.schoolId]);
    if (n >= max) return 'too_many';
    const [row] = await manager.query<AnchorRecipientView[]>(
      `INSERT INTO audit_anchor_recipients (school_id, email, label, created_by, created_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT ON CONSTRAINT audit_anchor_recipients_school_email_key DO NOTHING
       RETURNING id, email, label, created_by AS "createdBy", created_at AS "createdAt"`,
      [r.schoolId, r.email, r.label, r.createdBy, r.at],
    );
    return row ?? 'duplicate';
  }

  async removeRecipient(manager: EntityManager, schoolId: string, id: string): Promise<boolean> {
    const rows = await manager.query<{ id: string }[]>(
      'WITH removed AS (DELETE FROM audit_anchor_recipients WHERE id = $1 AND school_id = $2 RETURNING id) SELECT id FROM removed',
      [id, schoolId],
    );
    return rows.length > 0;
  }

  async recipientEmails(manager: EntityManager, schoolId: string): Promise<string[]> {
    const rows = await manager.query<{ email: string }[]>('SELECT email FROM audit_anchor_recipients WHERE school_id = $1 ORDER BY created_at, id', [schoolId]);
    return rows.map((r) => r.email);
  }

  listDispatches(schoolId: string, page: PageQuery): Promise<AnchorDispatchView[]> {
    const after = keyset(page, 'dispatched_at', '<', 3);
    return this.dataSource.query(`${DISPATCH_VIEW} WHERE school_id = $1 ${after.sql} ORDER BY dispatched_at DESC, id DESC LIMIT $2`, [
      schoolId,
      page.limit + 1,
      ...after.params,
    ]);
  }

  /**
   * The occasions due at `now` and not yet sent, of schools with someone to send to: the day
   * before each holiday (from midnight of its eve to the end of its first day, in the school's
   * zone) and the week after each term's last day.
   */
  dueOccasions(now: Date): Promise<DueOccasion[]> {
    return this.dataSource.query<DueOccasion[]>(
      `WITH occasions AS (
         SELECT h.school_id, 'holiday:' || h.id AS occasion
           FROM school_holidays h JOIN schools s ON s.id = h.school_id
          WHERE ((h.starts_on - 1)::timestamp AT TIME ZONE s.timezone) <= $1 AND ((h.starts_on + 1)::timestamp AT TIME ZONE s.timezone) > $1
         UNION ALL
         SELECT t.school_id, 'term_end:' || t.id
           FROM school_terms t JOIN schools s ON s.id = t.school_id
          WHERE ((t.ends_on + 1)::timestamp AT TIME ZONE s.timezone) <= $1 AND ((t.ends_on + 8)::timestamp AT TIME ZONE s.timezone) > $1
       )
       SELECT o.school_id AS "schoolId", o.occasion
         FROM occasions o
        WHERE NOT EXISTS (SELECT 1 FROM audit_anchor_dispatches d WHERE d.school_id = o.school_id AND d.occasion = o.occasion)
          AND (EXISTS (SELECT 1 FROM audit_anchor_recipients r WHERE r.school_id = o.school_id)
               OR EXISTS (SELECT 1 FROM webhook_endpoints w WHERE w.school_id = o.school_id AND w.enabled AND 'audit.anchor' = ANY(w.events)))
        ORDER BY 1, 2`,
      [now],
    );
  }

  /** Claims the occasion: only the transaction whose insert lands sends it (a racing one waits, then finds it taken). */
  async claim(manager: EntityManager, d: { id: string; schoolId: string; occasion: string; at: Date; requestedBy: string | null }): Promise<boolean> {
    const rows = await manager.query<{ id: string }[]>(
      `INSERT INTO audit_anchor_dispatches (id, school_id, occasion, anchor_seq, emails, webhooks, dispatched_at, requested_by)
       VALUES ($1, $2, $3, '0', 0, 0, $4, $5)
       ON CONFLICT ON CONSTRAINT audit_anchor_dispatches_school_occasion_key DO NOTHING RETURNING id`,
      [d.id, d.schoolId, d.occasion, d.at, d.requestedBy],
    );
    return rows.length > 0;
  }

  async complete(manager: EntityManager, id: string, sent: { anchorSeq: string; emails: number; webhooks: number }): Promise<AnchorDispatchView> {
    await manager.query('UPDATE audit_anchor_dispatches SET anchor_seq = $2, emails = $3, webhooks = $4 WHERE id = $1', [id, sent.anchorSeq, sent.emails, sent.webhooks]);
    const [row] = await manager.query<AnchorDispatchView[]>(`${DISPATCH_VIEW} WHERE id = $1`, [id]);
    return row;
  }
}
