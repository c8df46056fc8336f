import type { FastifyRateLimitStore, FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import type { Clock } from '../clock/clock.js';
import type { RateLimitRepository } from './rate-limit.repository.js';

type Done = (error: Error | null, result?: { current: number; ttl: number }) => void;

/** What @fastify/rate-limit passes a route's store at run time (its typings name the route options instead). */
interface RouteLimitOptions {
  routeInfo?: { method?: string | string[]; url?: string };
}

/**
 * A store for @fastify/rate-limit (its `store` option) that keeps the counts in PostgreSQL, so
 * that three instances allow a client the limit once, not three times. Fixed windows aligned on
 * the window length: one upsert per request; `ttl` is what is left of the window (`Retry-After`).
 * Each limited route counts on its own, as with the plugin's memory store.
 */
export function postgresRateLimitStore(counts: RateLimitRepository, clock: Clock): FastifyRateLimitStoreCtor {
  return class PostgresRateLimitStore implements FastifyRateLimitStore {
    private readonly name: string;

    /** The plugin constructs the root store with its settings; routes' stores get their name from child(). */
    constructor(name?: unknown) {
      this.name = typeof name === 'string' ? name : 'global';
    }

    incr(clientKey: string, done: Done, timeWindow: number): void {
      const now = clock.now().getTime();
      const windowStart = now - (now % timeWindow);
      const windowEnd = windowStart + timeWindow;
      counts.hit(this.name, clientKey, new Date(windowStart), new Date(windowEnd)).then(
        (current) => done(null, { current, ttl: windowEnd - now }),
        (error: Error) => done(error),
      );
    }

    child(options: object): PostgresRateLimitStore {
      const { method, url } = (options as RouteLimitOptions).routeInfo ?? {};
      return new PostgresRateLimitStore(url ? `${[method].flat().join(',')} ${url}` : this.name);
    }
  };
}
