import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Clock, type Page, toPage } from '#core';
import type { Caller } from '#access';
import { AuditService } from '#audit';
import { FieldCipher } from '#crypto';
import type { MyTaskListQuery, MyTaskView } from './case-task.dto.js';
import { CaseTaskRepository } from './case-task.repository.js';
import { taskTitleBinding } from './case-tasks.service.js';
import { endOfWeek } from './week-boundary.js';

/** A counselor's to-do list across the cases whose team they are on. */
@Injectable()
export class MyTasksService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tasks: CaseTaskRepository,
    private readonly audit: AuditService,
    private readonly cipher: FieldCipher,
    private readonly clock: Clock,
  ) {}

  async list(caller: Caller, query: MyTaskListQuery): Promise<Page<MyTaskView>> {
    return this.dataSource.transaction(async (manager) => {
      const now = this.clock.now();
      let window: { dueFrom: Date | null; dueBefore: Date | null } = { dueFrom: null, dueBefore: null };
      if (query.due === 'overdue') window = { dueFrom: null, dueBefore: now };
      if (query.due === 'this_week') window = { dueFrom: now, dueBefore: endOfWeek(now, await this.tasks.timeZoneOfSchool(manager, caller.schoolId)) };
      const rows = await this.tasks.listOpenOfAssignee(manager, { schoolId: caller.schoolId, userId: caller.userId }, window, query);
      const page = toPage(rows, query, (r) => [r.dueAt.toISOString(), r.id], (r) => ({ ...r, title: this.cipher.decrypt(r.title, taskTitleBinding(r.id)) }));
      // Titles are clinical text: the read is recorded once per case shown, in one insert.
      const cases = new Map(page.items.map((task) => [task.caseId, task.studentId]));
      await this.audit.recordMany(
        manager,
        caller,
        [...cases].map(([caseId, studentId]) => ({ action: 'case_task.read', entityType: 'case', entityId: caseId, studentId })),
      );
      return page;
    });
  }
}
