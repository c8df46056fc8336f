import { Module } from '@nestjs/common';
import { GuardiansController } from './controllers/guardians.controller.js';
import { StudentImportController } from './controllers/student-import.controller.js';
import { StudentsController } from './controllers/students.controller.js';
import { GuardianRepository } from './repositories/guardian.repository.js';
import { SchoolClassLookupRepository } from './repositories/school-class-lookup.repository.js';
import { StudentImportRepository } from './repositories/student-import.repository.js';
import { StudentRepository } from './repositories/student.repository.js';
import { GuardianService } from './services/guardian.service.js';
import { StudentImportService } from './services/student-import.service.js';
import { StudentService } from './services/student.service.js';

/** Students and their guardians: reads within the caller's scope, audited writes, CSV import. */
@Module({
  controllers: [StudentImportController, StudentsController, GuardiansController],
  providers: [
    StudentRepository,
    GuardianRepository,
    SchoolClassLookupRepository,
    StudentImportRepository,
    StudentService,
    GuardianService,
    StudentImportService,
  ],
  exports: [StudentRepository],
})
export class StudentsModule {}
