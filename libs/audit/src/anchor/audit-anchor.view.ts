import type { IsoDateTime, Uuid } from '#core';
import type { ChainVerification } from '../trail/audit-event.view.js';
import type { AnchorStatus } from './audit-anchor.js';

/** An anchor as handed to the administrator, to keep outside the system and present later to verify. */
export interface AuditAnchorView {
  schoolId: Uuid;
  /** Sequence number of the chain head (a bigint, as a decimal string). */
  seq: string;
  /** Hex. */
  hash: string;
  count: number;
  /** ISO 8601, UTC; signed as this exact text, so it stays a string here. */
  at: IsoDateTime;
  /** HMAC-SHA256 in hex over the canonical form of the fields above. */
  signature: string;
}

/** What verifying against an anchor found about the anchored entry. */
export interface AnchorCheck {
  seq: string;
  /** ISO 8601, UTC: the anchor's own time, as it was signed. */
  at: IsoDateTime;
  status: AnchorStatus;
}

/** The chain check, plus the anchor check when an anchor was given; `ok` only when both pass. */
export interface AnchoredChainVerification extends ChainVerification {
  anchor: AnchorCheck | null;
}
