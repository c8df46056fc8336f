import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { Page, PageQuery } from '#core';
import type { Caller } from '#access';
import { type AuditEntry, AuditService } from '#audit';
import type { CreateGuardianDto } from '../dtos/create-guardian.dto.js';
import type { GuardianView } from '../dtos/student.views.js';
import type { GuardianChanges } from '../dtos/update-guardian.dto.js';
import { GuardianRepository } from '../repositories/guardian.repository.js';
import { StudentRepository } from '../repositories/student.repository.js';
import { guardianNotFound, guardianVersionConflict, studentNotFound } from '../rules/student-problems.js';

/**
 * A student's guardians: contact data, not records of care, so they may be deleted. Every
 * route first finds the student through the caller's scope; writes lock it, so that concurrent
 * changes of the primary guardian take turns. "One primary guardian per student" itself is a
 * partial unique index (guardians_one_primary_key): a new primary demotes the old one first.
 */
@Injectable()
export class GuardianService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly students: StudentRepository,
    private readonly guardians: GuardianRepository,
    private readonly audit: AuditService,
  ) {}

  /** Phone numbers of a child's family: the read is audited like the student detail. */
  list(caller: Caller, studentId: string, page: PageQuery): Promise<Page<GuardianView>> {
    return this.dataSource.transaction(async (manager) => {
      if (!(await this.students.findVisibleById(manager, caller, studentId))) throw studentNotFound();
      const guardians = await this.guardians.listOfStudent(manager, caller.schoolId, studentId, page);
      await this.audit.record(manager, caller, { action: 'guardian.read', entityType: 'student', entityId: studentId, studentId });
      return guardians;
    });
  }

  add(caller: Caller, studentId: string, values: CreateGuardianDto): Promise<GuardianView> {
    return this.dataSource.transaction(async (manager) => {
      await this.lockStudent(manager, caller, studentId);
      const demoted = values.isPrimary ? await this.guardians.clearOtherPrimaries(manager, caller.schoolId, studentId, null) : [];
      const guardian = await this.guardians.insertForStudent(manager, caller.schoolId, studentId, values);
      await this.audit.recordMany(manager, caller, [
        { action: 'guardian.create', entityType: 'guardian', entityId: guardian.id, studentId },
        ...demotedEntries(demoted, studentId),
      ]);
      return guardian;
    });
  }

  update(caller: Caller, studentId: string, guardianId: string, expectedVersion: number, changes: GuardianChanges): Promise<GuardianView> {
    return this.dataSource.transaction(async (manager) => {
      await this.lockStudent(manager, caller, studentId);
      // Demoted first (the unique index allows no moment with two); undone with the rest if the update fails.
      const demoted = changes.isPrimary ? await this.guardians.clearOtherPrimaries(manager, caller.schoolId, studentId, guardianId) : [];
      const target = { schoolId: caller.schoolId, studentId, guardianId };
      const changedFields = await this.guardians.updateIfCurrent(manager, target, expectedVersion, changes);
      const guardian = await this.guardians.findOfStudent(manager, caller.schoolId, studentId, guardianId);
      if (!guardian) throw guardianNotFound();
      if (changedFields === null) {
        if (guardian.version !== expectedVersion) throw guardianVersionConflict();
        return guardian;
      }
      await this.audit.recordMany(manager, caller, [
        { action: 'guardian.update', entityType: 'guardian', entityId: guardianId, studentId, changedFields },
        ...demotedEntries(demoted, studentId),
      ]);
      return guardian;
    });
  }

  remove(caller: Caller, studentId: string, guardianId: string): Promise<void> {
    return this.dataSource.transaction(async (manager) => {
      await this.lockStudent(manager, caller, studentId);
      if (!(await this.guardians.deleteOfStudent(manager, caller.schoolId, studentId, guardianId))) throw guardianNotFound();
      await this.audit.record(manager, caller, { action: 'guardian.delete', entityType: 'guardian', entityId: guardianId, studentId });
    });
  }

  private async lockStudent(manager: EntityManager, caller: Caller, studentId: string): Promise<void> {
    if (!(await this.students.lockVisibleById(manager, caller, studentId))) throw studentNotFound();
  }
}

function demotedEntries(guardianIds: string[], studentId: string): AuditEntry[] {
  return guardianIds.map((id) => ({ action: 'guardian.update', entityType: 'guardian', entityId: id, studentId, changedFields: ['isPrimary'] }));
}
