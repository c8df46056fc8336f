import { campaignEntities } from './campaigns/entities/index.js';
import { ScreeningInstrument } from './instruments/screening-instrument.entity.js';
import { responseEntities } from './responses/entities/index.js';
import { SchoolHelpResources } from './survey-page/school-help-resources.entity.js';

export const screeningEntities = [ScreeningInstrument, ...campaignEntities, ...responseEntities, SchoolHelpResources];
