import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { applyKeyset, type PageQuery } from '#core';
import type { InstrumentDetailView, InstrumentSummaryView } from './instrument.views.js';

const DETAIL_COLUMNS = `i.id, i.code, i.version, i.name_zh AS "nameZh", i.name_en AS "nameEn", i.active,
  i.created_at AS "createdAt", i.definition`;

@Injectable()
export class InstrumentRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The newest active version of each instrument, by code; served by the (code, version) key. */
  listLatestActive(page: PageQuery): Promise<InstrumentSummaryView[]> {
    const qb = this.dataSource
      .createQueryBuilder()
      .select(['i.id AS id', 'i.code AS code', 'i.version AS version', 'i.name_zh AS "nameZh"', 'i.name_en AS "nameEn"'])
      .addSelect(`jsonb_array_length(i.definition -> 'items')`, 'itemCount')
      .from('screening_instruments', 'i')
      .where('i.active')
      .andWhere('NOT EXISTS (SELECT 1 FROM screening_instruments newer WHERE newer.code = i.code AND newer.active AND newer.version > i.version)');
    return applyKeyset(qb, { columns: ['i.code'] }, page).getRawMany();
  }

  /** Any version, active or not: old responses are explained against their own version. */
  async findById(id: string): Promise<InstrumentDetailView | null> {
    const rows = await this.dataSource.query<InstrumentDetailView[]>(`SELECT ${DETAIL_COLUMNS} FROM screening_instruments i WHERE i.id = $1`, [id]);
    return rows[0] ?? null;
  }

  /** For scoring a submission against a known version. */
  async findByCodeAndVersion(code: string, version: number): Promise<InstrumentDetailView | null> {
    const rows = await this.dataSource.query<InstrumentDetailView[]>(
      `SELECT ${DETAIL_COLUMNS} FROM screening_instruments i WHERE i.code = $1 AND i.version = $2`,
      [code, version],
    );
    return rows[0] ?? null;
  }
}
