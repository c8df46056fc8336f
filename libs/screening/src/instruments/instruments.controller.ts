import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { type Page, PageQuery, UuidParam } from '#core';
import { Permission, RequirePermission } from '#access';
import type { InstrumentDetailView, InstrumentSummaryView } from './instrument.views.js';
import { InstrumentsService } from './instruments.service.js';

@ApiTags('instruments')
@Controller('instruments')
export class InstrumentsController {
  constructor(private readonly instruments: InstrumentsService) {}

  /** The latest active version of each instrument. */
  @Get()
  @RequirePermission(Permission.InstrumentRead)
  @ApiOperation({
    operationId: 'listInstruments',
    summary: 'The screening questionnaires: the latest active version of each, by code',
    description: 'Reference data shared by every school.',
  })
  list(@Query() query: PageQuery): Promise<Page<InstrumentSummaryView>> {
    return this.instruments.list(query);
  }

  /** One version with its items, options, scoring rules, bands and critical items. */
  @Get(':instrumentId')
  @RequirePermission(Permission.InstrumentRead)
  @ApiOperation({
    operationId: 'getInstrument',
    summary: 'One questionnaire version with its items, options, scoring rules, bands and critical items',
  })
  get(@UuidParam('instrumentId') instrumentId: string): Promise<InstrumentDetailView> {
    return this.instruments.get(instrumentId);
  }
}
