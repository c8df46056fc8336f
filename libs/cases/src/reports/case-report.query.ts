import { ApiProperty } from '@nestjs/swagger';
import { IsDateString } from 'class-validator';

export class CaseReportQuery {
  @ApiProperty({ description: 'Start of the period, inclusive (ISO 8601 with offset)' })
  @IsDateString({ strict: true })
  from: string;

  @ApiProperty({ description: 'End of the period, exclusive (ISO 8601 with offset)' })
  @IsDateString({ strict: true })
  to: string;
}

export interface CaseReport {
  from: string;
  to: string;
  /** Cases not closed, as of now (whatever the period). */
  openCases: { total: number; byRiskLevel: Record<string, number>; byState: Record<string, number> };
  alertToFirstContact: { alerts: number; contacted: number; medianMinutes: number | null };
  openingToClosure: { closed: number; medianDays: number | null };
  reopenRate: { cases: number; reopened: number; rate: number | null };
  /** What each figure counts, so that a reader of the numbers need not guess. */
  definitions: Record<'openCases' | 'alertToFirstContact' | 'openingToClosure' | 'reopenRate', string>;
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
