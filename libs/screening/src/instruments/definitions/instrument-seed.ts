import type { InstrumentDefinition } from '../instrument-definition.js';

/**
 * One row of `screening_instruments` as a migration inserts it. The files next to this one are
 * frozen once landed: responses are scored against them, so a correction is a new version
 * (a new file and a new migration), never an edit.
 */
export interface InstrumentSeed {
  code: string;
  version: number;
  nameZh: string;
  nameEn: string;
  definition: InstrumentDefinition;
}
