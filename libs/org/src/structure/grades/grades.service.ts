import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Clock, ConflictProblem, NotFoundProblem, type Page, type PageQuery, pickChanges, toPage } from '#core';
import type { Caller } from '#access';
import { AuditService } from '#audit';
import { GradeRepository } from './grade.repository.js';
import type { CreateGradeDto, GradeView, UpdateGradeDto } from './grades.dto.js';

const gradeNotFound = () => new NotFoundProblem('grade.not_found', 'The grade does not exist');
const versionConflict = () => new ConflictProblem('grade.version_conflict', 'The grade was changed by someone else; reload it and try again');

@Injectable()
export class GradesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly grades: GradeRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async list(caller: Caller, page: PageQuery): Promise<Page<GradeView>> {
    const rows = await this.grades.listForSchool(caller.schoolId, page);
    return toPage(rows, page, (g) => [g.sortOrder, g.name, g.id]);
  }

  async get(caller: Caller, gradeId: string): Promise<GradeView> {
    const grade = await this.grades.findInSchool(caller.schoolId, gradeId);
    if (!grade) throw gradeNotFound();
    return grade;
  }

  create(caller: Caller, body: CreateGradeDto): Promise<GradeView> {
    return this.dataSource.transaction(async (manager) => {
      const grade = await this.grades.insert(manager, caller.schoolId, { name: body.name, sortOrder: body.sortOrder ?? 0 });
      await this.audit.record(manager, caller, {
        action: 'grade.create',
        entityType: 'grade',
        entityId: grade.id,
        changedFields: ['name', 'sortOrder'],
      });
      return grade;
    });
  }

  update(caller: Caller, gradeId: string, version: number, body: UpdateGradeDto): Promise<GradeView> {
    return this.dataSource.transaction(async (manager) => {
      const current = await this.grades.findInSchool(caller.schoolId, gradeId, manager);
      if (!current) throw gradeNotFound();
      if (current.version !== version) throw versionConflict();
      const changes = pickChanges(current, { name: body.name, sortOrder: body.sortOrder });
      const changedFields = Object.keys(changes);
      if (changedFields.length === 0) return current;
      const now = this.clock.now();
      if (!(await this.grades.updateAtVersion(manager, caller.schoolId, gradeId, version, changes, now))) throw versionConflict();
      await this.audit.record(manager, caller, { action: 'grade.update', entityType: 'grade', entityId: gradeId, changedFields });
      return { ...current, ...changes, version: version + 1, updatedAt: now };
    });
  }
}
