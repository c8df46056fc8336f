import type { Uuid } from '#core';
import type { InstrumentDefinition } from './instrument-definition.js';

/** A row of the instrument list: the latest active version of one instrument. */
export interface InstrumentSummaryView {
  id: Uuid;
  code: string;
  version: number;
  nameZh: string;
  nameEn: string;
  itemCount: number;
}

/** One version with its whole definition. */
export interface InstrumentDetailView {
  id: Uuid;
  code: string;
  version: number;
  nameZh: string;
  nameEn: string;
  active: boolean;
  createdAt: Date;
  definition: InstrumentDefinition;
}
