import { Body, Controller, HttpCode, Res } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { API_PREFIX, Post, UuidParam } from '#core';
import { type Caller, CurrentCaller, Permission, RequirePermission } from '#access';
import { CsvBody } from '#org';
import { EnterPaperResponseDto } from './dtos/enter-paper-response.dto.js';
import { type ResponseImportSummary, ResponseImportService } from './import/response-import.service.js';
import { PaperEntryService } from './paper/paper-entry.service.js';
import type { ResponseDetailView } from './reads/response.views.js';

/** Results entered by the campaign's team: one paper form at a time, or a file from another platform. */
@ApiTags('screening-campaigns')
@Controller('screening-campaigns')
export class CampaignResponsesController {
  constructor(
    private readonly paper: PaperEntryService,
    private readonly imports: ResponseImportService,
  ) {}

  @Post(':campaignId/responses')
  @RequirePermission(Permission.ScreeningResponseEnter)
  @ApiOperation({
    operationId: 'enterPaperScreeningResponse',
    summary: "Enter a student's paper form of one of the campaign's questionnaires",
    description:
      "Scored, alerted and audited like the survey. The campaign's team only; the student must be invited and not have answered yet.",
  })
  async enter(
    @CurrentCaller() caller: Caller,
    @UuidParam('campaignId') campaignId: string,
    @Body() body: EnterPaperResponseDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ResponseDetailView> {
    const response = await this.paper.enter(caller, campaignId, body);
    void reply.header('location', `/${API_PREFIX}/screening-responses/${response.id}`);
    return response;
  }

  @Post(':campaignId/responses/import')
  @RequirePermission(Permission.ScreeningResponseEnter)
  @HttpCode(200)
  @ApiOperation({
    operationId: 'importScreeningResponsesCsv',
    summary: "Import a campaign's results from another platform as a CSV file, all rows or none",
    description:
      'Every row is scored, alerted and audited like a survey answer. ' +
      'Errors answer 400 `screening_response_import.invalid` listing every row and column, and store nothing.',
  })
  @ApiConsumes('text/csv')
  @ApiBody({
    schema: { type: 'string' },
    description:
      'UTF-8 CSV with a header row: student_number, instrument (its code), optional administered_at (ISO 8601 with offset; ' +
      'empty means now), then one column per item key and input flag key of the instruments (empty cells: not asked).',
  })
  importCsv(@CurrentCaller() caller: Caller, @UuidParam('campaignId') campaignId: string, @CsvBody() csv: string): Promise<ResponseImportSummary> {
    return this.imports.importCsv(caller, campaignId, csv);
  }
}
