import { Body, Controller, Get, Headers, HttpCode, Patch, Query, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { API_PREFIX, expectedVersion, type Page, Post, UuidParam } from '#core';
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
  list(@CurrentCaller() caller: Caller, @Query() query: ListUsersQuery): Promise<Page<UserView>> {
    return this.users.list(caller, query);
  }

  @Get(':userId')
  @RequirePermission(Permission.UserRead)
  get(@CurrentCaller() caller: Caller, @UuidParam('userId') userId: string): Promise<UserView> {
    return this.users.get(caller, userId);
  }

  @Post()
  @RequirePermission(Permission.UserManage)
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
  unlock(@CurrentCaller() caller: Caller, @UuidParam('userId') userId: string): Promise<UserView> {
    return this.users.unlock(caller, userId);
  }
}
