import { createHash } from 'node:crypto';
import { IsIn, IsOptional, IsString, MinLength } from 'class-validator';

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
}
