import type { AddressInfo } from 'node:net';
import { createSchoolWorld } from '../../support/factories.js';
import { createTestApp, type TestApp, type TestAppOptions } from '../../support/test-app.js';

export interface ConsoleServer {
  t: TestApp;
  world: Awaited<ReturnType<typeof createSchoolWorld>>;
  /** `http://127.0.0.1:<port>`: the one origin the console may talk to. */
  origin: string;
  /** The console's address for a path of it (`/cases/...`). */
  url(path?: string): string;
  close(): Promise<void>;
}

/**
 * The real application, console included, on a real 127.0.0.1 port (a browser needs one), with
 * a school of one user per role (createSchoolWorld) named as in the README's screenshots.
 */
export async function startConsoleServer(options: TestAppOptions = {}): Promise<ConsoleServer> {
  // Every test signs in several times from one address.
  process.env.AUTH_RATE_LIMIT_PER_MINUTE = '1000';
  const t = await createTestApp(options);
  await t.app.listen(0, '127.0.0.1');
  const { port } = t.app.getHttpServer().address() as AddressInfo;
  const world = await createSchoolWorld(t);
  await t.dataSource.query(`UPDATE schools SET name = '示范中学 Demo High School' WHERE id = $1`, [world.school.id]);
  await t.dataSource.query(
    `UPDATE users SET display_name = CASE id WHEN $1 THEN '王心怡' WHEN $2 THEN '李明' WHEN $3 THEN '赵强' ELSE display_name END WHERE id IN ($1, $2, $3)`,
    [world.counselor.id, world.teacher.id, world.teacher2.id],
  );
  const origin = `http://127.0.0.1:${port}`;
  return { t, world, origin, url: (path = '/') => `${origin}/console${path === '/' ? '' : path}`, close: () => t.close() };
}
