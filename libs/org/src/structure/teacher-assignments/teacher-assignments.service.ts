import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Clock, ConflictProblem, NotFoundProblem, type Page, type PageQuery, toPage, validationProblem } from '#core';
import type { Caller } from '#access';
import { type AuditEntry, AuditService } from '#audit';
import { classScopeOf } from '../class-scope.js';
import { ClassRepository } from '../classes/class.repository.js';
import { classNotFound } from '../classes/classes.service.js';
import { TeacherAssignmentRepository } from './teacher-assignment.repository.js';
import type { AssignClassTeacherDto, TeacherAssignmentView } from './teacher-assignments.dto.js';

const assignmentNotFound = () => new NotFoundProblem('class_assignment.not_found', 'The assignment does not exist');

const auditEntry = (action: 'create' | 'end', assignmentId: string): AuditEntry => ({
  action: `class_assignment.${action}`,
  entityType: 'class_assignment',
  entityId: assignmentId,
  changedFields: action === 'create' ? ['classId', 'userId', 'startedAt'] : ['endedAt'],
});

/** Who teaches a class, with history: assignments are ended, never deleted. */
@Injectable()
export class TeacherAssignmentsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly classes: ClassRepository,
    private readonly assignments: TeacherAssignmentRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async list(caller: Caller, classId: string, page: PageQuery): Promise<Page<TeacherAssignmentView>> {
    await this.requireClassInScope(caller, classId);
    const rows = await this.assignments.listForClass(caller.schoolId, classId, page);
    return toPage(rows, page, (a) => [a.startedAt.toISOString(), a.id]);
  }

  async get(caller: Caller, classId: string, assignmentId: string): Promise<TeacherAssignmentView> {
    await this.requireClassInScope(caller, classId);
    const assignment = await this.assignments.findInClass(caller.schoolId, classId, assignmentId);
    if (!assignment) throw assignmentNotFound();
    return assignment;
  }

  /**
   * Makes `userId` a current teacher of the class; with `replaceCurrent`, the class's other
   * current assignments end in the same transaction. A teacher already current answers 409
   * (and nothing is ended).
   */
  assign(caller: Caller, classId: string, body: AssignClassTeacherDto): Promise<TeacherAssignmentView> {
    return this.dataSource.transaction(async (manager) => {
      if (!(await this.classes.lockInSchool(manager, caller.schoolId, classId))) throw classNotFound();
      const now = this.clock.now();
      const ended = body.replaceCurrent
        ? await this.assignments.endCurrentOfClassExcept(manager, caller.schoolId, classId, body.userId, now)
        : [];
      const assignmentId = await this.assignments.insertForActiveClassTeacher(manager, {
        schoolId: caller.schoolId,
        classId,
        userId: body.userId,
        startedAt: now,
        assignedBy: caller.userId,
      });
      if (!assignmentId) throw validationProblem([{ field: 'userId', message: 'is not an active class teacher of this school' }]);
      await this.audit.recordMany(manager, caller, [...ended.map((id) => auditEntry('end', id)), auditEntry('create', assignmentId)]);
      return (await this.assignments.findInClass(caller.schoolId, classId, assignmentId, manager)) as TeacherAssignmentView;
    });
  }

  end(caller: Caller, classId: string, assignmentId: string): Promise<TeacherAssignmentView> {
    return this.dataSource.transaction(async (manager) => {
      if (!(await this.assignments.endIfCurrent(manager, caller.schoolId, classId, assignmentId, this.clock.now()))) {
        const existing = await this.assignments.findInClass(caller.schoolId, classId, assignmentId, manager);
        if (!existing) throw assignmentNotFound();
        throw new ConflictProblem('class_assignment.already_ended', 'The assignment has already ended');
      }
      await this.audit.record(manager, caller, auditEntry('end', assignmentId));
      return (await this.assignments.findInClass(caller.schoolId, classId, assignmentId, manager)) as TeacherAssignmentView;
    });
  }

  private async requireClassInScope(caller: Caller, classId: string): Promise<void> {
    if (!(await this.classes.findInScope(classScopeOf(caller), classId))) throw classNotFound();
  }
}
