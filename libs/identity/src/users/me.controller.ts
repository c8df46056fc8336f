import { Body, Controller, Get, HttpCode } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { type Caller, CurrentCaller, Permission, RequirePermission } from '#access';
import { ChangePasswordDto } from '../auth/auth.dto.js';
import { type MyProfile, MeService } from './me.service.js';
import { Post } from '#core';

@ApiTags('auth')
@Controller('me')
export class MeController {
  constructor(private readonly me: MeService) {}

  @Get()
  @RequirePermission(Permission.SelfManage)
  @ApiOperation({ operationId: 'getMyProfile', summary: 'Who you are: your account, role, permissions and the classes you teach' })
  profile(@CurrentCaller() caller: Caller): Promise<MyProfile> {
    return this.me.profile(caller);
  }

  @Post('password')
  @RequirePermission(Permission.SelfManage)
  @HttpCode(204)
  @ApiOperation({
    operationId: 'changeMyPassword',
    summary: 'Change your password, giving the current one',
    description: 'Ends every sign-in session of yours, this one included: sign in again with the new password.',
  })
  async changePassword(@CurrentCaller() caller: Caller, @Body() body: ChangePasswordDto): Promise<void> {
    await this.me.changePassword(caller, body.currentPassword, body.newPassword);
  }
}
