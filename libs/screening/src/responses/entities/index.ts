import { ScreeningBandRisk } from './screening-band-risk.entity.js';
import { ScreeningResponse } from './screening-response.entity.js';

export * from './screening-response.entity.js';
export { ScreeningBandRisk };

export const responseEntities = [ScreeningResponse, ScreeningBandRisk];
