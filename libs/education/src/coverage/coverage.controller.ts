import { Controller, Get, Header, Query } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { type Caller, CurrentCaller, Permission, RequirePermission } from '#access';
import { type CoverageMatrix, CoverageQuery } from './coverage.dtos.js';
import { CoverageService } from './coverage.service.js';

@ApiTags('education')
@Controller('education')
export class CoverageController {
  constructor(private readonly coverage: CoverageService) {}

  @Get('coverage')
  @RequirePermission(Permission.EducationRead)
  @ApiOperation({
    operationId: 'getEducationCoverage',
    summary: "Get the topic × class coverage of a period, with each class's missing required topics",
    description: 'Each cell is delivered, planned or missing. Class teachers get the classes they teach, counselors and administrators the school.',
  })
  matrix(@CurrentCaller() caller: Caller, @Query() query: CoverageQuery): Promise<CoverageMatrix> {
    return this.coverage.matrix(caller, query);
  }

  @Get('coverage.csv')
  @RequirePermission(Permission.EducationRead)
  @Header('content-type', 'text/csv; charset=utf-8')
  @Header('content-disposition', 'attachment; filename="education-coverage.csv"')
  @ApiProduces('text/csv')
  @ApiOperation({
    operationId: 'exportEducationCoverageCsv',
    summary: 'Export the coverage matrix as CSV for the report upward',
    description: 'UTF-8 with a byte-order mark, Chinese headers and labels: grade, class, one column per topic, the missing required topics.',
  })
  csv(@CurrentCaller() caller: Caller, @Query() query: CoverageQuery): Promise<string> {
    return this.coverage.csv(caller, query);
  }
}
