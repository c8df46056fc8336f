import { Controller, HttpCode } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type Caller, CurrentCaller, Permission, RequirePermission } from '#access';
import { IMPORT_COLUMNS } from '../import/import-file.js';
import { type ImportSummary, StudentImportService } from '../services/student-import.service.js';
import { CsvBody } from './csv-body.decorator.js';
import { Post } from '#core';

@ApiTags('students')
@Controller('students')
export class StudentImportController {
  constructor(private readonly imports: StudentImportService) {}

  @Post('import')
  @RequirePermission(Permission.StudentImport)
  @HttpCode(200)
  @ApiOperation({
    summary: 'Create or update students (and their primary guardian) from a CSV file, all rows or none',
    description:
      `UTF-8 CSV with a header row: ${IMPORT_COLUMNS.join(',')}. gender, status and the guardian columns are optional. ` +
      'Rows are matched by student number. Errors answer 400 `student_import.invalid` listing every row and column.',
  })
  @ApiConsumes('text/csv')
  @ApiBody({ schema: { type: 'string' } })
  importCsv(@CurrentCaller() caller: Caller, @CsvBody() csv: string): Promise<ImportSummary> {
    return this.imports.importCsv(caller, csv);
  }
}
