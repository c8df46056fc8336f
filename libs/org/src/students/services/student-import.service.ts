import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { Clock } from '#core';
import type { Caller } from '#access';
import { type AuditEntry, AuditService } from '#audit';
import { classKey, classNamesUsed, type ImportFile, readImportFile } from '../import/import-file.js';
import { type ImportRow, readImportRows } from '../import/import-rows.js';
import { SchoolClassLookupRepository } from '../repositories/school-class-lookup.repository.js';
import { type ImportedGuardian, type ImportedStudent, StudentImportRepository } from '../repositories/student-import.repository.js';
import { importInvalid } from '../rules/student-problems.js';

/** How many students a CSV import created, changed, and found as they were. */
export interface StudentImportSummary {
  created: number;
  updated: number;
  unchanged: number;
}

/** What the audit trail names for a student the import created. */
const FIELDS_OF_NEW_STUDENT = ['studentNumber', 'name', 'gender', 'dateOfBirth', 'classId', 'status'];

/**
 * Imports a school's student list from CSV: all rows or none. Every row is checked first and
 * every error reported; then students are upserted by student number, their primary guardians
 * with them, and each created or changed student gets one audit entry, all in one transaction.
 */
@Injectable()
export class StudentImportService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly imports: StudentImportRepository,
    private readonly classes: SchoolClassLookupRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async importCsv(caller: Caller, text: string): Promise<StudentImportSummary> {
    const file = readImportFile(text);
    if (Array.isArray(file)) throw importInvalid(file);
    return this.dataSource.transaction(async (manager) => {
      const rows = await this.checkedRows(manager, caller.schoolId, file);
      await this.imports.lockForImport(manager, caller.schoolId, rows.map((row) => row.studentNumber));
      const students = await this.imports.upsertStudents(
        manager,
        caller.schoolId,
        rows.map(({ studentNumber, name, gender, dateOfBirth, classId, status }) => ({ studentNumber, name, gender, dateOfBirth, classId, status })),
      );
      const guardians = await this.imports.upsertPrimaryGuardians(
        manager,
        caller.schoolId,
        rows.flatMap((row) => (row.guardian ? [{ studentNumber: row.studentNumber, ...row.guardian }] : [])),
      );
      const entries = auditEntriesOf(students, guardians);
      await this.audit.recordMany(manager, caller, entries);
      const created = students.filter((student) => student.created).length;
      return { created, updated: entries.length - created, unchanged: rows.length - entries.length };
    });
  }

  private async checkedRows(manager: EntityManager, schoolId: string, file: ImportFile): Promise<ImportRow[]> {
    const classes = await this.classes.findByNames(manager, schoolId, classNamesUsed(file));
    const classIds = new Map(classes.map((found) => [classKey(found), found.classId]));
    const { rows, errors } = readImportRows(file, { now: this.clock.now(), classIdOf: (names) => classIds.get(classKey(names)) });
    if (errors.length) throw importInvalid(errors);
    return rows;
  }
}

/** One `student.import` entry per student created or changed (its guardian included), in student-number order. */
function auditEntriesOf(students: ImportedStudent[], guardians: ImportedGuardian[]): AuditEntry[] {
  const changes = new Map<string, { studentId: string; created: boolean; changedFields: string[] }>();
  for (const student of students) {
    changes.set(student.studentNumber, {
      studentId: student.id,
      created: student.created,
      changedFields: student.created ? [...FIELDS_OF_NEW_STUDENT] : student.changedFields,
    });
  }
  for (const guardian of guardians) {
    const change = changes.get(guardian.studentNumber);
    if (change) change.changedFields.push(...guardian.changedFields);
    else changes.set(guardian.studentNumber, { studentId: guardian.studentId, created: false, changedFields: guardian.changedFields });
  }
  return [...changes.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, change]) => ({
      action: 'student.import',
      entityType: 'student',
      entityId: change.studentId,
      studentId: change.studentId,
      reason: change.created ? 'created' : 'updated',
      changedFields: change.changedFields,
    }));
}
