import { alertFor, type BandRisk } from './response-alerts.js';

const BANDS: BandRisk[] = [
  { instrumentCode: 'phq9', bandCode: 'mild', riskLevel: 'low', raisesAlert: false },
  { instrumentCode: 'phq9', bandCode: 'severe', riskLevel: 'high', raisesAlert: true },
];
const response = (bandCode: string | null, criticalItemsHit: string[] = []) => ({
  id: 'r1',
  studentId: 's1',
  instrumentCode: 'phq9',
  bandCode,
  criticalItemsHit,
});

describe('alertFor', () => {
  it('raises a critical alert for a critical item, whatever the band', () => {
    expect(alertFor(response('mild', ['item9']), BANDS)).toEqual({ responseId: 'r1', studentId: 's1', severity: 'critical', reasonCode: 'critical_item:phq9' });
  });

  it('raises a high alert for a band mapped to raise one', () => {
    expect(alertFor(response('severe'), BANDS)).toMatchObject({ severity: 'high', reasonCode: 'band:phq9:severe' });
  });

  it('raises nothing for other bands, unmapped bands or no band', () => {
    expect(alertFor(response('mild'), BANDS)).toBeNull();
    expect(alertFor(response('moderate'), BANDS)).toBeNull();
    expect(alertFor(response(null), BANDS)).toBeNull();
  });
});
