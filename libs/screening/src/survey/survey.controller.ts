import { Body, Controller, Get, Param } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Post, Public, routeRateLimit } from '#core';
import { CurrentOrigin, type RequestOrigin } from '#access';
import { SubmitSurveyDto } from './dtos/submit-survey.dto.js';
import { SurveyService } from './survey.service.js';
import type { SubmittedSurvey, SurveyView } from './survey.views.js';

/** The student survey: reached by the invitation's token, no account, rate limited per client address. */
@ApiTags('survey')
@Controller('survey')
export class SurveyController {
  constructor(private readonly survey: SurveyService) {}

  @Get(':token')
  @Public()
  @RouteConfig({ rateLimit: routeRateLimit('survey') })
  @ApiOperation({ summary: 'The consent text and questions; 404 unknown token, 409 already answered, 410 not open' })
  open(@Param('token') token: string): Promise<SurveyView> {
    return this.survey.open(token);
  }

  @Post(':token')
  @Public()
  @RouteConfig({ rateLimit: routeRateLimit('survey') })
  @ApiOperation({ summary: 'Submit consent and the answers to every questionnaire, once' })
  submit(@Param('token') token: string, @Body() body: SubmitSurveyDto, @CurrentOrigin() origin: RequestOrigin): Promise<SubmittedSurvey> {
    return this.survey.submit(token, body, origin);
  }
}
