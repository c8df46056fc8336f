import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { PersonalChannel } from '../entities/staff-contact.entity.js';
import type { ContactDetailsView } from './contact.dtos.js';

interface ContactRow {
  email: string | null;
  emailVerifiedAt: Date | null;
  mobile: string | null;
  mobileVerifiedAt: Date | null;
  preferredChannel: PersonalChannel;
  quietFrom: string | null;
  quietUntil: string | null;
  version: number;
}

export interface ContactChanges {
  email?: string | null;
  mobile?: string | null;
  preferredChannel?: PersonalChannel;
  quietHours?: { from: string; until: string } | null;
}

/** The defaults of someone who never saved contact details; their first save is based on version 1. */
const NO_CONTACT: ContactDetailsView = { email: null, emailVerifiedAt: null, mobile: null, mobileVerifiedAt: null, preferredChannel: 'sms', quietHours: null, version: 1 };

const SELECT_CONTACT = `SELECT email, email_verified_at AS "emailVerifiedAt", mobile, mobile_verified_at AS "mobileVerifiedAt",
       preferred_channel AS "preferredChannel", to_char(quiet_from, 'HH24:MI') AS "quietFrom", to_char(quiet_until, 'HH24:MI') AS "quietUntil", version
  FROM staff_contacts`;

const viewOf = (row: ContactRow | undefined): ContactDetailsView =>
  row
    ? {
        email: row.email,
        emailVerifiedAt: row.emailVerifiedAt,
        mobile: row.mobile,
        mobileVerifiedAt: row.mobileVerifiedAt,
        preferredChannel: row.preferredChannel,
        quietHours: row.quietFrom && row.quietUntil ? { from: row.quietFrom, until: row.quietUntil } : null,
        version: row.version,
      }
    : NO_CONTACT;

@Injectable()
export class StaffContactRepository {
  async find(manager: EntityManager, userId: string): Promise<ContactDetailsView> {
    const [row] = await manager.query<ContactRow[]>(`${SELECT_CONTACT} WHERE user_id = $1`, [userId]);
    return viewOf(row);
  }

  /** As find, with the row locked for the caller's transaction: what is decided on it holds until commit. */
  async findForUpdate(manager: EntityManager, userId: string): Promise<ContactDetailsView> {
    const [row] = await manager.query<ContactRow[]>(`${SELECT_CONTACT} WHERE user_id = $1 FOR UPDATE`, [userId]);
    return viewOf(row);
  }

  /**
   * Applies the changes if the details are still at `version` (a missing row counts as version 1);
   * an address that changes loses its verification. False when someone changed them first.
   */
  async update(manager: EntityManager, userId: string, version: number, changes: ContactChanges, at: Date): Promise<boolean> {
    await manager.query('INSERT INTO staff_contacts (user_id) VALUES ($1) ON CONFLICT (user_id) DO NOTHING', [userId]);
    const has = (field: keyof ContactChanges) => changes[field] !== undefined;
    const rows = await manager.query<{ userId: string }[]>(
      `WITH updated AS (
         UPDATE staff_contacts SET
           email = CASE WHEN $3 THEN $4::citext ELSE email END,
           email_verified_at = CASE WHEN $3 AND $4::citext IS DISTINCT FROM email THEN NULL ELSE email_verified_at END,
           mobile = CASE WHEN $5 THEN $6 ELSE mobile END,
           mobile_verified_at = CASE WHEN $5 AND $6 IS DISTINCT FROM mobile THEN NULL ELSE mobile_verified_at END,
           preferred_channel = COALESCE($7, preferred_channel),
           quiet_from = CASE WHEN $8 THEN $9::time ELSE quiet_from END,
           quiet_until = CASE WHEN $8 THEN $10::time ELSE quiet_until END,
           updated_at = $11, version = version + 1
          WHERE user_id = $1 AND version = $2
          RETURNING user_id)
       SELECT user_id AS "userId" FROM updated`,
      [
        userId,
        version,
        has('email'),
        changes.email ?? null,
        has('mobile'),
        changes.mobile ?? null,
        changes.preferredChannel ?? null,
        has('quietHours'),
        changes.quietHours?.from ?? null,
        changes.quietHours?.until ?? null,
        at,
      ],
    );
    return rows.length > 0;
  }

  /** Marks the address verified, if it is still the one the code went to. */
  async markVerified(manager: EntityManager, userId: string, channel: PersonalChannel, address: string, at: Date): Promise<boolean> {
    const column = channel === 'email' ? 'email' : 'mobile';
    const rows = await manager.query<{ userId: string }[]>(
      `WITH verified AS (
         UPDATE staff_contacts SET ${column}_verified_at = $3, updated_at = $3, version = version + 1
          WHERE user_id = $1 AND ${column} = $2
          RETURNING user_id)
       SELECT user_id AS "userId" FROM verified`,
      [userId, address, at],
    );
    return rows.length > 0;
  }
}
