import { Body, Controller, Get, Headers, Patch } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiIfMatchHeader, expectedVersion, UuidParam } from '#core';
import { type Caller, CurrentCaller, Permission, RequirePermission } from '#access';
import { type SchoolView, UpdateSchoolDto } from './school.dto.js';
import { SchoolService } from './school.service.js';

@ApiTags('structure')
@Controller('schools')
export class SchoolController {
  constructor(private readonly schools: SchoolService) {}

  @Get(':schoolId')
  @RequirePermission(Permission.SchoolRead)
  @ApiOperation({
    operationId: 'getSchool',
    summary: 'Your school: its name, code and time zone',
    description: 'Only your own school; any other id answers 404.',
  })
  get(@CurrentCaller() caller: Caller, @UuidParam('schoolId') schoolId: string): Promise<SchoolView> {
    return this.schools.get(caller, schoolId);
  }

  @Patch(':schoolId')
  @RequirePermission(Permission.SchoolManage)
  @ApiOperation({
    operationId: 'updateSchool',
    summary: "Rename your school or change the time zone it reads calendar dates in",
    description: 'Audited.',
  })
  @ApiIfMatchHeader()
  update(
    @CurrentCaller() caller: Caller,
    @UuidParam('schoolId') schoolId: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: UpdateSchoolDto,
  ): Promise<SchoolView> {
    return this.schools.update(caller, schoolId, expectedVersion(ifMatch, body.version), body);
  }
}
