import { bilingual } from '../i18n/texts';

export const settingsText = bilingual({}, {});
