import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Clock, ConflictProblem, NotFoundProblem, pickChanges } from '#core';
import type { Caller } from '#access';
import { AuditService } from '#audit';
import type { SchoolView, UpdateSchoolDto } from './school.dto.js';
import { SchoolRepository } from './school.repository.js';

const schoolNotFound = () => new NotFoundProblem('school.not_found', 'The school does not exist');
const versionConflict = () => new ConflictProblem('school.version_conflict', 'The school was changed by someone else; reload it and try again');

@Injectable()
export class SchoolService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly schools: SchoolRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async get(caller: Caller, schoolId: string): Promise<SchoolView> {
    // A staff member belongs to one school: any other id answers as if it did not exist.
    const school = schoolId === caller.schoolId ? await this.schools.findById(caller.schoolId) : null;
    if (!school) throw schoolNotFound();
    return school;
  }

  async update(caller: Caller, schoolId: string, version: number, body: UpdateSchoolDto): Promise<SchoolView> {
    if (schoolId !== caller.schoolId) throw schoolNotFound();
    return this.dataSource.transaction(async (manager) => {
      const current = await this.schools.findById(caller.schoolId, manager);
      if (!current) throw schoolNotFound();
      if (current.version !== version) throw versionConflict();
      const changes = pickChanges(current, { name: body.name, timezone: body.timezone });
      const changedFields = Object.keys(changes);
      if (changedFields.length === 0) return current;
      const now = this.clock.now();
      if (!(await this.schools.updateAtVersion(manager, caller.schoolId, version, changes, now))) throw versionConflict();
      await this.audit.record(manager, caller, { action: 'school.update', entityType: 'school', entityId: caller.schoolId, changedFields });
      return { ...current, ...changes, version: version + 1, updatedAt: now };
    });
  }
}
