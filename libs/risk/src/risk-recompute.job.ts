import { Injectable } from '@nestjs/common';
import { Cron } from '@nestjs/schedule';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { RiskRegisterService } from './risk-register.service.js';

const BATCH_SIZE = 500;

/**
 * Signals recompute a student's level when they arrive; this daily sweep lets old signals age
 * out and lapsed assessments end. Per-student locks and idempotent updates make concurrent
 * runs on several instances harmless.
 */
@Injectable()
export class RiskRecomputeJob {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly register: RiskRegisterService,
  ) {}

  @Cron('17 3 * * *', { name: 'risk-recompute', timeZone: 'Asia/Shanghai', disabled: process.env.JOBS_ENABLED === 'false' })
  async tick(): Promise<void> {
    await this.run();
  }

  /** Recomputes every student who has a level above none or an assessment; returns how many were examined. */
  async run(): Promise<number> {
    let examined = 0;
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const batch = await this.dataSource.query<{ student_id: string; school_id: string }[]>(
        `SELECT student_id, school_id FROM student_risk
          WHERE student_id > $1 AND (level_rank > 0 OR assessed_level IS NOT NULL)
          ORDER BY student_id LIMIT $2`,
        [after, BATCH_SIZE],
      );
      if (batch.length === 0) return examined;
      const bySchool = new Map<string, string[]>();
      for (const row of batch) bySchool.set(row.school_id, [...(bySchool.get(row.school_id) ?? []), row.student_id]);
      await this.dataSource.transaction(async (manager) => {
        for (const [schoolId, studentIds] of bySchool) await this.register.recompute(manager, schoolId, studentIds);
      });
      examined += batch.length;
      after = batch[batch.length - 1].student_id;
    }
  }
}
