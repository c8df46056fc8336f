import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '#core';
import { CurrentOrigin, type RequestOrigin } from '#access';
import { SubmitSurveyDto } from './dtos/submit-survey.dto.js';
import { SurveyService } from './survey.service.js';
import type { SubmittedSurvey, SurveyView } from './survey.views.js';

/**
 * A whole class may answer together from one school address (NAT), so the survey's limit per
 * client address is far above the sign-in limit; it still stops a script guessing tokens.
 */
const SURVEY_RATE_LIMIT = { max: 600, timeWindow: 60_000 };

/** The student survey: reached by the invitation's token, no account, rate limited per client address. */
@ApiTags('survey')
@Controller('survey')
export class SurveyController {
  constructor(private readonly survey: SurveyService) {}

  @Get(':token')
  @Public()
  @RouteConfig({ rateLimit: SURVEY_RATE_LIMIT })
  @ApiOperation({ summary: 'The consent text and questions; 404 unknown token, 409 already answered, 410 not open' })
  open(@Param('token') token: string): Promise<SurveyView> {
    return this.survey.open(token);
  }

  @Post(':token')
  @Public()
  @RouteConfig({ rateLimit: SURVEY_RATE_LIMIT })
  @ApiOperation({ summary: 'Submit consent and the answers to every questionnaire, once' })
  submit(@Param('token') token: string, @Body() body: SubmitSurveyDto, @CurrentOrigin() origin: RequestOrigin): Promise<SubmittedSurvey> {
    return this.survey.submit(token, body, origin);
  }
}
