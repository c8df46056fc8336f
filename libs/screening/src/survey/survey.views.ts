import type { CampaignInstrument } from '../campaigns/campaign-instrument.repository.js';
import type { InstrumentCondition, InstrumentInputFlag, InstrumentItemOption } from '../instruments/instrument-definition.js';
import type { SurveyHelp } from '../survey-page/help-resources.js';
import type { SurveyInvitation } from './survey.repository.js';

export interface SurveyItemView {
  key: string;
  kind: 'choice' | 'yes_no';
  textZh: string;
  textEn: string;
  options?: InstrumentItemOption[];
  /** Skip logic: show the item only when this holds for the earlier answers. */
  askedWhen?: InstrumentCondition;
}

export interface SurveyInstrumentView {
  code: string;
  nameZh: string;
  nameEn: string;
  instructionsZh: string;
  instructionsEn: string;
  items: SurveyItemView[];
  inputFlags: InstrumentInputFlag[];
}

/** What a student sees: whose survey it is and what it asks; never their name, scoring rules or cut-offs. */
export interface SurveyView {
  schoolName: string;
  campaignName: string;
  consentTextZh: string;
  consentTextEn: string | null;
  closesAt: Date;
  instruments: SurveyInstrumentView[];
}

/** With what the thank-you page shows: the school's help resources, prominently when an answer calls for it. */
export interface SubmittedSurvey extends SurveyHelp {
  status: 'submitted';
  submittedAt: Date;
}

export function surveyViewOf(invitation: SurveyInvitation, instruments: CampaignInstrument[]): SurveyView {
  return {
    schoolName: invitation.schoolName,
    campaignName: invitation.campaignName,
    consentTextZh: invitation.consentTextZh,
    consentTextEn: invitation.consentTextEn,
    closesAt: invitation.closesAt,
    instruments: instruments.map(({ code, nameZh, nameEn, definition }) => ({
      code,
      nameZh,
      nameEn,
      instructionsZh: definition.instructionsZh,
      instructionsEn: definition.instructionsEn,
      items: definition.items.map((item) => ({
        key: item.key,
        kind: item.kind,
        textZh: item.textZh,
        textEn: item.textEn,
        ...(item.kind === 'choice' ? { options: item.options } : {}),
        ...(item.askedWhen ? { askedWhen: item.askedWhen } : {}),
      })),
      inputFlags: definition.inputFlags,
    })),
  };
}
