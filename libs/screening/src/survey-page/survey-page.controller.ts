import { Controller, Get, NotFoundException, Param, Query, Res } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import { ApiOperation, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { AlsoAnswers, ApiHtmlAnswer, Public, routeRateLimit, selfOnlyPageHeaders } from '#core';
import { languageOf } from './survey-page-text.js';
import { SurveyPageService } from './survey-page.service.js';

const ASSET_CACHE = 'public, max-age=3600';

/** The student's survey page at `/s/{token}` (outside `/api/v1`), and the files it loads. */
@ApiTags('survey page')
@Controller('s')
export class SurveyPageController {
  constructor(private readonly pages: SurveyPageService) {}

  @Get('assets/survey.css')
  @Public()
  @ApiOperation({ operationId: 'getSurveyPageStylesheet', summary: "The survey page's stylesheet" })
  @ApiProduces('text/css')
  stylesheet(@Res() reply: FastifyReply): void {
    void selfOnlyPageHeaders(reply).header('content-type', 'text/css; charset=utf-8').header('cache-control', ASSET_CACHE).send(this.pages.stylesheet());
  }

  @Get('assets/:script')
  @Public()
  @ApiOperation({ operationId: 'getSurveyPageScript', summary: "One of the survey page's built scripts, by file name" })
  @ApiProduces('text/javascript')
  @AlsoAnswers('route.not_found')
  async script(@Param('script') name: string, @Res() reply: FastifyReply): Promise<void> {
    const script = await this.pages.script(name);
    if (script === null) throw new NotFoundException();
    void selfOnlyPageHeaders(reply).header('content-type', 'text/javascript; charset=utf-8').header('cache-control', ASSET_CACHE).send(script);
  }

  @Get(':token')
  @Public()
  @RouteConfig({ rateLimit: routeRateLimit('survey') })
  @ApiOperation({
    operationId: 'getSurveyPage',
    summary: "A student's survey page, opened from the link or QR code of their invitation",
    description: 'Outside `/api/v1`. Simplified Chinese, or English with `lang=en`. A link that cannot be used answers a kind notice page with the help lines.',
  })
  @ApiProduces('text/html')
  @ApiQuery({ name: 'lang', required: false, enum: ['zh', 'en'], description: 'The page language; Simplified Chinese by default' })
  @ApiHtmlAnswer(200, 'The survey')
  @ApiHtmlAnswer(404, 'No such survey link: a notice page')
  @ApiHtmlAnswer(409, 'Already submitted: a notice page')
  @ApiHtmlAnswer(410, 'The survey is not open now: a notice page')
  async page(@Param('token') token: string, @Query('lang') lang: unknown, @Res() reply: FastifyReply): Promise<void> {
    const page = await this.pages.page(token, languageOf(lang));
    void selfOnlyPageHeaders(reply)
      .status(page.status)
      .header('content-type', 'text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .send(page.html);
  }
}
