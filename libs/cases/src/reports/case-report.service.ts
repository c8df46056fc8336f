import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { validationProblem } from '#core';
import type { Caller } from '#access';
import { CASE_RISK_LEVELS, CASE_STATES, type CaseRiskLevel } from '../entities/case.entity.js';
import { CASE_REPORT_DEFINITIONS, type CaseReport, type CaseReportQuery, type OpenCaseState } from './case-report.query.js';

const OPEN_STATES = CASE_STATES.filter((state): state is OpenCaseState => state !== 'closed');

const zeros = <K extends string>(keys: readonly K[]): Record<K, number> => Object.fromEntries(keys.map((key) => [key, 0])) as Record<K, number>;

/** Counts and timings of the school's cases for administrators: never a student. Two grouped queries. */
@Injectable()
export class CaseReportService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async report(caller: Caller, query: CaseReportQuery): Promise<CaseReport> {
    if (Date.parse(query.from) >= Date.parse(query.to)) throw validationProblem([{ field: 'from', message: 'must be before to' }]);
    const [openCases, period] = await Promise.all([this.openCases(caller.schoolId), this.period(caller.schoolId, query)]);
    return { from: query.from, to: query.to, openCases, ...period, definitions: CASE_REPORT_DEFINITIONS };
  }

  private async openCases(schoolId: string): Promise<CaseReport['openCases']> {
    const rows = await this.dataSource.query<{ riskLevel: CaseRiskLevel | null; state: OpenCaseState | null; n: number }[]>(
      `SELECT risk_level AS "riskLevel", state, count(*)::int AS n
         FROM cases WHERE school_id = $1 AND state <> 'closed'
        GROUP BY GROUPING SETS ((risk_level), (state))`,
      [schoolId],
    );
    const byRiskLevel = zeros(CASE_RISK_LEVELS);
    const byState = zeros(OPEN_STATES);
    for (const row of rows) {
      if (row.riskLevel) byRiskLevel[row.riskLevel] = row.n;
      if (row.state) byState[row.state] = row.n;
    }
    return { total: Object.values(byState).reduce((sum, n) => sum + n, 0), byRiskLevel, byState };
  }

  private async period(schoolId: string, query: CaseReportQuery): Promise<Pick<CaseReport, 'alertToFirstContact' | 'openingToClosure' | 'reopenRate'>> {
    const [row] = await this.dataSource.query<
      { alerts: number; contacted: number; medianMinutes: number | null; closed: number; medianDays: number | null; cohort: number; reopened: number }[]
    >(
      `WITH linked_alerts AS (
              SELECT a.raised_at,
                     (SELECT min(cc.contacted_at) FROM case_contacts cc
                       WHERE cc.case_id = sg.case_id AND cc.contacted_at >= a.raised_at) AS first_contact_at
                FROM alerts a
                JOIN case_signals sg ON sg.source_type = 'alert' AND sg.source_id = a.id
               WHERE a.school_id = $1 AND a.raised_at >= $2 AND a.raised_at < $3),
            closed AS (
              SELECT extract(epoch FROM c.closed_at - c.opened_at) / 86400 AS days
                FROM cases c
               WHERE c.school_id = $1 AND c.state = 'closed' AND c.closed_at >= $2 AND c.closed_at < $3),
            cohort AS (
              SELECT c.reopen_count
                FROM cases c
               WHERE c.school_id = $1
                 AND ((c.opened_at >= $2 AND c.opened_at < $3) OR (c.closed_at >= $2 AND c.closed_at < $3)))
       SELECT (SELECT count(*) FROM linked_alerts)::int AS alerts,
              (SELECT count(first_contact_at) FROM linked_alerts)::int AS contacted,
              (SELECT round((percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM first_contact_at - raised_at) / 60))::numeric, 1)::float
                 FROM linked_alerts WHERE first_contact_at IS NOT NULL) AS "medianMinutes",
              (SELECT count(*) FROM closed)::int AS closed,
              (SELECT round((percentile_cont(0.5) WITHIN GROUP (ORDER BY days))::numeric, 1)::float FROM closed) AS "medianDays",
              (SELECT count(*) FROM cohort)::int AS cohort,
              (SELECT count(*) FROM cohort WHERE reopen_count > 0)::int AS reopened`,
      [schoolId, query.from, query.to],
    );
    return {
      alertToFirstContact: { alerts: row.alerts, contacted: row.contacted, medianMinutes: row.medianMinutes },
      openingToClosure: { closed: row.closed, medianDays: row.medianDays },
      reopenRate: { cases: row.cohort, reopened: row.reopened, rate: row.cohort === 0 ? null : Math.round((row.reopened / row.cohort) * 1000) / 1000 },
    };
  }
}
