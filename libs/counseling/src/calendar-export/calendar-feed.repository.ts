import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { SessionMode } from '../availability/availability.js';

export interface ExportedSessionRow {
  id: string;
  startsAt: Date;
  endsAt: Date;
  mode: SessionMode;
  place: string | null;
  status: string;
  updatedAt: Date;
  version: number;
}

@Injectable()
export class CalendarFeedRepository {
  /** The counselor's sessions starting in [from, to): scheduled, held, and held already (completed, missed). */
  async sessionsOf(manager: EntityManager, counselorId: string, from: Date, to: Date, now: Date): Promise<ExportedSessionRow[]> {
    return manager.query<ExportedSessionRow[]>(
      `SELECT id, starts_at AS "startsAt", ends_at AS "endsAt", mode, place, status, updated_at AS "updatedAt", version
         FROM appointments
        WHERE counselor_id = $1 AND starts_at >= $2 AND starts_at < $3
          AND (status IN ('scheduled', 'completed', 'no_show') OR (status = 'offered' AND offer_expires_at > $4))
        ORDER BY starts_at, id`,
      [counselorId, from, to, now],
    );
  }

  async saveToken(manager: EntityManager, feed: { counselorId: string; schoolId: string; tokenHash: Buffer; at: Date }): Promise<void> {
    await manager.query(
      `INSERT INTO counselor_calendar_feeds (counselor_id, school_id, token_hash, created_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (counselor_id) DO UPDATE SET token_hash = EXCLUDED.token_hash, created_at = EXCLUDED.created_at`,
      [feed.counselorId, feed.schoolId, feed.tokenHash, feed.at],
    );
  }

  async deleteToken(manager: EntityManager, counselorId: string): Promise<boolean> {
    const rows = await manager.query<{ counselor_id: string }[]>(
      `WITH deleted AS (DELETE FROM counselor_calendar_feeds WHERE counselor_id = $1 RETURNING counselor_id) SELECT counselor_id FROM deleted`,
      [counselorId],
    );
    return rows.length > 0;
  }

  /** The still-active counselor a feed token belongs to. */
  async counselorOfToken(manager: EntityManager, tokenHash: Buffer): Promise<{ counselorId: string; schoolId: string } | null> {
    const rows = await manager.query<{ counselorId: string; schoolId: string }[]>(
      `SELECT f.counselor_id AS "counselorId", f.school_id AS "schoolId"
         FROM counselor_calendar_feeds f JOIN users u ON u.id = f.counselor_id
        WHERE f.token_hash = $1 AND u.active AND u.role IN ('counselor', 'counseling_lead')`,
      [tokenHash],
    );
    return rows[0] ?? null;
  }
}
