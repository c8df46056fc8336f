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
  @ApiOperation({ summary: 'Topic x class matrix of delivered / planned / missing, and each class\'s missing required topics' })
  matrix(@CurrentCaller() caller: Caller, @Query() query: CoverageQuery): Promise<CoverageMatrix> {
    return this.coverage.matrix(caller, query);
  }

  @Get('coverage.csv')
  @RequirePermission(Permission.EducationRead)
  @Header('content-type', 'text/csv; charset=utf-8')
  @Header('content-disposition', 'attachment; filename="education-coverage.csv"')
  @ApiProduces('text/csv')
  @ApiOperation({ summary: 'The coverage matrix as CSV (UTF-8 with BOM) for the report upward' })
  csv(@CurrentCaller() caller: Caller, @Query() query: CoverageQuery): Promise<string> {
    return this.coverage.csv(caller, query);
  }
}
