import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { orgEntities } from './entities/index.js';
import { StudentsModule } from './students/students.module.js';
import { StructureModule } from './structure/structure.module.js';

/** The school's structure: grades, classes, students and guardians, class-teacher assignments. */
@Module({
  imports: [TypeOrmModule.forFeature(orgEntities), StructureModule, StudentsModule],
})
export class OrgModule {}
