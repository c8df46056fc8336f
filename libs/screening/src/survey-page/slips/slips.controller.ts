import { BadRequestException, Controller, Get, Query, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { UuidParam } from '#core';
import { type Caller, CurrentCaller, Permission, RequirePermission } from '#access';
import { languageOf } from '../survey-page-text.js';
import { SlipsService } from './slips.service.js';

/** Inline styles and SVG only: nothing runs, nothing is fetched, never framed. */
export const SLIPS_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const HOST = /^(?:[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

/** The origin the slips' links point at when PUBLIC_BASE_URL is not set: the one this page was asked for. */
function requestOrigin(request: FastifyRequest): string {
  const host = request.host;
  if (!HOST.test(host) || (request.protocol !== 'http' && request.protocol !== 'https')) throw new BadRequestException('Invalid Host');
  return `${request.protocol}://${host.toLowerCase()}`;
}

@ApiTags('screening-campaigns')
@Controller('screening-campaigns')
export class SlipsController {
  constructor(private readonly slips: SlipsService) {}

  @Get(':campaignId/classes/:classId/slips')
  @RequirePermission(Permission.ScreeningSlipsPrint)
  @ApiProduces('text/html')
  @ApiQuery({ name: 'lang', required: false, enum: ['zh', 'en'], description: 'The language of the slips; Chinese unless `en`' })
  @ApiOperation({
    operationId: 'getScreeningSlipsHtml',
    summary: 'Printable survey slips of a class: one per invited student, with link and QR code',
    description:
      "An HTML page for the printer. The campaign's team and the class's current teachers only; never cached; every print is audited.",
  })
  async slipsPage(
    @CurrentCaller() caller: Caller,
    @UuidParam('campaignId') campaignId: string,
    @UuidParam('classId') classId: string,
    @Query('lang') lang: unknown,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const html = await this.slips.page(caller, campaignId, classId, requestOrigin(request), languageOf(lang));
    // The page holds tokens that let anyone answer as the student: no cache may keep it, no link may leak it.
    void reply
      .header('content-type', 'text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .header('referrer-policy', 'no-referrer')
      .header('content-security-policy', SLIPS_CSP)
      .header('x-content-type-options', 'nosniff')
      .send(html);
  }
}
