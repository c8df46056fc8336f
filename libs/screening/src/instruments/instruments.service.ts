import { Injectable } from '@nestjs/common';
import { NotFoundProblem, type Page, type PageQuery, toPage } from '#core';
import type { InstrumentDetailView, InstrumentSummaryView } from './instrument.views.js';
import { InstrumentRepository } from './instrument.repository.js';

/**
 * Instruments are reference data shared by every school, so no school scope applies; who may
 * read them is the route's permission (counselors and administrators).
 */
@Injectable()
export class InstrumentsService {
  constructor(private readonly instruments: InstrumentRepository) {}

  async list(page: PageQuery): Promise<Page<InstrumentSummaryView>> {
    const rows = await this.instruments.listLatestActive(page);
    return toPage(rows, page, (r) => [r.code]);
  }

  async get(instrumentId: string): Promise<InstrumentDetailView> {
    const instrument = await this.instruments.findById(instrumentId);
    if (!instrument) throw new NotFoundProblem('instrument.not_found', 'No such instrument');
    return instrument;
  }
}
