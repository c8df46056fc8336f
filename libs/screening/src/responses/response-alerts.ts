import type { AlertSeverity } from '#alerts';
import type { RiskLevel } from '#risk';

/** How a band of an instrument counts (screening_band_risk). */
export interface BandRisk {
  instrumentCode: string;
  bandCode: string;
  riskLevel: RiskLevel;
  raisesAlert: boolean;
}

export interface ScoredResponse {
  id: string;
  studentId: string;
  instrumentCode: string;
  bandCode: string | null;
  criticalItemsHit: string[];
}

export interface ResponseAlert {
  responseId: string;
  studentId: string;
  severity: AlertSeverity;
  reasonCode: string;
}

/**
 * The alert a response raises, if any: a critical item needs a person now whatever the band
 * (critical); otherwise a band whose mapping says so needs one soon (high). At most one per
 * response, since alerts are unique per source.
 */
export function alertFor(response: ScoredResponse, bandRisks: readonly BandRisk[]): ResponseAlert | null {
  const base = { responseId: response.id, studentId: response.studentId };
  if (response.criticalItemsHit.length > 0) {
    return { ...base, severity: 'critical', reasonCode: `critical_item:${response.instrumentCode}` };
  }
  const band = bandRisks.find((b) => b.instrumentCode === response.instrumentCode && b.bandCode === response.bandCode);
  return band?.raisesAlert ? { ...base, severity: 'high', reasonCode: `band:${response.instrumentCode}:${band.bandCode}` } : null;
}
