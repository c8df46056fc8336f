import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { AnchoredEntryNow } from './audit-anchor.js';

/** The newest entry of a school's chain. */
export interface ChainHead extends AnchoredEntryNow {
  seq: string;
}

/**
 * The reads anchors need, on the `(school_id, seq)` index. Counts come back as text: they are
 * bigints in PostgreSQL.
 */
@Injectable()
export class AuditAnchorRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The head of a school's chain; stable only while the caller holds the chain lock (see AuditService). */
  async headOfSchool(manager: EntityManager, schoolId: string): Promise<ChainHead | null> {
    const rows = await manager.query<{ seq: string; hash: string; count: string }[]>(
      `SELECT h.seq::text AS seq, encode(h.hash, 'hex') AS hash,
              (SELECT count(*) FROM audit_events c WHERE c.school_id = $1 AND c.seq <= h.seq)::text AS count
         FROM (SELECT seq, hash FROM audit_events WHERE school_id = $1 ORDER BY seq DESC LIMIT 1) h`,
      [schoolId],
    );
    return rows.length === 0 ? null : { seq: rows[0].seq, hash: rows[0].hash, count: Number(rows[0].count) };
  }

  /** The entry of a school's chain with this sequence number as it is now, or null when there is none. */
  async entryOfSchool(schoolId: string, seq: string): Promise<AnchoredEntryNow | null> {
    const rows = await this.dataSource.query<{ hash: string; count: string }[]>(
      `SELECT encode(e.hash, 'hex') AS hash,
              (SELECT count(*) FROM audit_events c WHERE c.school_id = $1 AND c.seq <= e.seq)::text AS count
         FROM audit_events e
        WHERE e.school_id = $1 AND e.seq = $2::bigint`,
      [schoolId, seq],
    );
    return rows.length === 0 ? null : { hash: rows[0].hash, count: Number(rows[0].count) };
  }
}
