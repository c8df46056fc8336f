import { Body, Controller, Get, HttpCode, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { API_PREFIX, type Page, PageQuery, Post, UuidParam } from '#core';
import { type Caller, CurrentCaller, Permission, RequirePermission } from '#access';
import { AssignClassTeacherDto, type TeacherAssignmentView } from './teacher-assignments.dto.js';
import { TeacherAssignmentsService } from './teacher-assignments.service.js';

/** Readable by whoever may see the class; changed only by those who manage classes. */
@ApiTags('structure')
@Controller('classes/:classId/teacher-assignments')
export class TeacherAssignmentsController {
  constructor(private readonly assignments: TeacherAssignmentsService) {}

  @Get()
  @RequirePermission(Permission.ClassRead)
  @ApiOperation({ operationId: 'listClassTeacherAssignments', summary: "A class's teacher assignments, current and ended, newest first" })
  list(@CurrentCaller() caller: Caller, @UuidParam('classId') classId: string, @Query() query: PageQuery): Promise<Page<TeacherAssignmentView>> {
    return this.assignments.list(caller, classId, query);
  }

  @Get(':assignmentId')
  @RequirePermission(Permission.ClassRead)
  @ApiOperation({ operationId: 'getClassTeacherAssignment', summary: 'One teacher assignment of a class' })
  get(
    @CurrentCaller() caller: Caller,
    @UuidParam('classId') classId: string,
    @UuidParam('assignmentId') assignmentId: string,
  ): Promise<TeacherAssignmentView> {
    return this.assignments.get(caller, classId, assignmentId);
  }

  @Post()
  @RequirePermission(Permission.ClassManage)
  @ApiOperation({
    operationId: 'assignClassTeacher',
    summary: 'Make an active class teacher a current teacher of the class',
    description: "With `replaceCurrent`, the class's other current assignments end in the same step. Audited.",
  })
  async assign(
    @CurrentCaller() caller: Caller,
    @UuidParam('classId') classId: string,
    @Body() body: AssignClassTeacherDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<TeacherAssignmentView> {
    const assignment = await this.assignments.assign(caller, classId, body);
    void reply.header('location', `/${API_PREFIX}/classes/${classId}/teacher-assignments/${assignment.id}`);
    return assignment;
  }

  @Post(':assignmentId/end')
  @RequirePermission(Permission.ClassManage)
  @HttpCode(200)
  @ApiOperation({
    operationId: 'endClassTeacherAssignment',
    summary: 'End a teacher assignment: the teacher no longer sees the class',
    description: 'Assignments are ended, never deleted, so the history stays. Audited.',
  })
  end(
    @CurrentCaller() caller: Caller,
    @UuidParam('classId') classId: string,
    @UuidParam('assignmentId') assignmentId: string,
  ): Promise<TeacherAssignmentView> {
    return this.assignments.end(caller, classId, assignmentId);
  }
}
