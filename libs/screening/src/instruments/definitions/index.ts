import { CSSRS_SCREENER_V1 } from './cssrs-screener.v1.js';
import { GAD7_V1 } from './gad7.v1.js';
import type { InstrumentSeed } from './instrument-seed.js';
import { PHQ9_V1 } from './phq9.v1.js';
import { UPI_V1 } from './upi.v1.js';

export type { InstrumentSeed } from './instrument-seed.js';
export { CSSRS_SCREENER_V1, GAD7_V1, PHQ9_V1, UPI_V1 };

/** The instruments migration 1795824300000 seeds. Frozen: a later version goes in a later migration. */
export const FIRST_INSTRUMENTS: readonly InstrumentSeed[] = [PHQ9_V1, GAD7_V1, UPI_V1, CSSRS_SCREENER_V1];
