import { createHash } from 'node:crypto';
import { validateEnvironment } from '#core';
import { IsIn, IsOptional, IsString, MinLength } from 'class-validator';
import { deriveAuditChainKey } from '../chain/audit-chain.js';

/** Audit-anchor settings. Without AUDIT_ANCHOR_KEY outside production, a fixed development key is used. */
export class AuditAnchorConfig {
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'AUDIT_ANCHOR_KEY must be at least 32 characters' })
  AUDIT_ANCHOR_KEY?: string;

  /**
   * The HMAC key anchors are signed with; refuses to run in production on the development key.
   * Anchors live for years outside the system: changing the key makes every anchor issued before answer 400.
   */
  anchorKey(): Uint8Array {
    if (this.AUDIT_ANCHOR_KEY) return new TextEncoder().encode(this.AUDIT_ANCHOR_KEY);
    if (this.NODE_ENV === 'production') throw new Error('AUDIT_ANCHOR_KEY must be set in production');
    return createHash('sha256').update('campus-care development-only audit anchor key').digest();
  }

  /** The audit chain's HMAC key, derived from the anchor key under a label of its own. */
  chainKey(): Buffer {
    return deriveAuditChainKey(this.anchorKey());
  }
}

/** For code wired by hand (the CLI, the demo seed, the bench): the same settings the server validates. */
export function auditAnchorConfigFromEnvironment(): AuditAnchorConfig {
  return validateEnvironment(AuditAnchorConfig, process.env);
}
