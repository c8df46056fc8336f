import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Clock, ConflictProblem, type Page, toPage } from '#core';
import type { Caller } from '#access';
import { AuditService } from '#audit';
import { catchUpNotFound } from '../shared/education-problems.js';
import type { CatchUpListQuery, CatchUpView } from './catch-up.dtos.js';
import { CatchUpRepository } from './catch-up.repository.js';

const notNeeded = (status: string) => new ConflictProblem('education_catch_up.not_needed', `The catch-up is ${status}, not needed`);

/** The students who missed a delivered activity, for their class teacher to catch them up. */
@Injectable()
export class CatchUpsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly catchUps: CatchUpRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async list(caller: Caller, query: CatchUpListQuery): Promise<Page<CatchUpView>> {
    const rows = await this.catchUps.listVisible(caller, { status: query.status ?? ['needed'], classId: query.classId }, query);
    return toPage(rows, query, (row) => [row.createdAt.toISOString(), row.id]);
  }

  async complete(caller: Caller, catchUpId: string): Promise<CatchUpView> {
    const found = await this.catchUps.findVisible(caller, catchUpId);
    if (!found) throw catchUpNotFound();
    await this.dataSource.transaction(async (manager) => {
      const studentId = await this.catchUps.complete(manager, caller.schoolId, catchUpId, caller.userId, this.clock.now());
      if (!studentId) throw notNeeded(found.status === 'needed' ? 'already done' : found.status);
      await this.audit.record(manager, caller, {
        action: 'education_catch_up.complete',
        entityType: 'education_catch_up',
        entityId: catchUpId,
        studentId,
        changedFields: ['status'],
      });
    });
    return (await this.catchUps.findVisible(caller, catchUpId)) as CatchUpView;
  }
}
