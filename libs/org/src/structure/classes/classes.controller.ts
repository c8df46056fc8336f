import { Body, Controller, Get, Headers, Patch, Query, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { API_PREFIX, expectedVersion, type Page, Post, UuidParam } from '#core';
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
  list(@CurrentCaller() caller: Caller, @Query() query: ListClassesQuery): Promise<Page<ClassView>> {
    return this.classes.list(caller, query);
  }

  @Get(':classId')
  @RequirePermission(Permission.ClassRead)
  get(@CurrentCaller() caller: Caller, @UuidParam('classId') classId: string): Promise<ClassView> {
    return this.classes.get(caller, classId);
  }

  @Post()
  @RequirePermission(Permission.ClassManage)
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
  update(
    @CurrentCaller() caller: Caller,
    @UuidParam('classId') classId: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: UpdateClassDto,
  ): Promise<ClassView> {
    return this.classes.update(caller, classId, expectedVersion(ifMatch, body.version), body);
  }
}
