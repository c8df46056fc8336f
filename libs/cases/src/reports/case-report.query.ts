import { ApiProperty } from '@nestjs/swagger';
import { IsDateString } from 'class-validator';
import type { CaseRiskLevel, CaseState } from '../entities/case.entity.js';

export class CaseReportQuery {
  @ApiProperty({ format: 'date-time', description: 'Start of the period, inclusive (ISO 8601 with offset)' })
  @IsDateString({ strict: true })
  from: string;

  @ApiProperty({ format: 'date-time', description: 'End of the period, exclusive (ISO 8601 with offset); after `from`' })
  @IsDateString({ strict: true })
  to: string;
}

export type OpenCaseState = Exclude<CaseState, 'closed'>;

/** Cases not closed, as of now (whatever the period); every level and state is present, 0 when none. */
export interface OpenCaseCounts {
  total: number;
  byRiskLevel: Record<CaseRiskLevel, number>;
  byState: Record<OpenCaseState, number>;
}

export interface AlertToFirstContactStats {
  alerts: number;
  contacted: number;
  medianMinutes: number | null;
}

export interface OpeningToClosureStats {
  closed: number;
  medianDays: number | null;
}

export interface ReopenRateStats {
  cases: number;
  reopened: number;
  /** Reopened over cases, to three decimals; null when there are no cases. */
  rate: number | null;
}

/** What each figure of the case report counts, so that a reader of the numbers need not guess. */
export interface CaseReportDefinitions {
  openCases: string;
  alertToFirstContact: string;
  openingToClosure: string;
  reopenRate: string;
}

export interface CaseReport {
  /** The period as asked for. */
  from: string;
  to: string;
  openCases: OpenCaseCounts;
  alertToFirstContact: AlertToFirstContactStats;
  openingToClosure: OpeningToClosureStats;
  reopenRate: ReopenRateStats;
  definitions: CaseReportDefinitions;
}

export const CASE_REPORT_DEFINITIONS: CaseReport['definitions'] = {
  openCases: 'Cases of the school not closed at the time of the request, by current risk level and by state.',
  alertToFirstContact:
    'Alerts raised in the period that are linked to a case (it was opened from the alert or the alert was attached to it). ' +
    'For each, the minutes from the alert being raised to the first contact of its case logged at or after that moment ' +
    '(any counterpart, reached or not). medianMinutes is over the alerts that have such a contact.',
  openingToClosure: 'Cases closed in the period (and still closed): the median of days from opening to closure.',
  reopenRate:
    'Of the cases opened in the period or closed in the period (each counted once), the share that has been reopened at least once. ' +
    'null when there are no such cases.',
};
