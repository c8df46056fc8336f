import { Body, Controller, Get, HttpCode } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { type Caller, CurrentCaller, Permission, RequirePermission } from '#access';
import { ChangePasswordDto } from '../auth/auth.dto.js';
import { MeService, type Profile } from './me.service.js';
import { Post } from '#core';

@ApiTags('auth')
@Controller('me')
export class MeController {
  constructor(private readonly me: MeService) {}

  @Get()
  @RequirePermission(Permission.SelfManage)
  profile(@CurrentCaller() caller: Caller): Promise<Profile> {
    return this.me.profile(caller);
  }

  @Post('password')
  @RequirePermission(Permission.SelfManage)
  @HttpCode(204)
  async changePassword(@CurrentCaller() caller: Caller, @Body() body: ChangePasswordDto): Promise<void> {
    await this.me.changePassword(caller, body.currentPassword, body.newPassword);
  }
}
