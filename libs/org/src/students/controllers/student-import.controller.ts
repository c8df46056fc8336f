import { Controller, HttpCode } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type Caller, CurrentCaller, Permission, RequirePermission } from '#access';
import { IMPORT_COLUMNS } from '../import/import-file.js';
import { StudentImportService, type StudentImportSummary } from '../services/student-import.service.js';
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
    operationId: 'importStudentsCsv',
    summary: 'Create or update students and their primary guardians from a CSV file, all rows or none',
    description:
      'Rows are matched by student number. Errors answer 400 `student_import.invalid` listing every row and column, ' +
      'and change nothing. Each student created or changed gets one audit entry.',
  })
  @ApiConsumes('text/csv')
  @ApiBody({
    schema: { type: 'string' },
    description:
      `UTF-8 CSV with a header row: ${IMPORT_COLUMNS.join(',')}. gender, status and the guardian columns are optional; ` +
      'grade and class name existing ones of the school.',
  })
  importCsv(@CurrentCaller() caller: Caller, @CsvBody() csv: string): Promise<StudentImportSummary> {
    return this.imports.importCsv(caller, csv);
  }
}
