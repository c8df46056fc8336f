import { ClassTeacherAssignment } from './class-teacher-assignment.entity.js';
import { Grade } from './grade.entity.js';
import { Guardian } from './guardian.entity.js';
import { SchoolClass } from './school-class.entity.js';
import { School } from './school.entity.js';
import { Student } from './student.entity.js';

export { ClassTeacherAssignment, Grade, Guardian, School, SchoolClass, Student };
export * from './student.entity.js';
export * from './guardian.entity.js';

export const orgEntities = [School, Grade, SchoolClass, Student, Guardian, ClassTeacherAssignment];
