import type { ChainVerification } from '../trail/audit-event.view.js';
import type { AnchorStatus } from './audit-anchor.js';

/** An anchor as handed to the administrator, to keep outside the system and present later to verify. */
export interface AuditAnchorView {
  schoolId: string;
  seq: string;
  /** Hex. */
  hash: string;
  count: number;
  /** ISO 8601, UTC. */
  at: string;
  /** HMAC-SHA256 in hex over the canonical form of the fields above. */
  signature: string;
}

/** What verifying against an anchor found about the anchored entry. */
export interface AnchorCheck {
  seq: string;
  at: string;
  status: AnchorStatus;
}

/** The chain check, plus the anchor check when an anchor was given; `ok` only when both pass. */
export interface AnchoredChainVerification extends ChainVerification {
  anchor: AnchorCheck | null;
}
