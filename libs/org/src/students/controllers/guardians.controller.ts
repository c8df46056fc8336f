import { Body, Controller, Delete, Get, Headers, HttpCode, Patch, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { API_PREFIX, ApiIfMatchHeader, expectedVersion, type Page, PageQuery, Post, UuidParam } from '#core';
import { type Caller, CurrentCaller, Permission, RequirePermission } from '#access';
import { CreateGuardianDto } from '../dtos/create-guardian.dto.js';
import type { GuardianView } from '../dtos/student.views.js';
import { UpdateGuardianDto } from '../dtos/update-guardian.dto.js';
import { GuardianService } from '../services/guardian.service.js';

@ApiTags('students')
@Controller('students/:studentId/guardians')
export class GuardiansController {
  constructor(private readonly guardians: GuardianService) {}

  @Get()
  @RequirePermission(Permission.GuardianRead)
  @ApiOperation({
    operationId: 'listGuardians',
    summary: "A student's guardians with their phone numbers, in the order they were added",
    description: 'The read is audited like the student detail.',
  })
  list(@CurrentCaller() caller: Caller, @UuidParam('studentId') studentId: string, @Query() page: PageQuery): Promise<Page<GuardianView>> {
    return this.guardians.list(caller, studentId, page);
  }

  @Post()
  @RequirePermission(Permission.GuardianManage)
  @ApiOperation({
    operationId: 'createGuardian',
    summary: 'Add a guardian to a student',
    description: 'A new primary guardian makes the previous one not primary. Audited.',
  })
  async add(
    @CurrentCaller() caller: Caller,
    @UuidParam('studentId') studentId: string,
    @Body() body: CreateGuardianDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<GuardianView> {
    const guardian = await this.guardians.add(caller, studentId, body);
    void reply.header('location', `/${API_PREFIX}/students/${studentId}/guardians/${guardian.id}`);
    return guardian;
  }

  @Patch(':guardianId')
  @RequirePermission(Permission.GuardianManage)
  @ApiOperation({
    operationId: 'updateGuardian',
    summary: "Change a guardian's name, relation, phone number or whether they are called first",
    description: 'Making a guardian primary makes the others not primary. Audited.',
  })
  @ApiIfMatchHeader()
  update(
    @CurrentCaller() caller: Caller,
    @UuidParam('studentId') studentId: string,
    @UuidParam('guardianId') guardianId: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: UpdateGuardianDto,
  ): Promise<GuardianView> {
    return this.guardians.update(caller, studentId, guardianId, expectedVersion(ifMatch, body.version), body);
  }

  @Delete(':guardianId')
  @RequirePermission(Permission.GuardianManage)
  @HttpCode(204)
  @ApiOperation({
    operationId: 'deleteGuardian',
    summary: 'Remove a guardian from a student',
    description: 'Guardians are contact data, not records of care, so they are deleted. Audited.',
  })
  async remove(
    @CurrentCaller() caller: Caller,
    @UuidParam('studentId') studentId: string,
    @UuidParam('guardianId') guardianId: string,
  ): Promise<void> {
    await this.guardians.remove(caller, studentId, guardianId);
  }
}
