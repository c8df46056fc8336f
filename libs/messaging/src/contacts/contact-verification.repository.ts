import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { PersonalChannel } from '../entities/staff-contact.entity.js';

export interface OpenVerification {
  id: string;
  address: string;
  codeHash: string;
  failedTries: number;
  expiresAt: Date;
  createdAt: Date;
}

/** Salted with the row's id: equal codes of two people hash apart. */
export const hashVerificationCode = (id: string, code: string): string => createHash('sha256').update(`${id}:${code}`).digest('hex');

@Injectable()
export class ContactVerificationRepository {
  /** The user's open verification of the channel, locked for the caller's transaction. */
  async findOpenForUpdate(manager: EntityManager, userId: string, channel: PersonalChannel): Promise<OpenVerification | undefined> {
    const [row] = await manager.query<OpenVerification[]>(
      `SELECT id, address, code_hash AS "codeHash", failed_tries AS "failedTries", expires_at AS "expiresAt", created_at AS "createdAt"
         FROM contact_verifications WHERE user_id = $1 AND channel = $2 AND consumed_at IS NULL FOR UPDATE`,
      [userId, channel],
    );
    return row;
  }

  /** When the user was last sent a code on the channel, whatever became of it (confirmed, used up, replaced). */
  async lastSentAt(manager: EntityManager, userId: string, channel: PersonalChannel): Promise<Date | null> {
    const [row] = await manager.query<{ sentAt: Date | null }[]>(
      'SELECT max(created_at) AS "sentAt" FROM contact_verifications WHERE user_id = $1 AND channel = $2',
      [userId, channel],
    );
    return row.sentAt;
  }

  /** Replaces any open verification of the channel with a new one. */
  async open(manager: EntityManager, v: { id: string; userId: string; channel: PersonalChannel; address: string; code: string; expiresAt: Date; at: Date }): Promise<void> {
    await manager.query('UPDATE contact_verifications SET consumed_at = $3 WHERE user_id = $1 AND channel = $2 AND consumed_at IS NULL', [v.userId, v.channel, v.at]);
    await manager.query(
      `INSERT INTO contact_verifications (id, user_id, channel, address, code_hash, expires_at, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [v.id, v.userId, v.channel, v.address, hashVerificationCode(v.id, v.code), v.expiresAt, v.at],
    );
  }

  async consume(manager: EntityManager, id: string, at: Date): Promise<void> {
    await manager.query('UPDATE contact_verifications SET consumed_at = $2 WHERE id = $1', [id, at]);
  }

  /** Counts a wrong code; the last allowed one uses the verification up. */
  async countFailure(manager: EntityManager, id: string, maxTries: number, at: Date): Promise<number> {
    const [row] = await manager.query<{ failedTries: number }[]>(
      `WITH counted AS (
         UPDATE contact_verifications SET failed_tries = failed_tries + 1, consumed_at = CASE WHEN failed_tries + 1 >= $2 THEN $3::timestamptz END
          WHERE id = $1 RETURNING failed_tries)
       SELECT failed_tries AS "failedTries" FROM counted`,
      [id, maxTries, at],
    );
    return row.failedTries;
  }
}
