import { Injectable } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { IsDateString } from 'class-validator';
import type { DataSource } from 'typeorm';
import { validationProblem } from '#core';
import type { Caller } from '#access';
import type { AlertSeverity } from '../entities/alert.entity.js';

export class AlertReportQuery {
  @ApiProperty({ format: 'date-time', description: 'Alerts raised at or after (ISO 8601 with offset)' })
  @IsDateString({ strict: true })
  from: string;

  @ApiProperty({ format: 'date-time', description: 'Alerts raised before (ISO 8601 with offset); after `from`' })
  @IsDateString({ strict: true })
  to: string;
}

export interface AlertSeverityStats {
  severity: AlertSeverity;
  raised: number;
  acknowledged: number;
  stillOpen: number;
  escalated: number;
  /** Minutes from raising to acknowledgement, over acknowledged alerts; null when none were. */
  medianMinutesToAcknowledge: number | null;
  p90MinutesToAcknowledge: number | null;
}

export interface AlertSeverityReport {
  /** The period as asked for. */
  from: string;
  to: string;
  /** Critical first, then high; a severity without alerts has zero counts. */
  severities: AlertSeverityStats[];
}

/** Counts and timings only: no student, no note. One grouped query. */
@Injectable()
export class AlertReport {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async bySeverity(caller: Caller, query: AlertReportQuery): Promise<AlertSeverityReport> {
    if (Date.parse(query.from) >= Date.parse(query.to)) throw validationProblem([{ field: 'from', message: 'must be before to' }]);
    const rows = await this.dataSource.query<AlertSeverityStats[]>(
      `WITH severities(severity) AS (VALUES ('critical'), ('high')),
            raised AS (
              SELECT a.severity, a.status, a.escalation_level,
                     extract(epoch FROM a.acknowledged_at - a.raised_at) / 60 AS minutes
                FROM alerts a
               WHERE a.school_id = $1 AND a.raised_at >= $2 AND a.raised_at < $3)
       SELECT s.severity,
              count(r.severity)::int AS raised,
              count(*) FILTER (WHERE r.status = 'acknowledged')::int AS acknowledged,
              count(*) FILTER (WHERE r.status = 'open')::int AS "stillOpen",
              count(*) FILTER (WHERE r.escalation_level > 0)::int AS escalated,
              round((percentile_cont(0.5) WITHIN GROUP (ORDER BY r.minutes))::numeric, 1)::float AS "medianMinutesToAcknowledge",
              round((percentile_cont(0.9) WITHIN GROUP (ORDER BY r.minutes))::numeric, 1)::float AS "p90MinutesToAcknowledge"
         FROM severities s LEFT JOIN raised r ON r.severity = s.severity
        GROUP BY s.severity
        ORDER BY s.severity = 'critical' DESC`,
      [caller.schoolId, query.from, query.to],
    );
    return { from: query.from, to: query.to, severities: rows };
  }
}
