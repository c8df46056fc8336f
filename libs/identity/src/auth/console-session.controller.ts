import { Body, Controller, HttpCode, Req, Res } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import { ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ForbiddenProblem, Post, Public } from '#core';
import { CurrentOrigin, type RequestOrigin } from '#access';
import { LoginDto } from './auth.dto.js';
import { AuthService, type TokenPair } from './auth.service.js';

/** The console's refresh token lives only in this cookie, sent only to these routes. */
export const CONSOLE_REFRESH_COOKIE = 'cc_console_refresh';
export const CONSOLE_SESSION_PATH = '/api/v1/auth/session';
/**
 * A header a page of another site cannot send without the server's CORS consent (which it never
 * gives): with the SameSite=Strict cookie, the second lock against cross-site requests.
 */
export const CONSOLE_HEADER = 'x-campus-care-console';

/** What the console's sign-in and refresh answer: the access token only; the refresh token is in the cookie. */
export interface ConsoleSession {
  accessToken: string;
  /** Seconds until the access token expires. */
  expiresIn: number;
  tokenType: 'Bearer';
}

const consoleHeader = () =>
  ApiHeader({ name: CONSOLE_HEADER, required: true, description: 'Must be `1`: only the console (same origin) sends it', schema: { type: 'string', enum: ['1'] } });

/**
 * Sign-in for the staff console in a browser. The refresh token goes into an httpOnly,
 * SameSite=Strict cookie scoped to these routes, so that no script (nor an injected one) can read
 * it; the access token stays in the page's memory. A reload refreshes from the cookie.
 */
@ApiTags('auth')
@Controller('auth/session')
export class ConsoleSessionController {
  constructor(private readonly auth: AuthService) {}

  @Post()
  @Public()
  @RouteConfig({ rateLimit: {} })
  @HttpCode(200)
  @consoleHeader()
  @ApiOperation({
    operationId: 'startConsoleSession',
    summary: 'Sign in to the console: an access token, and the refresh token in an httpOnly cookie',
    description: 'As `signIn`, but the refresh token is set as the `cc_console_refresh` cookie (httpOnly, SameSite=Strict, path `/api/v1/auth/session`).',
  })
  async start(
    @Body() body: LoginDto,
    @CurrentOrigin() origin: RequestOrigin,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ConsoleSession> {
    requireConsoleHeader(request);
    return this.answer(request, reply, await this.auth.login(body.username, body.password, origin));
  }

  @Post('refresh')
  @Public()
  @RouteConfig({ rateLimit: {} })
  @HttpCode(200)
  @consoleHeader()
  @ApiOperation({
    operationId: 'refreshConsoleSession',
    summary: "Trade the console's refresh cookie for a new access token (and a new cookie)",
    description: 'A refresh token works once: a spent cookie presented again ends the whole sign-in session. A failure clears the cookie.',
  })
  async refresh(
    @CurrentOrigin() origin: RequestOrigin,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ConsoleSession> {
    requireConsoleHeader(request);
    try {
      return this.answer(request, reply, await this.auth.refresh(refreshCookieOf(request), origin));
    } catch (error) {
      clearRefreshCookie(reply);
      throw error;
    }
  }

  @Post('end')
  @Public()
  @HttpCode(204)
  @consoleHeader()
  @ApiOperation({ operationId: 'endConsoleSession', summary: "Sign out of the console: ends the cookie's sign-in session and clears the cookie" })
  async end(@CurrentOrigin() origin: RequestOrigin, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<void> {
    requireConsoleHeader(request);
    const token = request.cookies[CONSOLE_REFRESH_COOKIE];
    if (token) await this.auth.endSessionOf(token, origin);
    clearRefreshCookie(reply);
  }

  private answer(request: FastifyRequest, reply: FastifyReply, pair: TokenPair): ConsoleSession {
    void reply.setCookie(CONSOLE_REFRESH_COOKIE, pair.refreshToken, {
      httpOnly: true,
      sameSite: 'strict',
      // Secure wherever the console is served over TLS (behind a proxy: with TRUST_PROXY).
      secure: request.protocol === 'https',
      path: CONSOLE_SESSION_PATH,
      maxAge: this.auth.refreshTtlSeconds,
    });
    return { accessToken: pair.accessToken, expiresIn: pair.expiresIn, tokenType: pair.tokenType };
  }
}

function requireConsoleHeader(request: FastifyRequest): void {
  if (request.headers[CONSOLE_HEADER] !== '1') throw new ForbiddenProblem('auth.console_header_missing', `Send the header ${CONSOLE_HEADER}: 1`);
}

/** The cookie's token, or an empty string that the refresh refuses like any unknown token. */
function refreshCookieOf(request: FastifyRequest): string {
  return request.cookies[CONSOLE_REFRESH_COOKIE] ?? '';
}

function clearRefreshCookie(reply: FastifyReply): void {
  void reply.clearCookie(CONSOLE_REFRESH_COOKIE, { path: CONSOLE_SESSION_PATH, httpOnly: true, sameSite: 'strict' });
}
