import { describe, expect, it } from '@jest/globals';
import { alertReasonText } from './alert-reason';

const texts = { reasonCritical: (i: string) => `critical item of ${i}`, reasonBand: (i: string, b: string) => `${i}: ${b}` };
const label = (instrument: string, band: string) => `${instrument}/${band}`;

describe('alert reason codes', () => {
  it('names the critical item and the band of the instrument', () => {
    expect(alertReasonText('critical_item:phq9', texts, label)).toBe('critical item of PHQ9');
    expect(alertReasonText('band:phq9:severe', texts, label)).toBe('PHQ9: phq9/severe');
  });

  it('shows any other code as the API gave it', () => {
    expect(alertReasonText('urgent_flag:bullying_victim', texts, label)).toBe('urgent_flag:bullying_victim');
    expect(alertReasonText('critical_item', texts, label)).toBe('critical_item');
  });
});
