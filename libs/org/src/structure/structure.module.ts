import { Module } from '@nestjs/common';
import { ClassRepository } from './classes/class.repository.js';
import { ClassesController } from './classes/classes.controller.js';
import { ClassesService } from './classes/classes.service.js';
import { GradeRepository } from './grades/grade.repository.js';
import { GradesController } from './grades/grades.controller.js';
import { GradesService } from './grades/grades.service.js';
import { SchoolController } from './schools/school.controller.js';
import { SchoolRepository } from './schools/school.repository.js';
import { SchoolService } from './schools/school.service.js';
import { TeacherAssignmentRepository } from './teacher-assignments/teacher-assignment.repository.js';
import { TeacherAssignmentsController } from './teacher-assignments/teacher-assignments.controller.js';
import { TeacherAssignmentsService } from './teacher-assignments/teacher-assignments.service.js';

/** The school, its grades and classes, and who teaches each class. */
@Module({
  controllers: [SchoolController, GradesController, ClassesController, TeacherAssignmentsController],
  providers: [
    SchoolRepository,
    SchoolService,
    GradeRepository,
    GradesService,
    ClassRepository,
    ClassesService,
    TeacherAssignmentRepository,
    TeacherAssignmentsService,
  ],
})
export class StructureModule {}
