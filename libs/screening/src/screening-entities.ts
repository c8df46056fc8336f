import { ScreeningInstrument } from './instruments/screening-instrument.entity.js';

export const screeningEntities = [ScreeningInstrument];
