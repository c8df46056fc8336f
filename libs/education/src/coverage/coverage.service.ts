import { Injectable } from '@nestjs/common';
import { validationProblem } from '#core';
import type { Caller } from '#access';
import { classScopeOf } from '#org';
import { addDays } from '../shared/calendar-date.js';
import { coverageCsv } from './coverage-csv.js';
import { coverageMatrix } from './coverage-matrix.js';
import type { CoverageMatrix, CoverageQuery } from './coverage.dtos.js';
import { CoverageRepository } from './coverage.repository.js';

/** Which topics each class was taught (or will be) in a period: the caller's classes, or the school. */
@Injectable()
export class CoverageService {
  constructor(private readonly coverage: CoverageRepository) {}

  async matrix(caller: Caller, query: CoverageQuery): Promise<CoverageMatrix> {
    if (query.to < query.from) throw validationProblem([{ field: 'to', message: 'must not be before from' }]);
    const rows = await this.coverage.cells(classScopeOf(caller), { from: query.from, until: addDays(query.to, 1) });
    return coverageMatrix(query, rows);
  }

  async csv(caller: Caller, query: CoverageQuery): Promise<string> {
    return coverageCsv(await this.matrix(caller, query));
  }
}
