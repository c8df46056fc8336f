import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { decodeCursorAs, type PageQuery, type Uuid } from '#core';
import type { CaseContactSummary, ContactChannel, ContactCounterpart, ContactOutcome } from './case-contact.dto.js';

export interface CaseContactRow {
  id: Uuid;
  caseId: Uuid;
  counterpart: ContactCounterpart;
  guardianId: Uuid | null;
  guardianName: string | null;
  counterpartName: string | null;
  channel: ContactChannel;
  outcome: ContactOutcome;
  contactedAt: Date;
  isGuardianNotification: boolean;
  /** Still encrypted; the service decrypts. */
  agreed: string | null;
  recordedBy: Uuid;
  createdAt: Date;
}

const CONTACT_COLUMNS = `cc.id, cc.case_id AS "caseId", cc.counterpart, cc.guardian_id AS "guardianId", g.name AS "guardianName",
  cc.counterpart_name AS "counterpartName", cc.channel, cc.outcome, cc.contacted_at AS "contactedAt",
  cc.is_guardian_notification AS "isGuardianNotification", cc.agreed, cc.recorded_by AS "recordedBy", cc.created_at AS "createdAt"`;

/**
 * A not-reached contact still counts as unreachable while no later contact reached the same
 * counterpart. Correlated on `case_contacts_case_idx`, so it stays set-based for many cases.
 */
const STILL_UNREACHED = `cc.outcome = 'not_reached' AND NOT EXISTS (
  SELECT 1 FROM case_contacts r
   WHERE r.case_id = cc.case_id AND r.outcome = 'reached' AND r.contacted_at > cc.contacted_at
     AND r.counterpart = cc.counterpart
     AND r.guardian_id IS NOT DISTINCT FROM cc.guardian_id
     AND r.counterpart_name IS NOT DISTINCT FROM cc.counterpart_name)`;

/** The contact log of cases: appended to, never edited or deleted. */
@Injectable()
export class CaseContactRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async insert(
    manager: EntityManager,
    contact: {
      id: string;
      schoolId: string;
      caseId: string;
      counterpart: ContactCounterpart;
      guardianId: string | null;
      counterpartName: string | null;
      channel: ContactChannel;
      outcome: ContactOutcome;
      contactedAt: Date;
      isGuardianNotification: boolean;
      agreed: string | null;
      recordedBy: string;
      at: Date;
    },
  ): Promise<void> {
    await manager.query(
      `INSERT INTO case_contacts (id, school_id, case_id, counterpart, guardian_id, counterpart_name, channel, outcome,
         contacted_at, is_guardian_notification, agreed, recorded_by, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
      [
        contact.id,
        contact.schoolId,
        contact.caseId,
        contact.counterpart,
        contact.guardianId,
        contact.counterpartName,
        contact.channel,
        contact.outcome,
        contact.contactedAt,
        contact.isGuardianNotification,
        contact.agreed,
        contact.recordedBy,
        contact.at,
      ],
    );
  }

  async isGuardianOfStudent(manager: EntityManager, schoolId: string, studentId: string, guardianId: string): Promise<boolean> {
    const rows = await manager.query('SELECT 1 FROM guardians WHERE id = $1 AND student_id = $2 AND school_id = $3', [guardianId, studentId, schoolId]);
    return rows.length > 0;
  }

  async findInCase(manager: EntityManager, caseId: string, contactId: string): Promise<CaseContactRow | null> {
    const rows = await manager.query<CaseContactRow[]>(
      `SELECT ${CONTACT_COLUMNS} FROM case_contacts cc LEFT JOIN guardians g ON g.id = cc.guardian_id WHERE cc.id = $1 AND cc.case_id = $2`,
      [contactId, caseId],
    );
    return rows[0] ?? null;
  }

  /** Newest first (`case_contacts_case_idx`, read backwards). */
  async listOfCase(manager: EntityManager, caseId: string, filter: { outcome?: ContactOutcome[] }, page: PageQuery): Promise<CaseContactRow[]> {
    const params: unknown[] = [caseId, filter.outcome?.length ? filter.outcome : null, page.limit + 1];
    let before = '';
    if (page.cursor) {
      const [contactedAt, id] = decodeCursorAs(page.cursor, ['timestamptz', 'uuid']);
      params.push(contactedAt, id);
      before = 'AND (cc.contacted_at, cc.id) < ($4::timestamptz, $5::uuid)';
    }
    return manager.query<CaseContactRow[]>(
      `SELECT ${CONTACT_COLUMNS} FROM case_contacts cc LEFT JOIN guardians g ON g.id = cc.guardian_id
        WHERE cc.case_id = $1 AND ($2::text[] IS NULL OR cc.outcome = ANY($2::text[])) ${before}
        ORDER BY cc.contacted_at DESC, cc.id DESC
        LIMIT $3`,
      params,
    );
  }

  async summaryOfCase(manager: EntityManager, caseId: string): Promise<CaseContactSummary> {
    const [summary] = await manager.query<CaseContactSummary[]>(
      `SELECT count(*) FILTER (WHERE ${STILL_UNREACHED})::int AS unreachable,
              max(cc.contacted_at) FILTER (WHERE cc.outcome = 'reached') AS "lastReachedAt"
         FROM case_contacts cc WHERE cc.case_id = $1`,
      [caseId],
    );
    return summary;
  }

  /**
   * For case lists: how many contacts of each case are still unreachable (see the summary), in
   * one query for the whole page. Cases without any are absent from the map (read them as 0).
   * The caller has already limited `caseIds` to cases the reader may see.
   */
  async unreachableCountsByCase(caseIds: string[], manager: EntityManager = this.dataSource.manager): Promise<Map<string, number>> {
    if (caseIds.length === 0) return new Map();
    const rows = await manager.query<{ caseId: string; unreachable: number }[]>(
      `SELECT cc.case_id AS "caseId", count(*)::int AS unreachable
         FROM case_contacts cc
        WHERE cc.case_id = ANY($1::uuid[]) AND ${STILL_UNREACHED}
        GROUP BY cc.case_id`,
      [caseIds],
    );
    return new Map(rows.map((row) => [row.caseId, row.unreachable]));
  }
}
