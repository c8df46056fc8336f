import { Body, Controller, Get, Headers, Patch, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { API_PREFIX, ApiIfMatchHeader, expectedVersion, type Page, PageQuery, Post, UuidParam } from '#core';
import { type Caller, CurrentCaller, Permission, RequirePermission } from '#access';
import { CreateGradeDto, type GradeView, UpdateGradeDto } from './grades.dto.js';
import { GradesService } from './grades.service.js';

@ApiTags('structure')
@Controller('grades')
export class GradesController {
  constructor(private readonly grades: GradesService) {}

  @Get()
  @RequirePermission(Permission.ClassRead)
  @ApiOperation({ operationId: 'listGrades', summary: "The school's grades, by sort order, then name" })
  list(@CurrentCaller() caller: Caller, @Query() query: PageQuery): Promise<Page<GradeView>> {
    return this.grades.list(caller, query);
  }

  @Get(':gradeId')
  @RequirePermission(Permission.ClassRead)
  @ApiOperation({ operationId: 'getGrade', summary: 'One grade of the school' })
  get(@CurrentCaller() caller: Caller, @UuidParam('gradeId') gradeId: string): Promise<GradeView> {
    return this.grades.get(caller, gradeId);
  }

  @Post()
  @RequirePermission(Permission.ClassManage)
  @ApiOperation({ operationId: 'createGrade', summary: 'Add a grade to the school', description: 'Grade names are unique within a school. Audited.' })
  async create(
    @CurrentCaller() caller: Caller,
    @Body() body: CreateGradeDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<GradeView> {
    const grade = await this.grades.create(caller, body);
    void reply.header('location', `/${API_PREFIX}/grades/${grade.id}`);
    return grade;
  }

  @Patch(':gradeId')
  @RequirePermission(Permission.ClassManage)
  @ApiOperation({ operationId: 'updateGrade', summary: 'Rename a grade or change its place in lists', description: 'Audited.' })
  @ApiIfMatchHeader()
  update(
    @CurrentCaller() caller: Caller,
    @UuidParam('gradeId') gradeId: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: UpdateGradeDto,
  ): Promise<GradeView> {
    return this.grades.update(caller, gradeId, expectedVersion(ifMatch, body.version), body);
  }
}
