import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants.js';
import { MetadataScanner, ModulesContainer } from '@nestjs/core';
import { ROUTE_ACCESS, type RouteAccess } from '#core';
import type { TestApp } from './test-app.js';

export interface RegisteredRoute {
  /** `GET /api/v1/students/:studentId` */
  route: string;
  method: string;
  access: RouteAccess | undefined;
  handler: object;
}

const UNPREFIXED = new Set(['health', 's']);

/** Every route of the app's controllers, read from their metadata, sorted; `skip` leaves out test-only controllers. */
export function registeredRoutes(t: TestApp, skip: object[] = []): RegisteredRoute[] {
  const scanner = new MetadataScanner();
  const routes: RegisteredRoute[] = [];
  for (const module of t.app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const type = wrapper.metatype as (new (...args: unknown[]) => object) | null;
      if (!type || skip.includes(type)) continue;
      const base = String(Reflect.getMetadata(PATH_METADATA, type) ?? '');
      const classAccess = Reflect.getMetadata(ROUTE_ACCESS, type) as RouteAccess | undefined;
      for (const name of scanner.getAllMethodNames(type.prototype)) {
        const handler = (type.prototype as Record<string, unknown>)[name] as object;
        const path = Reflect.getMetadata(PATH_METADATA, handler) as string | undefined;
        if (path === undefined) continue;
        const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as number];
        const prefix = UNPREFIXED.has(base) ? '' : '/api/v1';
        const full = `${prefix}/${[base, path].filter((p) => p && p !== '/').join('/')}`.replace(/\/+/g, '/');
        routes.push({
          route: `${method} ${full}`,
          method,
          access: (Reflect.getMetadata(ROUTE_ACCESS, handler) as RouteAccess | undefined) ?? classAccess,
          handler,
        });
      }
    }
  }
  return routes.sort((a, b) => a.route.localeCompare(b.route));
}
