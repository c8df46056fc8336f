import { Body, Controller, Get, Param } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import { ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { Post, Public, routeRateLimit } from '#core';
import { CurrentOrigin, type RequestOrigin } from '#access';
import { SubmitSurveyDto } from './dtos/submit-survey.dto.js';
import { SURVEY_TOKEN_PATTERN } from './survey-token.js';
import { SurveyService } from './survey.service.js';
import type { SubmittedSurvey, SurveyView } from './survey.views.js';

const TOKEN_PARAM = {
  name: 'token',
  description: "The invitation's survey token, from the slip or the invitation list",
  schema: { type: 'string', pattern: SURVEY_TOKEN_PATTERN.source },
} as const;

/** The student survey: reached by the invitation's token, no account, rate limited per client address. */
@ApiTags('survey')
@Controller('survey')
export class SurveyController {
  constructor(private readonly survey: SurveyService) {}

  @Get(':token')
  @Public()
  @RouteConfig({ rateLimit: routeRateLimit('survey') })
  @ApiOperation({
    operationId: 'openSurvey',
    summary: 'Open the survey of an invitation: its consent text and questions',
    description:
      "No account: the invitation's token is the key. Rate limited per client address. " +
      'An unknown token answers 404, an answered one 409, a survey outside its window 410.',
  })
  @ApiParam(TOKEN_PARAM)
  open(@Param('token') token: string): Promise<SurveyView> {
    return this.survey.open(token);
  }

  @Post(':token')
  @Public()
  @RouteConfig({ rateLimit: routeRateLimit('survey') })
  @ApiOperation({
    operationId: 'submitSurvey',
    summary: 'Submit consent and the answers to every questionnaire of the survey, once',
    description:
      'Scored, alerted and audited at once; the answer lists the help resources to show. ' +
      'Sending the same answers again (after a lost connection) answers the first submission; other answers 409.',
  })
  @ApiParam(TOKEN_PARAM)
  submit(@Param('token') token: string, @Body() body: SubmitSurveyDto, @CurrentOrigin() origin: RequestOrigin): Promise<SubmittedSurvey> {
    return this.survey.submit(token, body, origin);
  }
}
