import { SURVEY_TOKEN_PATTERN, surveyToken, surveyTokenHash } from './survey-token.js';
import { validateEnvironment } from '#core';
import { SurveyConfig } from './survey-config.js';

const SECRET = 'a test secret that is long enough to use';
const ID = '3f6c1d2e-4b5a-4c7d-8e9f-0a1b2c3d4e5f';

describe('survey tokens', () => {
  it('derives the same base64url token from the same invitation every time', () => {
    const token = surveyToken(SECRET, ID);
    expect(token).toMatch(SURVEY_TOKEN_PATTERN);
    expect(surveyToken(SECRET, ID)).toBe(token);
  });

  it('gives another invitation, or another secret, another token', () => {
    const token = surveyToken(SECRET, ID);
    expect(surveyToken(SECRET, '3f6c1d2e-4b5a-4c7d-8e9f-0a1b2c3d4e50')).not.toBe(token);
    expect(surveyToken(`${SECRET}!`, ID)).not.toBe(token);
  });

  it('stores a SHA-256 of the token, not the token', () => {
    const hash = surveyTokenHash(surveyToken(SECRET, ID));
    expect(hash).toHaveLength(32);
    expect(hash.toString('base64url')).not.toBe(surveyToken(SECRET, ID));
  });
});

describe('SurveyConfig', () => {
  const configOf = (values: Partial<SurveyConfig>) => Object.assign(new SurveyConfig(), values);

  it('uses the configured secret', () => {
    expect(configOf({ SURVEY_TOKEN_SECRET: SECRET }).tokenSecret()).toBe(SECRET);
  });

  it('falls back to a development secret outside production only', () => {
    expect(configOf({ NODE_ENV: 'test' }).tokenSecret().length).toBeGreaterThanOrEqual(32);
    expect(() => configOf({ NODE_ENV: 'production' }).tokenSecret()).toThrow('SURVEY_TOKEN_SECRET must be set in production');
  });

  it('refuses a short secret at boot', () => {
    expect(() => validateEnvironment(SurveyConfig, { SURVEY_TOKEN_SECRET: 'too short' })).toThrow(/SURVEY_TOKEN_SECRET must be at least 32 characters/);
  });
});
