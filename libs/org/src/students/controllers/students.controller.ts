import { Body, Controller, Get, Headers, Patch, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { API_PREFIX, ApiIfMatchHeader, expectedVersion, type Page, Post, UuidParam } from '#core';
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
  @ApiOperation({
    operationId: 'listStudents',
    summary: 'Students by student number, filtered by class, grade, status or the start of a name',
    description: 'A class teacher sees the students of the classes they teach now; counselors and administrators the whole school.',
  })
  list(@CurrentCaller() caller: Caller, @Query() query: ListStudentsQuery): Promise<Page<StudentSummary>> {
    return this.students.list(caller, query);
  }

  @Get(':studentId')
  @RequirePermission(Permission.StudentRead)
  @ApiOperation({
    operationId: 'getStudent',
    summary: 'One student with their guardians and phone numbers',
    description: 'The read is audited, and so is a refused one; a student out of your reach answers 404, like a missing one.',
  })
  detail(@CurrentCaller() caller: Caller, @UuidParam('studentId') studentId: string): Promise<StudentDetail> {
    return this.students.detail(caller, studentId);
  }

  @Post()
  @RequirePermission(Permission.StudentManage)
  @ApiOperation({
    operationId: 'createStudent',
    summary: 'Enrol a student in a class of the school',
    description: 'Student numbers are unique within a school. Audited.',
  })
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
  @ApiOperation({
    operationId: 'updateStudent',
    summary: "Change a student's name, gender, date of birth, class or status",
    description: 'A change that changes nothing keeps the version and writes no audit entry.',
  })
  @ApiIfMatchHeader()
  update(
    @CurrentCaller() caller: Caller,
    @UuidParam('studentId') studentId: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: UpdateStudentDto,
  ): Promise<StudentSummary> {
    return this.students.update(caller, studentId, expectedVersion(ifMatch, body.version), body);
  }
}
