import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { ConflictProblem, NotFoundProblem, validationProblem } from '#core';
import type { Caller } from '#access';
import { CaseRepository } from '../case.repository.js';
import type { OpenCaseDto } from '../dtos/case.dtos.js';
import { CaseOpeningService } from './case-opening.service.js';

/**
 * A counselor opening a case by hand (201; 409 `case.already_open` naming the open case when the
 * student has one), or from a signal they cite (201, or 200 with the open case it was attached to).
 */
@Injectable()
export class CaseOpeningHttpService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly cases: CaseRepository,
    private readonly opening: CaseOpeningService,
  ) {}

  async open(caller: Caller, dto: OpenCaseDto): Promise<{ caseId: string; opened: boolean }> {
    return this.dataSource.transaction(async (manager) => {
      if (!(await this.cases.studentInSchool(manager, caller.schoolId, dto.studentId))) {
        throw new NotFoundProblem('student.not_found', 'No such student');
      }
      const ownerId = dto.ownerId ?? caller.userId;
      if (!(await this.cases.isCounselorOfSchool(manager, caller.schoolId, ownerId))) {
        throw validationProblem([{ field: 'ownerId', message: 'must be an active counselor of the school' }]);
      }
      const source = dto.sourceType && dto.sourceId ? { type: dto.sourceType, id: dto.sourceId } : null;
      if (source && (await this.cases.studentOfSignal(manager, caller.schoolId, source.type, source.id)) !== dto.studentId) {
        throw validationProblem([{ field: 'sourceId', message: `must be a ${source.type} of this student` }]);
      }
      const result = await this.opening.openOrAttach(manager, caller, {
        schoolId: caller.schoolId,
        studentId: dto.studentId,
        riskLevel: dto.riskLevel,
        ownerId,
        source,
        reason: dto.reason,
      });
      // The unique index decided, not an earlier read: a second opening without a signal to attach
      // is refused however close it came to the first (the transaction rolls back, nothing changes).
      if (!result.opened && !source) throw new ConflictProblem('case.already_open', 'The student already has an open case', { caseId: result.caseId });
      return result;
    });
  }
}
