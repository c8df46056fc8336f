import { Body, Controller, Get, HttpCode, Query, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
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
  list(@CurrentCaller() caller: Caller, @UuidParam('classId') classId: string, @Query() query: PageQuery): Promise<Page<TeacherAssignmentView>> {
    return this.assignments.list(caller, classId, query);
  }

  @Get(':assignmentId')
  @RequirePermission(Permission.ClassRead)
  get(
    @CurrentCaller() caller: Caller,
    @UuidParam('classId') classId: string,
    @UuidParam('assignmentId') assignmentId: string,
  ): Promise<TeacherAssignmentView> {
    return this.assignments.get(caller, classId, assignmentId);
  }

  @Post()
  @RequirePermission(Permission.ClassManage)
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
  end(
    @CurrentCaller() caller: Caller,
    @UuidParam('classId') classId: string,
    @UuidParam('assignmentId') assignmentId: string,
  ): Promise<TeacherAssignmentView> {
    return this.assignments.end(caller, classId, assignmentId);
  }
}
