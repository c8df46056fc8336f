import { bilingual } from '../i18n/texts';

export const dutyText = bilingual({}, {});
