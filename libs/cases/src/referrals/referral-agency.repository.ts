import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { ConflictProblem, decodeCursorAs, isUniqueViolation, type PageQuery, updateAtVersion } from '#core';
import type { AgencyKind, ReferralAgencyView } from './referral-agency.dto.js';

export type ReferralAgencyChanges = Partial<Pick<ReferralAgencyView, 'name' | 'kind' | 'phone' | 'address' | 'contactPerson' | 'active'>>;

const AGENCY_COLUMNS = `id, name, kind, phone, address, contact_person AS "contactPerson", active, created_at AS "createdAt",
  updated_at AS "updatedAt", version`;

const CHANGE_COLUMNS: Record<keyof ReferralAgencyChanges, string> = {
  name: 'name',
  kind: 'kind',
  phone: 'phone',
  address: 'address',
  contactPerson: 'contact_person',
  active: 'active',
};

const duplicateName = () => new ConflictProblem('referral_agency.duplicate_name', 'The school already has an agency of this name');

/** A school's list of outside agencies; every query is scoped to the school. */
@Injectable()
export class ReferralAgencyRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async insert(
    manager: EntityManager,
    agency: { id: string; schoolId: string; name: string; kind: AgencyKind; phone: string | null; address: string | null; contactPerson: string | null; at: Date },
  ): Promise<void> {
    try {
      await manager.query(
        `INSERT INTO referral_agencies (id, school_id, name, kind, phone, address, contact_person, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8)`,
        [agency.id, agency.schoolId, agency.name, agency.kind, agency.phone, agency.address, agency.contactPerson, agency.at],
      );
    } catch (error) {
      if (isUniqueViolation(error, 'referral_agencies_school_name_key')) throw duplicateName();
      throw error;
    }
  }

  async findInSchool(schoolId: string, agencyId: string, manager: EntityManager = this.dataSource.manager): Promise<ReferralAgencyView | null> {
    const rows = await manager.query<ReferralAgencyView[]>(`SELECT ${AGENCY_COLUMNS} FROM referral_agencies WHERE id = $1 AND school_id = $2`, [
      agencyId,
      schoolId,
    ]);
    return rows[0] ?? null;
  }

  /** By kind, then name (`referral_agencies_school_idx`). */
  async listOfSchool(schoolId: string, filter: { includeInactive: boolean }, page: PageQuery): Promise<ReferralAgencyView[]> {
    const params: unknown[] = [schoolId, filter.includeInactive, page.limit + 1];
    let after = '';
    if (page.cursor) {
      const [kind, name, id] = decodeCursorAs(page.cursor, ['text', 'text', 'uuid']);
      params.push(kind, name, id);
      after = 'AND (kind, name, id) > ($4::text, $5::text, $6::uuid)';
    }
    return this.dataSource.query<ReferralAgencyView[]>(
      `SELECT ${AGENCY_COLUMNS} FROM referral_agencies
        WHERE school_id = $1 AND ($2 OR active) ${after}
        ORDER BY kind, name, id
        LIMIT $3`,
      params,
    );
  }

  /** Applies the changes only if the agency is still at `version`; false when someone changed it first. */
  async updateAtVersion(manager: EntityManager, schoolId: string, agencyId: string, version: number, changes: ReferralAgencyChanges, at: Date): Promise<boolean> {
    try {
      return await updateAtVersion(manager, { table: 'referral_agencies', id: agencyId, scope: { column: 'school_id', value: schoolId }, version }, changes, CHANGE_COLUMNS, at);
    } catch (error) {
      if (isUniqueViolation(error, 'referral_agencies_school_name_key')) throw duplicateName();
      throw error;
    }
  }
}
