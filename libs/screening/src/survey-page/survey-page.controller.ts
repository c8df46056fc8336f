import { Controller, Get, NotFoundException, Param, Query, Res } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public, routeRateLimit } from '#core';
import { languageOf } from './survey-page-text.js';
import { SurveyPageService } from './survey-page.service.js';

/** Self only: no inline script or style, nothing from elsewhere, never framed. */
export const SURVEY_PAGE_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

const ASSET_CACHE = 'public, max-age=3600';

function securityHeaders(reply: FastifyReply): FastifyReply {
  return reply
    .header('content-security-policy', SURVEY_PAGE_CSP)
    .header('referrer-policy', 'no-referrer')
    .header('x-content-type-options', 'nosniff')
    .header('x-frame-options', 'DENY');
}

/** The student's survey page at `/s/{token}` (outside `/api/v1`), and the files it loads. */
@ApiExcludeController()
@Controller('s')
export class SurveyPageController {
  constructor(private readonly pages: SurveyPageService) {}

  @Get('assets/survey.css')
  @Public()
  stylesheet(@Res() reply: FastifyReply): void {
    void securityHeaders(reply).header('content-type', 'text/css; charset=utf-8').header('cache-control', ASSET_CACHE).send(this.pages.stylesheet());
  }

  @Get('assets/:script')
  @Public()
  async script(@Param('script') name: string, @Res() reply: FastifyReply): Promise<void> {
    const script = await this.pages.script(name);
    if (script === null) throw new NotFoundException();
    void securityHeaders(reply).header('content-type', 'text/javascript; charset=utf-8').header('cache-control', ASSET_CACHE).send(script);
  }

  @Get(':token')
  @Public()
  @RouteConfig({ rateLimit: routeRateLimit('survey') })
  async page(@Param('token') token: string, @Query('lang') lang: unknown, @Res() reply: FastifyReply): Promise<void> {
    const page = await this.pages.page(token, languageOf(lang));
    void securityHeaders(reply)
      .status(page.status)
      .header('content-type', 'text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .send(page.html);
  }
}
