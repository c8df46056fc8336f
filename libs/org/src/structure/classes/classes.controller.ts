import { Body, Controller, Get, Headers, Patch, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { API_PREFIX, ApiIfMatchHeader, expectedVersion, type Page, Post, UuidParam } from '#core';
import { type Caller, CurrentCaller, Permission, RequirePermission } from '#access';
import { type ClassView, CreateClassDto, ListClassesQuery, UpdateClassDto } from './classes.dto.js';
import { ClassesService } from './classes.service.js';

/** Class teachers see the classes they teach now; counselors and administrators the whole school. */
@ApiTags('structure')
@Controller('classes')
export class ClassesController {
  constructor(private readonly classes: ClassesService) {}

  @Get()
  @RequirePermission(Permission.ClassRead)
  @ApiOperation({
    operationId: 'listClasses',
    summary: 'Classes with their current teachers, by grade, then name',
    description: 'A class teacher sees the classes they teach now; counselors and administrators the whole school.',
  })
  list(@CurrentCaller() caller: Caller, @Query() query: ListClassesQuery): Promise<Page<ClassView>> {
    return this.classes.list(caller, query);
  }

  @Get(':classId')
  @RequirePermission(Permission.ClassRead)
  @ApiOperation({
    operationId: 'getClass',
    summary: 'One class with its current teachers',
    description: 'A class out of your reach answers 404, like a missing one.',
  })
  get(@CurrentCaller() caller: Caller, @UuidParam('classId') classId: string): Promise<ClassView> {
    return this.classes.get(caller, classId);
  }

  @Post()
  @RequirePermission(Permission.ClassManage)
  @ApiOperation({ operationId: 'createClass', summary: 'Add a class to a grade of the school', description: 'Class names are unique within a grade. Audited.' })
  async create(
    @CurrentCaller() caller: Caller,
    @Body() body: CreateClassDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ClassView> {
    const created = await this.classes.create(caller, body);
    void reply.header('location', `/${API_PREFIX}/classes/${created.id}`);
    return created;
  }

  @Patch(':classId')
  @RequirePermission(Permission.ClassManage)
  @ApiOperation({ operationId: 'updateClass', summary: 'Rename a class or move it to another grade', description: 'Audited.' })
  @ApiIfMatchHeader()
  update(
    @CurrentCaller() caller: Caller,
    @UuidParam('classId') classId: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: UpdateClassDto,
  ): Promise<ClassView> {
    return this.classes.update(caller, classId, expectedVersion(ifMatch, body.version), body);
  }
}
