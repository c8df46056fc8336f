import { Body, Controller, Get, Headers, Patch, Query, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { API_PREFIX, expectedVersion, type Page, Post, UuidParam } from '#core';
import { type Caller, CurrentCaller, Permission, RequirePermission } from '#access';
import { CreateStudentDto } from '../dtos/create-student.dto.js';
import { ListStudentsQuery } from '../dtos/list-students.query.js';
import type { StudentDetail, StudentSummary } from '../dtos/student.views.js';
import { UpdateStudentDto } from '../dtos/update-student.dto.js';
import { StudentService } from '../services/student.service.js';

@ApiTags('students')
@Controller('students')
export class StudentsController {
  constructor(private readonly students: StudentService) {}

  @Get()
  @RequirePermission(Permission.StudentRead)
  list(@CurrentCaller() caller: Caller, @Query() query: ListStudentsQuery): Promise<Page<StudentSummary>> {
    return this.students.list(caller, query);
  }

  @Get(':studentId')
  @RequirePermission(Permission.StudentRead)
  detail(@CurrentCaller() caller: Caller, @UuidParam('studentId') studentId: string): Promise<StudentDetail> {
    return this.students.detail(caller, studentId);
  }

  @Post()
  @RequirePermission(Permission.StudentManage)
  async create(
    @CurrentCaller() caller: Caller,
    @Body() body: CreateStudentDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StudentSummary> {
    const student = await this.students.create(caller, body);
    void reply.header('location', `/${API_PREFIX}/students/${student.id}`);
    return student;
  }

  @Patch(':studentId')
  @RequirePermission(Permission.StudentManage)
  update(
    @CurrentCaller() caller: Caller,
    @UuidParam('studentId') studentId: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: UpdateStudentDto,
  ): Promise<StudentSummary> {
    return this.students.update(caller, studentId, expectedVersion(ifMatch, body.version), body);
  }
}
