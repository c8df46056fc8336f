import { Controller, Get, Module } from '@nestjs/common';
import { registeredRoutes } from '../support/routes.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/** A route someone forgot to declare: the guard must refuse it. */
@Controller('undeclared')
class UndeclaredController {
  @Get()
  open(): string {
    return 'should never be served';
  }
}

@Module({ controllers: [UndeclaredController] })
class UndeclaredModule {}

describe('route permissions', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ extraModules: [UndeclaredModule] });
  });
  afterAll(async () => t.close());

  it('every registered route declares a permission or is explicitly public', () => {
    const routes = registeredRoutes(t, [UndeclaredController]);
    expect(routes.length).toBeGreaterThan(5);
    expect(routes.filter((r) => !r.access).map((r) => r.route)).toEqual([]);
  });

  it('matches the reviewed route -> permission map (a diff here changes who can reach an endpoint)', () => {
    const map = Object.fromEntries(
      registeredRoutes(t, [UndeclaredController]).map((r) => [r.route, r.access && 'permission' in r.access ? r.access.permission : 'PUBLIC']),
    );
    expect(map).toMatchSnapshot();
  });

  it('refuses a route that declares nothing, even to a caller with no token', async () => {
    const res = await t.http.get('/api/v1/undeclared');
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('auth.undeclared_route');
  });
});
