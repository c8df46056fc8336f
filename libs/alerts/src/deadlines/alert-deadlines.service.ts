import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { Caller } from '#access';
import { AuditService } from '#audit';
import { DEFAULT_ACK_MINUTES } from '../alert-deadlines.js';
import { ALERT_SEVERITIES, type AlertSeverity } from '../entities/alert.entity.js';

export interface AlertDeadlineView {
  severity: AlertSeverity;
  ackMinutes: number;
  /** True while the school uses the built-in default. */
  isDefault: boolean;
}

/**
 * The school's acknowledgement deadlines per severity. A change applies to alerts raised
 * afterwards; open alerts keep the deadline they were raised with.
 */
@Injectable()
export class AlertDeadlinesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async list(caller: Caller): Promise<AlertDeadlineView[]> {
    const rows = await this.dataSource.query<{ severity: AlertSeverity; ack_minutes: number }[]>(
      'SELECT severity, ack_minutes FROM alert_deadlines WHERE school_id = $1',
      [caller.schoolId],
    );
    return ALERT_SEVERITIES.map((severity) => {
      const set = rows.find((r) => r.severity === severity);
      return { severity, ackMinutes: set?.ack_minutes ?? DEFAULT_ACK_MINUTES[severity], isDefault: !set };
    });
  }

  async set(caller: Caller, severity: AlertSeverity, ackMinutes: number): Promise<AlertDeadlineView> {
    await this.dataSource.transaction(async (manager) => {
      await manager.query(
        `INSERT INTO alert_deadlines (school_id, severity, ack_minutes) VALUES ($1, $2, $3)
         ON CONFLICT (school_id, severity) DO UPDATE SET ack_minutes = EXCLUDED.ack_minutes`,
        [caller.schoolId, severity, ackMinutes],
      );
      await this.audit.record(manager, caller, {
        action: 'alert_deadline.set',
        entityType: 'alert_deadline',
        changedFields: ['ackMinutes'],
        reason: severity,
      });
    });
    return { severity, ackMinutes, isDefault: false };
  }
}
