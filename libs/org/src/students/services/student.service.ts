import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { Page } from '#core';
import type { Caller } from '#access';
import { AuditService } from '#audit';
import type { CreateStudentDto } from '../dtos/create-student.dto.js';
import type { ListStudentsQuery } from '../dtos/list-students.query.js';
import type { StudentDetail, StudentSummary } from '../dtos/student.views.js';
import type { StudentChanges } from '../dtos/update-student.dto.js';
import { GuardianRepository } from '../repositories/guardian.repository.js';
import { SchoolClassLookupRepository } from '../repositories/school-class-lookup.repository.js';
import { StudentRepository } from '../repositories/student.repository.js';
import { duplicateStudentNumber, studentNotFound, studentVersionConflict, unknownClass } from '../rules/student-problems.js';

@Injectable()
export class StudentService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly students: StudentRepository,
    private readonly guardians: GuardianRepository,
    private readonly classes: SchoolClassLookupRepository,
    private readonly audit: AuditService,
  ) {}

  list(caller: Caller, query: ListStudentsQuery): Promise<Page<StudentSummary>> {
    const { limit, cursor, ...filters } = query;
    return this.students.listVisible(caller, filters, { limit, cursor });
  }

  /**
   * The detail names guardians and their phones: it is audited in the transaction that reads it.
   * A refused read (missing, or out of the caller's scope: the same to them) is audited too.
   */
  async detail(caller: Caller, studentId: string): Promise<StudentDetail> {
    const detail = await this.dataSource.transaction(async (manager) => {
      const student = await this.students.findVisibleById(manager, caller, studentId);
      if (!student) return null;
      const guardians = await this.guardians.findAllOfStudent(manager, caller.schoolId, studentId);
      await this.audit.record(manager, caller, { action: 'student.read', entityType: 'student', entityId: studentId, studentId });
      return { ...student, guardians };
    });
    if (detail) return detail;
    await this.audit.recordAlone(caller, { action: 'student.read', outcome: 'not_found', entityType: 'student', entityId: studentId });
    throw studentNotFound();
  }

  create(caller: Caller, values: CreateStudentDto): Promise<StudentSummary> {
    return this.dataSource.transaction(async (manager) => {
      const student = await this.students.insertIntoSchoolClass(manager, caller.schoolId, values);
      if (!student) {
        throw (await this.classes.existsInSchool(manager, caller.schoolId, values.classId)) ? duplicateStudentNumber() : unknownClass();
      }
      await this.audit.record(manager, caller, {
        action: 'student.create',
        entityType: 'student',
        entityId: student.id,
        studentId: student.id,
      });
      return student;
    });
  }

  /**
   * Applies the given fields if the student is still at the version the caller based them on.
   * A change that changes nothing is no write: no new version, no audit entry.
   */
  update(caller: Caller, studentId: string, expectedVersion: number, changes: StudentChanges): Promise<StudentSummary> {
    return this.dataSource.transaction(async (manager) => {
      if (changes.classId !== undefined && !(await this.classes.existsInSchool(manager, caller.schoolId, changes.classId))) {
        throw unknownClass();
      }
      const changedFields = await this.students.updateIfCurrent(manager, caller, studentId, expectedVersion, changes);
      const student = await this.students.findVisibleById(manager, caller, studentId);
      if (!student) throw studentNotFound();
      if (changedFields === null) {
        if (student.version !== expectedVersion) throw studentVersionConflict();
        return student;
      }
      await this.audit.record(manager, caller, {
        action: 'student.update',
        entityType: 'student',
        entityId: studentId,
        studentId,
        changedFields,
      });
      return student;
    });
  }
}
