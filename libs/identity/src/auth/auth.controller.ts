import { Body, Controller, HttpCode } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Post, Public } from '#core';
import { type Caller, CurrentCaller, CurrentOrigin, Permission, type RequestOrigin, RequirePermission } from '#access';
import { LoginDto, RefreshDto } from './auth.dto.js';
import { AuthService, type TokenPair } from './auth.service.js';

/** Sign-in endpoints, rate limited per client address on top of the per-account lockout. */
@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('login')
  @Public()
  @RouteConfig({ rateLimit: {} })
  @HttpCode(200)
  @ApiOperation({
    operationId: 'signIn',
    summary: 'Sign in with user name and password and get an access and a refresh token',
    description:
      'Rate limited per client address; an account is locked for a while after repeated failures. Every attempt is audited.',
  })
  login(@Body() body: LoginDto, @CurrentOrigin() origin: RequestOrigin): Promise<TokenPair> {
    return this.auth.login(body.username, body.password, origin);
  }

  @Post('refresh')
  @Public()
  @RouteConfig({ rateLimit: {} })
  @HttpCode(200)
  @ApiOperation({
    operationId: 'refreshTokens',
    summary: 'Trade a refresh token for a new access and refresh token',
    description: 'A refresh token works once; presenting a spent one again ends its whole sign-in session.',
  })
  refresh(@Body() body: RefreshDto, @CurrentOrigin() origin: RequestOrigin): Promise<TokenPair> {
    return this.auth.refresh(body.refreshToken, origin);
  }

  @Post('logout')
  @RequirePermission(Permission.SelfManage)
  @HttpCode(204)
  @ApiOperation({ operationId: 'signOut', summary: 'Sign out: end this sign-in session and its tokens' })
  async logout(@CurrentCaller() caller: Caller): Promise<void> {
    await this.auth.logout(caller);
  }
}
