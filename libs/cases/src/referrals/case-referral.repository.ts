import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { decodeCursorAs, type PageQuery, type Uuid } from '#core';
import type { AgencyKind } from './referral-agency.dto.js';
import type { ReferralStatus } from './referral-status.js';

export interface CaseReferralRow {
  id: Uuid;
  caseId: Uuid;
  agencyId: Uuid;
  agencyName: string;
  agencyKind: AgencyKind;
  status: ReferralStatus;
  referredAt: Date;
  statusChangedAt: Date | null;
  /** Still encrypted; the service decrypts. */
  note: string | null;
  createdBy: Uuid;
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

const REFERRAL_COLUMNS = `r.id, r.case_id AS "caseId", r.agency_id AS "agencyId", a.name AS "agencyName", a.kind AS "agencyKind",
  r.status, r.referred_at AS "referredAt", r.status_changed_at AS "statusChangedAt", r.note, r.created_by AS "createdBy",
  r.created_at AS "createdAt", r.updated_at AS "updatedAt", r.version`;

/** Referrals of cases to outside agencies; reads are inside a case the service let the caller into. */
@Injectable()
export class CaseReferralRepository {
  async insert(
    manager: EntityManager,
    referral: { id: string; schoolId: string; caseId: string; agencyId: string; note: string | null; createdBy: string; at: Date },
  ): Promise<void> {
    await manager.query(
      `INSERT INTO case_referrals (id, school_id, case_id, agency_id, status, referred_at, note, created_by, created_at, updated_at)
       VALUES ($1, $2, $3, $4, 'pending', $5, $6, $7, $5, $5)`,
      [referral.id, referral.schoolId, referral.caseId, referral.agencyId, referral.at, referral.note, referral.createdBy],
    );
  }

  /** Only an agency still in use, of the case's school, takes new referrals. */
  async isActiveAgencyOfSchool(manager: EntityManager, schoolId: string, agencyId: string): Promise<boolean> {
    const rows = await manager.query('SELECT 1 FROM referral_agencies WHERE id = $1 AND school_id = $2 AND active', [agencyId, schoolId]);
    return rows.length > 0;
  }

  async findInCase(manager: EntityManager, caseId: string, referralId: string): Promise<CaseReferralRow | null> {
    const rows = await manager.query<CaseReferralRow[]>(
      `SELECT ${REFERRAL_COLUMNS} FROM case_referrals r JOIN referral_agencies a ON a.id = r.agency_id WHERE r.id = $1 AND r.case_id = $2`,
      [referralId, caseId],
    );
    return rows[0] ?? null;
  }

  /** Newest first (`case_referrals_case_idx`, read backwards). */
  async listOfCase(manager: EntityManager, caseId: string, filter: { status?: ReferralStatus[] }, page: PageQuery): Promise<CaseReferralRow[]> {
    const params: unknown[] = [caseId, filter.status?.length ? filter.status : null, page.limit + 1];
    let before = '';
    if (page.cursor) {
      const [referredAt, id] = decodeCursorAs(page.cursor, ['timestamptz', 'uuid']);
      params.push(referredAt, id);
      before = 'AND (r.referred_at, r.id) < ($4::timestamptz, $5::uuid)';
    }
    return manager.query<CaseReferralRow[]>(
      `SELECT ${REFERRAL_COLUMNS} FROM case_referrals r JOIN referral_agencies a ON a.id = r.agency_id
        WHERE r.case_id = $1 AND ($2::text[] IS NULL OR r.status = ANY($2::text[])) ${before}
        ORDER BY r.referred_at DESC, r.id DESC
        LIMIT $3`,
      params,
    );
  }

  /**
   * Moves the referral if it is still at `version` and in the status the caller saw; false when
   * someone changed it first. A null note leaves the note as it was.
   */
  async changeStatusAtVersion(
    manager: EntityManager,
    change: { caseId: string; referralId: string; version: number; from: ReferralStatus; to: ReferralStatus; note: string | null; at: Date },
  ): Promise<boolean> {
    const rows = await manager.query<{ id: string }[]>(
      `WITH updated AS (
         UPDATE case_referrals
            SET status = $5, status_changed_at = $6, note = COALESCE($7, note), updated_at = $6, version = version + 1
          WHERE id = $1 AND case_id = $2 AND version = $3 AND status = $4
          RETURNING id)
       SELECT id FROM updated`,
      [change.referralId, change.caseId, change.version, change.from, change.to, change.at, change.note],
    );
    return rows.length > 0;
  }
}
