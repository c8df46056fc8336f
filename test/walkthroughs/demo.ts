import { DEMO_USERS, seedDemoSchool } from '#demo';
import type { TestApp } from '../support/test-app.js';

export const DEMO_PASSWORD = 'demo-password';

export type DemoUser = (typeof DEMO_USERS)[number]['username'];

/**
 * The demo school as `npm start` seeds it, with a signed-in `Authorization` header per demo
 * user: the README's walkthroughs run against exactly this.
 */
export async function demoSchool(t: TestApp): Promise<Record<DemoUser, { authorization: string }>> {
  await seedDemoSchool(t.dataSource, DEMO_PASSWORD);
  const entries = await Promise.all(
    DEMO_USERS.map(async ({ username }) => {
      const res = await t.http.post('/api/v1/auth/login').send({ username, password: DEMO_PASSWORD });
      if (res.status !== 200) throw new Error(`demo sign-in of ${username} answered ${res.status}`);
      return [username, { authorization: `Bearer ${res.body.accessToken}` }] as const;
    }),
  );
  return Object.fromEntries(entries) as Record<DemoUser, { authorization: string }>;
}
