import { ManualClock, RateLimitCleanupJob } from '#core';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { expectProblem } from '../support/problems.js';

/** Two server instances on one database, as a deployment behind a load balancer runs them. */
describe('rate limits hold for the deployment, not per instance', () => {
  let first: TestApp;
  let second: TestApp;
  // In the middle of a window, so that no test straddles two.
  const clock = new ManualClock(new Date('2026-12-01T02:00:20Z'));

  beforeAll(async () => {
    process.env.AUTH_RATE_LIMIT_PER_MINUTE = '5';
    process.env.SURVEY_RATE_LIMIT_PER_MINUTE = '3';
    first = await createTestApp({ clock });
    second = await createTestApp({ clock, database: first.database });
  });
  afterAll(async () => {
    delete process.env.AUTH_RATE_LIMIT_PER_MINUTE;
    delete process.env.SURVEY_RATE_LIMIT_PER_MINUTE;
    await second.close();
    await first.close();
  });

  const signIn = (app: TestApp) => app.http.post('/api/v1/auth/login').send({ username: 'nobody', password: 'not the password' });

  it('the sign-in limit: two instances together allow it once, then both answer 429 with Retry-After', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await signIn(i % 2 === 0 ? first : second)).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401]);
    for (const app of [first, second]) {
      const limited = await signIn(app);
      expectProblem(limited, 429, 'rate_limit.exceeded');
      // 40 s left of the minute that began at 02:00:00.
      expect(limited.headers['retry-after']).toBe('40');
    }
  });

  it('the survey limit likewise, counted apart from sign-in', async () => {
    const survey = (app: TestApp) => app.http.get(`/api/v1/survey/${'B'.repeat(43)}`);
    const statuses: number[] = [];
    for (const app of [first, second, first, second]) statuses.push((await survey(app)).status);
    expect(statuses).toEqual([404, 404, 404, 429]);
  });

  it('opens a new window when the old one ends, and the cleanup job drops ended windows', async () => {
    clock.advance(60_000);
    expect((await signIn(second)).status).toBe(401);
    const removed = await first.app.get(RateLimitCleanupJob).deleteExpired();
    expect(removed).toBeGreaterThanOrEqual(2);
    const left = await first.dataSource.query<{ window_start: Date }[]>('SELECT window_start FROM rate_limit_counts');
    expect(left.map((r) => r.window_start.toISOString())).toEqual(['2026-12-01T02:01:00.000Z']);
    clock.advance(-60_000);
  });
});
