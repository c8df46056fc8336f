import { randomUUID, webcrypto } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { jwtVerify, SignJWT } from 'jose';
import { Clock } from '#core';
import { IdentityConfig } from '../identity-config.js';

const ALGORITHM = 'HS256';

export interface AccessClaims {
  userId: string;
  /** The refresh-token family (the sign-in session) this token belongs to. */
  sessionId: string;
  issuedAt: Date;
}

/** Short-lived JWTs with one pinned algorithm and a checked issuer and audience. */
@Injectable()
export class AccessTokenService {
  private key?: Promise<webcrypto.CryptoKey>;

  constructor(
    private readonly config: IdentityConfig,
    private readonly clock: Clock,
  ) {}

  /** Imported once: jose imports raw key bytes again on every call, a sixth of a cheap request's CPU. */
  private signingKey(): Promise<webcrypto.CryptoKey> {
    this.key ??= webcrypto.subtle.importKey('raw', this.config.signingKey(), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']);
    return this.key;
  }

  get ttlSeconds(): number {
    return this.config.ACCESS_TOKEN_TTL_SECONDS;
  }

  async issue(userId: string, sessionId: string): Promise<string> {
    const now = Math.floor(this.clock.now().getTime() / 1000);
    return new SignJWT({ sid: sessionId })
      .setProtectedHeader({ alg: ALGORITHM, typ: 'JWT' })
      .setSubject(userId)
      .setIssuer(this.config.JWT_ISSUER)
      .setAudience(this.config.JWT_AUDIENCE)
      .setIssuedAt(now)
      .setExpirationTime(now + this.config.ACCESS_TOKEN_TTL_SECONDS)
      .setJti(randomUUID())
      .sign(await this.signingKey());
  }

  /**
   * The claims of a valid token, or null for anything else (bad signature, alg, audience, expiry,
   * or a lifetime longer than this server issues: issued in the future, older than the TTL, or
   * an `exp` past `iat` + TTL). Whether its session is live is the access guard's query.
   */
  async verify(token: string): Promise<AccessClaims | null> {
    try {
      const { payload } = await jwtVerify(token, await this.signingKey(), {
        algorithms: [ALGORITHM],
        issuer: this.config.JWT_ISSUER,
        audience: this.config.JWT_AUDIENCE,
        currentDate: this.clock.now(),
        requiredClaims: ['sub', 'exp', 'iat'],
        maxTokenAge: this.ttlSeconds,
      });
      if (typeof payload.sub !== 'string' || typeof payload.sid !== 'string' || typeof payload.iat !== 'number') return null;
      if ((payload.exp as number) - payload.iat > this.ttlSeconds) return null;
      return { userId: payload.sub, sessionId: payload.sid, issuedAt: new Date(payload.iat * 1000) };
    } catch {
      return null;
    }
  }
}
