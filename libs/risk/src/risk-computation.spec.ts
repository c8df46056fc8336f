import fc from 'fast-check';
import { computeRiskUpdates, type RiskInputs } from './risk-computation.js';
import { RISK_LEVELS } from './risk-level.js';

const NOW = new Date('2026-12-01T00:00:00Z');
const LATER = new Date('2026-12-08T00:00:00Z');
const EARLIER = new Date('2026-11-20T00:00:00Z');

const input = (overrides: Partial<RiskInputs>): RiskInputs => ({ studentId: 's1', current: null, strongestSignal: null, ...overrides });

describe('computeRiskUpdates', () => {
  it('creates a row when a first signal appears, recording the change and its source', () => {
    expect(computeRiskUpdates([input({ strongestSignal: { rank: 4, detail: 'alert:critical' } })], NOW)).toEqual([
      {
        studentId: 's1',
        level: 'critical',
        derivedLevel: 'critical',
        derivedFrom: 'alert:critical',
        clearAssessment: false,
        change: { previousLevel: null, source: 'signals', sourceDetail: 'alert:critical' },
      },
    ]);
  });

  it('needs nothing for a student with neither row nor signal, or whose level did not move', () => {
    expect(computeRiskUpdates([input({})], NOW)).toEqual([]);
    const steady = input({
      current: { level: 'moderate', derivedLevel: 'moderate', assessedLevel: null, assessmentExpiresAt: null },
      strongestSignal: { rank: 2, detail: 'flag:high' },
    });
    expect(computeRiskUpdates([steady], NOW)).toEqual([]);
  });

  it('keeps an unexpired assessment as the level while signals change underneath', () => {
    const [update] = computeRiskUpdates(
      [
        input({
          current: { level: 'low', derivedLevel: 'moderate', assessedLevel: 'low', assessmentExpiresAt: LATER },
          strongestSignal: { rank: 3, detail: 'alert:high' },
        }),
      ],
      NOW,
    );
    expect(update).toMatchObject({ level: 'low', derivedLevel: 'high', clearAssessment: false, change: null });
  });

  it('falls back to the signals when the assessment lapses, and says so', () => {
    const [update] = computeRiskUpdates(
      [
        input({
          current: { level: 'low', derivedLevel: 'high', assessedLevel: 'low', assessmentExpiresAt: EARLIER },
          strongestSignal: { rank: 3, detail: 'alert:high' },
        }),
      ],
      NOW,
    );
    expect(update).toMatchObject({ level: 'high', clearAssessment: true, change: { previousLevel: 'low', source: 'assessment_expired' } });
  });

  it('drops to none when signals age out', () => {
    const [update] = computeRiskUpdates(
      [input({ current: { level: 'high', derivedLevel: 'high', assessedLevel: null, assessmentExpiresAt: null } })],
      NOW,
    );
    expect(update).toMatchObject({ level: 'none', derivedFrom: null, change: { previousLevel: 'high', source: 'signals' } });
  });

  it('always yields the strongest signal as the derived level, and a change exactly when the level moved', () => {
    const level = fc.constantFrom(...RISK_LEVELS);
    fc.assert(
      fc.property(
        fc.option(fc.record({ level, derivedLevel: level, assessedLevel: fc.option(level, { nil: null }), assessmentExpiresAt: fc.option(fc.constantFrom(EARLIER, LATER), { nil: null }) }), { nil: null }),
        fc.option(fc.record({ rank: fc.integer({ min: 0, max: 4 }), detail: fc.constant('signal') }), { nil: null }),
        (current, strongestSignal) => {
          for (const update of computeRiskUpdates([input({ current, strongestSignal })], NOW)) {
            expect(update.derivedLevel).toBe(RISK_LEVELS[strongestSignal?.rank ?? 0]);
            expect(update.change !== null).toBe((current?.level ?? 'none') !== update.level);
          }
        },
      ),
    );
  });
});
