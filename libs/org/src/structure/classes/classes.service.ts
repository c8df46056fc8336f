import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Clock, ConflictProblem, NotFoundProblem, type Page, pickChanges, toPage, validationProblem } from '#core';
import type { Caller } from '#access';
import { AuditService } from '#audit';
import { classScopeOf } from '../class-scope.js';
import { GradeRepository } from '../grades/grade.repository.js';
import { TeacherAssignmentRepository } from '../teacher-assignments/teacher-assignment.repository.js';
import { type ClassRow, ClassRepository } from './class.repository.js';
import type { ClassTeacherView, ClassView, CreateClassDto, ListClassesQuery, UpdateClassDto } from './classes.dto.js';

/** Out of scope answers exactly like a missing id, so nobody learns which classes exist. */
export const classNotFound = () => new NotFoundProblem('class.not_found', 'The class does not exist');
const versionConflict = () => new ConflictProblem('class.version_conflict', 'The class was changed by someone else; reload it and try again');
const unknownGrade = () => validationProblem([{ field: 'gradeId', message: 'is not a grade of this school' }]);

@Injectable()
export class ClassesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly classes: ClassRepository,
    private readonly grades: GradeRepository,
    private readonly assignments: TeacherAssignmentRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async list(caller: Caller, query: ListClassesQuery): Promise<Page<ClassView>> {
    const rows = await this.classes.listInScope(classScopeOf(caller), { gradeIds: query.gradeId }, query);
    const page = toPage(rows, query, (c) => [c.gradeSortOrder, c.gradeName, c.name, c.id]);
    return { items: await this.withTeachers(caller.schoolId, page.items), nextCursor: page.nextCursor };
  }

  async get(caller: Caller, classId: string): Promise<ClassView> {
    const row = await this.classes.findInScope(classScopeOf(caller), classId);
    if (!row) throw classNotFound();
    const [view] = await this.withTeachers(caller.schoolId, [row]);
    return view;
  }

  async create(caller: Caller, body: CreateClassDto): Promise<ClassView> {
    return this.dataSource.transaction(async (manager) => {
      const grade = await this.grades.findInSchool(caller.schoolId, body.gradeId, manager);
      if (!grade) throw unknownGrade();
      const created = await this.classes.insert(manager, caller.schoolId, { gradeId: grade.id, name: body.name });
      await this.audit.record(manager, caller, {
        action: 'class.create',
        entityType: 'class',
        entityId: created.id,
        changedFields: ['gradeId', 'name'],
      });
      return { ...created, gradeId: grade.id, gradeName: grade.name, name: body.name, teachers: [] };
    });
  }

  async update(caller: Caller, classId: string, version: number, body: UpdateClassDto): Promise<ClassView> {
    const updated = await this.dataSource.transaction(async (manager) => {
      const current = await this.classes.findInScope(classScopeOf(caller), classId, manager);
      if (!current) throw classNotFound();
      if (current.version !== version) throw versionConflict();
      const changes = pickChanges(current, { gradeId: body.gradeId, name: body.name });
      const changedFields = Object.keys(changes);
      if (changedFields.length === 0) return current;
      const newGrade = changes.gradeId ? await this.grades.findInSchool(caller.schoolId, changes.gradeId, manager) : null;
      if (changes.gradeId && !newGrade) throw unknownGrade();
      const now = this.clock.now();
      if (!(await this.classes.updateAtVersion(manager, caller.schoolId, classId, version, changes, now))) throw versionConflict();
      await this.audit.record(manager, caller, { action: 'class.update', entityType: 'class', entityId: classId, changedFields });
      const grade = newGrade ? { gradeName: newGrade.name, gradeSortOrder: newGrade.sortOrder } : {};
      return { ...current, ...changes, ...grade, version: version + 1, updatedAt: now };
    });
    const [view] = await this.withTeachers(caller.schoolId, [updated]);
    return view;
  }

  /** Adds each class's current teachers, fetched for the whole page at once. */
  private async withTeachers(schoolId: string, rows: ClassRow[]): Promise<ClassView[]> {
    const teachers = await this.assignments.findCurrentTeachersOfClasses(
      schoolId,
      rows.map((row) => row.id),
    );
    const byClass = new Map<string, ClassTeacherView[]>();
    for (const { classId, userId, displayName } of teachers) {
      byClass.set(classId, [...(byClass.get(classId) ?? []), { userId, displayName }]);
    }
    return rows.map(({ gradeSortOrder: _order, ...row }) => ({ ...row, teachers: byClass.get(row.id) ?? [] }));
  }
}
