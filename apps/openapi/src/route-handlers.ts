import { GUARDS_METADATA, INTERCEPTORS_METADATA, METHOD_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants.js';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum.js';
import type { INestApplication, Type } from '@nestjs/common';
import { APP_GUARD, ModulesContainer } from '@nestjs/core';
import { DECORATORS } from '@nestjs/swagger';
import { ALSO_ANSWERS, NOT_REPLAYABLE } from '#core';

// The metadata key of @RouteConfig: @nestjs/platform-fastify does not export its constants module.
const FASTIFY_ROUTE_CONFIG_METADATA = '__fastify_route_config__';

/** One route handler as Nest knows it: what the generator needs to find it in the sources. */
export interface RouteHandler {
  className: string;
  methodName: string;
  /** Guards and interceptors bound to the route or its controller, by class name. */
  guards: string[];
  interceptors: string[];
  /** Whether the route is rate limited (fastify's rate-limit config on it). */
  rateLimited: boolean;
  /** Whether the route refuses Idempotency-Key (@NotReplayable). */
  notReplayable: boolean;
  /** Problem codes declared with @AlsoAnswers (raised by libraries, out of the analysis's sight). */
  alsoAnswers: string[];
  /** What the handler reads: whole DTOs of the query and the body, and single named query parameters and headers. */
  inputs: RouteInputs;
  /** Media types of @ApiProduces (text or bytes the handler sends itself); empty for JSON. */
  produces: string[];
}

export interface RouteInputs {
  queryDtos: Type[];
  bodyDtos: Type[];
  queryNames: string[];
  headerNames: string[];
}

/** The parameters a handler takes from the request, as its decorators (@Query, @Body, @Headers) declare them. */
function inputsOf(controller: Type, methodName: string): RouteInputs {
  const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, methodName) ?? {}) as Record<string, { index: number; data?: unknown }>;
  const types = (Reflect.getMetadata('design:paramtypes', controller.prototype, methodName) ?? []) as unknown[];
  const inputs: RouteInputs = { queryDtos: [], bodyDtos: [], queryNames: [], headerNames: [] };
  for (const [key, { index, data }] of Object.entries(args)) {
    const kind = Number(key.split(':')[0]);
    const type = types[index];
    const isDto = typeof type === 'function' && ![String, Number, Boolean, Object, Array].includes(type as never);
    if (kind === RouteParamtypes.QUERY) {
      if (typeof data === 'string') inputs.queryNames.push(data);
      else if (isDto) inputs.queryDtos.push(type as Type);
    } else if (kind === RouteParamtypes.BODY && data === undefined && isDto) {
      inputs.bodyDtos.push(type as Type);
    } else if (kind === RouteParamtypes.HEADERS && typeof data === 'string') {
      inputs.headerNames.push(data);
    }
  }
  return inputs;
}

/**
 * Every route handler of the application, by the operationId Nest's document gives it (the
 * explicit one of @ApiOperation, else Nest's `Controller_method`), plus the global guards.
 */
export function routeHandlers(app: INestApplication): { byOperationId: Map<string, RouteHandler>; globalGuards: string[] } {
  const byOperationId = new Map<string, RouteHandler>();
  const globalGuards: string[] = [];
  for (const module of app.get(ModulesContainer).values()) {
    for (const [token, wrapper] of module.providers) {
      if (typeof token === 'string' && token.startsWith(APP_GUARD) && wrapper.metatype) globalGuards.push((wrapper.metatype as Type).name);
    }
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as Type | undefined;
      if (!controller) continue;
      for (const methodName of Object.getOwnPropertyNames(controller.prototype)) {
        const handler = controller.prototype[methodName];
        if (methodName === 'constructor' || typeof handler !== 'function' || Reflect.getMetadata(METHOD_METADATA, handler) === undefined) continue;
        const operation = Reflect.getMetadata(DECORATORS.API_OPERATION, handler) as { operationId?: string } | undefined;
        const operationId = operation?.operationId ?? `${controller.name}_${methodName}`;
        if (byOperationId.has(operationId)) throw new Error(`Two routes have the operationId ${operationId}`);
        const namesOf = (key: string) =>
          [...(Reflect.getMetadata(key, controller) ?? []), ...(Reflect.getMetadata(key, handler) ?? [])].map((c: Type | object) =>
            typeof c === 'function' ? c.name : c.constructor.name,
          );
        const routeConfig = Reflect.getMetadata(FASTIFY_ROUTE_CONFIG_METADATA, handler) as { rateLimit?: unknown } | undefined;
        byOperationId.set(operationId, {
          className: controller.name,
          methodName,
          guards: namesOf(GUARDS_METADATA),
          interceptors: namesOf(INTERCEPTORS_METADATA),
          rateLimited: routeConfig?.rateLimit !== undefined,
          notReplayable: Reflect.getMetadata(NOT_REPLAYABLE, handler) !== undefined,
          alsoAnswers: Reflect.getMetadata(ALSO_ANSWERS, handler) ?? [],
          inputs: inputsOf(controller, methodName),
          produces: Reflect.getMetadata(DECORATORS.API_PRODUCES, handler) ?? Reflect.getMetadata(DECORATORS.API_PRODUCES, controller) ?? [],
        });
      }
    }
  }
  return { byOperationId, globalGuards };
}
