import { Controller, Get, Module, RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants.js';
import { MetadataScanner, ModulesContainer } from '@nestjs/core';
import { ROUTE_ACCESS, type RouteAccess } from '#core';
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

const UNPREFIXED = new Set(['health', 's']);

function registeredRoutes(t: TestApp): { route: string; access: RouteAccess | undefined }[] {
  const scanner = new MetadataScanner();
  const routes: { route: string; access: RouteAccess | undefined }[] = [];
  for (const module of t.app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const type = wrapper.metatype as (new (...args: unknown[]) => object) | null;
      if (!type || type === UndeclaredController) continue;
      const base = String(Reflect.getMetadata(PATH_METADATA, type) ?? '');
      const classAccess = Reflect.getMetadata(ROUTE_ACCESS, type) as RouteAccess | undefined;
      for (const name of scanner.getAllMethodNames(type.prototype)) {
        const handler = (type.prototype as Record<string, unknown>)[name] as object;
        const path = Reflect.getMetadata(PATH_METADATA, handler) as string | undefined;
        if (path === undefined) continue;
        const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as number];
        const prefix = UNPREFIXED.has(base) ? '' : '/api/v1';
        const full = `${prefix}/${[base, path].filter((p) => p && p !== '/').join('/')}`.replace(/\/+/g, '/');
        routes.push({ route: `${method} ${full}`, access: (Reflect.getMetadata(ROUTE_ACCESS, handler) as RouteAccess | undefined) ?? classAccess });
      }
    }
  }
  return routes.sort((a, b) => a.route.localeCompare(b.route));
}

describe('route permissions', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ extraModules: [UndeclaredModule] });
  });
  afterAll(async () => t.close());

  it('every registered route declares a permission or is explicitly public', () => {
    const routes = registeredRoutes(t);
    expect(routes.length).toBeGreaterThan(5);
    expect(routes.filter((r) => !r.access).map((r) => r.route)).toEqual([]);
  });

  it('matches the reviewed route -> permission map (a diff here changes who can reach an endpoint)', () => {
    const map = Object.fromEntries(
      registeredRoutes(t).map((r) => [r.route, r.access && 'permission' in r.access ? r.access.permission : 'PUBLIC']),
    );
    expect(map).toMatchSnapshot();
  });

  it('refuses a route that declares nothing, even to a caller with no token', async () => {
    const res = await t.http.get('/api/v1/undeclared');
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('auth.undeclared_route');
  });
});
