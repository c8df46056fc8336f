import { createHash } from 'node:crypto';
import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants.js';
import { Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { catchError, from, mergeMap, type Observable, of } from 'rxjs';
import { Clock } from '../clock/clock.js';
import { BadRequestProblem, ConflictProblem, ProblemException } from '../errors/problem.js';
import { IdempotencyRepository } from './idempotency.repository.js';
import { NOT_REPLAYABLE } from './not-replayable.decorator.js';
import { ResponseSealer } from './response-sealer.js';

export const IDEMPOTENCY_KEY_PATTERN = /^[A-Za-z0-9._:-]{8,200}$/;
const KEPT_FOR_MS = 24 * 3600 * 1000;
/** A claim older than this whose request never finished is taken to have died with its process. */
const STALE_CLAIM_MS = 60 * 1000;

type RequestWithCaller = FastifyRequest & { caller?: { userId: string; schoolId: string } };

/**
 * `Idempotency-Key` on authenticated POSTs: the same key from the same user with the same
 * request answers the first answer again; with another request, 422. A concurrent duplicate
 * answers 409 while the first is in flight.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    private readonly keys: IdempotencyRepository,
    private readonly reflector: Reflector,
    private readonly clock: Clock,
    private readonly sealer: ResponseSealer,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<RequestWithCaller>();
    const key = request.headers['idempotency-key'];
    if (request.method !== 'POST' || key === undefined || !request.caller) return next.handle();
    // Refused before the key is claimed: the answer is never stored, so no retry can be told apart.
    const notReplayable = this.reflector.get<string | undefined>(NOT_REPLAYABLE, context.getHandler());
    if (notReplayable !== undefined) throw new BadRequestProblem('idempotency.not_supported', notReplayable);
    if (typeof key !== 'string' || !IDEMPOTENCY_KEY_PATTERN.test(key)) {
      throw new BadRequestProblem('idempotency.invalid_key', 'Idempotency-Key must be 8-200 characters of A-Z, a-z, 0-9 and ._:-');
    }
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    const statusCode = this.reflector.get<number | undefined>(HTTP_CODE_METADATA, context.getHandler()) ?? 201;
    const { userId, schoolId } = request.caller;
    const requestHash = createHash('sha256')
      .update(`${request.method} ${request.url}\n`)
      .update(typeof request.body === 'string' ? request.body : JSON.stringify(request.body ?? null))
      .digest();

    return from(this.claimOrReplay({ schoolId, userId, key, requestHash }, reply)).pipe(
      mergeMap((outcome) => {
        if ('replayed' in outcome) return of(outcome.replayed);
        const claimId = outcome.claimId;
        return next.handle().pipe(
          mergeMap(async (body: unknown) => {
            const location = reply.getHeader('location');
            await this.keys.complete(claimId, {
              statusCode,
              sealedBody: this.sealer.seal(JSON.stringify(body ?? null), claimId),
              location: typeof location === 'string' ? location : null,
            });
            return body;
          }),
          catchError(async (error: unknown) => {
            await this.keys.release(claimId);
            throw error;
          }),
        );
      }),
    );
  }

  /** Claims the key, or answers with what was stored for it. */
  private async claimOrReplay(
    claim: { schoolId: string; userId: string; key: string; requestHash: Buffer },
    reply: FastifyReply,
  ): Promise<{ claimId: string } | { replayed: unknown }> {
    const now = this.clock.now();
    const claimId = await this.keys.claim({ ...claim, expiresAt: new Date(now.getTime() + KEPT_FOR_MS) });
    if (claimId) return { claimId };
    const stored = await this.keys.find(claim.userId, claim.key);
    if (!stored) throw inFlight();
    if (!stored.requestHash.equals(claim.requestHash)) {
      throw new ProblemException(422, 'idempotency.key_reused', 'This Idempotency-Key was used with another request');
    }
    if (stored.statusCode === null) {
      await this.keys.releaseStale(claim.userId, claim.key, new Date(now.getTime() - STALE_CLAIM_MS));
      throw inFlight();
    }
    void reply.status(stored.statusCode).header('idempotent-replayed', 'true');
    if (stored.location) void reply.header('location', stored.location);
    return { replayed: stored.responseBody === null ? null : JSON.parse(this.sealer.unseal(stored.responseBody, stored.id)) };
  }
}

const inFlight = () =>
  new ConflictProblem('idempotency.in_progress', 'A request with this Idempotency-Key is still being served; retry shortly', {
    headers: { 'retry-after': '1' },
  });
