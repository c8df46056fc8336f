import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { Clock, ConflictProblem, NotFoundProblem, type Page, pickChanges, toPage, validationProblem } from '#core';
import type { Caller } from '#access';
import { AuditService } from '#audit';
import { FieldCipher } from '#crypto';
import { CaseAccessRepository, caseReadEntry, grantOf } from '../access/case-access.repository.js';
import { CaseEventRepository } from '../timeline/case-event.repository.js';
import type { CaseTaskListQuery, CaseTaskView, CreateCaseTaskDto, UpdateCaseTaskDto } from './case-task.dto.js';
import { type CaseTaskChanges, CaseTaskRepository, type CaseTaskRow } from './case-task.repository.js';

export const taskTitleBinding = (taskId: string) => ({ table: 'case_tasks', column: 'title', rowId: taskId });

const taskNotFound = () => new NotFoundProblem('case_task.not_found', 'No such task in this case');
const taskVersionConflict = () => new ConflictProblem('case_task.version_conflict', 'The task changed since you read it; reload and try again');
const notAssignable = () => validationProblem([{ field: 'assigneeId', message: 'must be an active counselor on the case team' }]);
export const caseClosed = () => new ConflictProblem('case.closed', 'The case is closed: reopen it first');

/**
 * The plan of a case: tasks with an assignee and a due time. Each write locks the case, checks
 * the caller reaches it (its team, or break-glass), and commits with its timeline event and
 * audit entry.
 */
@Injectable()
export class CaseTasksService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: CaseAccessRepository,
    private readonly tasks: CaseTaskRepository,
    private readonly events: CaseEventRepository,
    private readonly audit: AuditService,
    private readonly cipher: FieldCipher,
    private readonly clock: Clock,
  ) {}

  async create(caller: Caller, caseId: string, dto: CreateCaseTaskDto): Promise<CaseTaskView> {
    return this.dataSource.transaction(async (manager) => {
      const { row, access } = await this.access.requireAccessible(manager, caller, caseId, this.clock.now(), { lock: true });
      if (row.state === 'closed') throw caseClosed();
      if (!(await this.tasks.isAssignable(manager, row.schoolId, row.id, dto.assigneeId))) throw notAssignable();
      const id = randomUUID();
      const at = this.clock.now();
      const dueAt = new Date(dto.dueAt);
      await this.tasks.insert(manager, {
        id,
        schoolId: row.schoolId,
        caseId: row.id,
        title: this.cipher.encrypt(dto.title, taskTitleBinding(id)),
        assigneeId: dto.assigneeId,
        dueAt,
        createdBy: caller.userId,
        at,
      });
      await this.events.append(manager, {
        schoolId: row.schoolId,
        caseId: row.id,
        kind: 'task_created',
        actorId: caller.userId,
        at,
        data: { taskId: id, assigneeId: dto.assigneeId, dueAt: dueAt.toISOString() },
      });
      await this.audit.record(manager, caller, {
        action: 'case_task.create',
        entityType: 'case_task',
        entityId: id,
        studentId: row.studentId,
        changedFields: ['title', 'assigneeId', 'dueAt'],
        breakGlassGrantId: grantOf(access),
      });
      return this.viewOf(await this.mustFind(manager, row.id, id));
    });
  }

  async update(caller: Caller, caseId: string, taskId: string, version: number, dto: UpdateCaseTaskDto): Promise<CaseTaskView> {
    return this.dataSource.transaction(async (manager) => {
      const { row, access } = await this.access.requireAccessible(manager, caller, caseId, this.clock.now(), { lock: true });
      const current = this.viewOf(await this.mustFind(manager, row.id, taskId));
      if (current.version !== version) throw taskVersionConflict();
      const requested = pickChanges(
        { title: current.title, assigneeId: current.assigneeId, dueAt: current.dueAt.getTime(), status: current.status },
        { title: dto.title, assigneeId: dto.assigneeId, dueAt: dto.dueAt === undefined ? undefined : Date.parse(dto.dueAt), status: dto.status },
      );
      const changedFields = Object.keys(requested);
      if (changedFields.length === 0) return current;
      if (requested.assigneeId && !(await this.tasks.isAssignable(manager, row.schoolId, row.id, requested.assigneeId))) throw notAssignable();

      const at = this.clock.now();
      const changes: CaseTaskChanges = {
        title: requested.title === undefined ? undefined : this.cipher.encrypt(requested.title, taskTitleBinding(taskId)),
        assigneeId: requested.assigneeId,
        dueAt: requested.dueAt === undefined ? undefined : new Date(requested.dueAt),
        status: requested.status,
        // Done records when; reopening or cancelling a done task forgets it.
        completedAt: requested.status === undefined ? undefined : requested.status === 'done' ? at : null,
      };
      if (!(await this.tasks.updateAtVersion(manager, row.id, taskId, version, changes, at))) throw taskVersionConflict();
      await this.events.append(manager, {
        schoolId: row.schoolId,
        caseId: row.id,
        kind: 'task_updated',
        actorId: caller.userId,
        at,
        data: {
          taskId,
          changedFields,
          ...(requested.status ? { from: current.status, to: requested.status } : {}),
          ...(requested.assigneeId ? { assigneeId: requested.assigneeId } : {}),
          ...(requested.dueAt !== undefined ? { dueAt: new Date(requested.dueAt).toISOString() } : {}),
        },
      });
      await this.audit.record(manager, caller, {
        action: 'case_task.update',
        entityType: 'case_task',
        entityId: taskId,
        studentId: row.studentId,
        changedFields,
        breakGlassGrantId: grantOf(access),
      });
      return this.viewOf(await this.mustFind(manager, row.id, taskId));
    });
  }

  async list(caller: Caller, caseId: string, query: CaseTaskListQuery): Promise<Page<CaseTaskView>> {
    return this.dataSource.transaction(async (manager) => {
      const found = await this.access.requireAccessible(manager, caller, caseId, this.clock.now());
      const rows = await this.tasks.listOfCase(manager, found.row.id, { status: query.status }, query);
      await this.audit.record(manager, caller, caseReadEntry('case_task.read', found));
      return toPage(rows, query, (r) => [r.dueAt.toISOString(), r.id], (r) => this.viewOf(r));
    });
  }

  async get(caller: Caller, caseId: string, taskId: string): Promise<CaseTaskView> {
    return this.dataSource.transaction(async (manager) => {
      const found = await this.access.requireAccessible(manager, caller, caseId, this.clock.now());
      const task = await this.mustFind(manager, found.row.id, taskId);
      await this.audit.record(manager, caller, caseReadEntry('case_task.read', found));
      return this.viewOf(task);
    });
  }

  private async mustFind(manager: EntityManager, caseId: string, taskId: string): Promise<CaseTaskRow> {
    const task = await this.tasks.findInCase(manager, caseId, taskId);
    if (!task) throw taskNotFound();
    return task;
  }

  private viewOf(row: CaseTaskRow): CaseTaskView {
    return { ...row, title: this.cipher.decrypt(row.title, taskTitleBinding(row.id)) };
  }
}
