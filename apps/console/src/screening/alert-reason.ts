/** The texts an alert's reason code needs; kept apart so the parsing is testable without the dictionary. */
export interface ReasonTexts {
  reasonCritical: (instrument: string) => string;
  reasonBand: (instrument: string, band: string) => string;
}

/** `critical_item:phq9` / `band:phq9:severe` as a person reads them; any other code as the API gave it. */
export function alertReasonText(code: string, texts: ReasonTexts, bandLabel: (instrument: string, band: string) => string): string {
  const [kind, instrument, band] = code.split(':');
  if (kind === 'critical_item' && instrument) return texts.reasonCritical(instrument.toUpperCase());
  if (kind === 'band' && instrument && band) return texts.reasonBand(instrument.toUpperCase(), bandLabel(instrument, band));
  return code;
}
