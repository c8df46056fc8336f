import { Body, Controller, Get, Headers, HttpCode, Patch, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { API_PREFIX, ApiIfMatchHeader, expectedVersion, type Page, Post, UuidParam } from '#core';
import { type Caller, CurrentCaller, Permission, RequirePermission } from '#access';
import { CreateUserDto, ListUsersQuery, UpdateUserDto, type UserView } from './users.dto.js';
import { UsersService } from './users.service.js';

/** Staff accounts of the caller's school. */
@ApiTags('users')
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @RequirePermission(Permission.UserRead)
  @ApiOperation({ operationId: 'listUsers', summary: "The school's staff accounts, oldest first, filtered by role and active state" })
  list(@CurrentCaller() caller: Caller, @Query() query: ListUsersQuery): Promise<Page<UserView>> {
    return this.users.list(caller, query);
  }

  @Get(':userId')
  @RequirePermission(Permission.UserRead)
  @ApiOperation({ operationId: 'getUser', summary: 'One staff account of the school' })
  get(@CurrentCaller() caller: Caller, @UuidParam('userId') userId: string): Promise<UserView> {
    return this.users.get(caller, userId);
  }

  @Post()
  @RequirePermission(Permission.UserManage)
  @ApiOperation({ operationId: 'createUser', summary: 'Create a staff account with its initial password', description: 'Audited.' })
  async create(
    @CurrentCaller() caller: Caller,
    @Body() body: CreateUserDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<UserView> {
    const user = await this.users.create(caller, body);
    void reply.header('location', `/${API_PREFIX}/users/${user.id}`);
    return user;
  }

  @Patch(':userId')
  @RequirePermission(Permission.UserManage)
  @ApiOperation({
    operationId: 'updateUser',
    summary: "Change a staff account's name, role, phone, active state, or whether they are the school's first person accountable",
    description:
      'Deactivating a user or changing their role signs them out everywhere and ends their class-teacher assignments. ' +
      'Nobody may deactivate their own account or change their own role. ' +
      "`firstAccountable: true` names the school's first person accountable (第一责任人), paged at the last alert escalation level; " +
      'the one named before loses it in the same change. Audited.',
  })
  @ApiIfMatchHeader()
  update(
    @CurrentCaller() caller: Caller,
    @UuidParam('userId') userId: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: UpdateUserDto,
  ): Promise<UserView> {
    return this.users.update(caller, userId, expectedVersion(ifMatch, body.version), body);
  }

  @Post(':userId/unlock')
  @RequirePermission(Permission.UserManage)
  @HttpCode(200)
  @ApiOperation({
    operationId: 'unlockUser',
    summary: 'Lift the sign-in lockout of a staff account after repeated failed sign-ins',
    description: 'Audited.',
  })
  unlock(@CurrentCaller() caller: Caller, @UuidParam('userId') userId: string): Promise<UserView> {
    return this.users.unlock(caller, userId);
  }
}
