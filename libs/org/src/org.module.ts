import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { orgEntities } from './entities/index.js';

/** The school's structure: grades, classes, students and guardians, class-teacher assignments. */
@Module({
  imports: [TypeOrmModule.forFeature(orgEntities)],
})
export class OrgModule {}
