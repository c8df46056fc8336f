import { SetMetadata } from '@nestjs/common';

export const NOT_REPLAYABLE = 'idempotency:not-replayable';

/**
 * Marks a POST whose answer must never be kept for replays (a secret shown once): an
 * `Idempotency-Key` sent to it answers 400 `idempotency.not_supported` before anything is
 * stored or done. The reason is the problem's detail.
 */
export const NotReplayable = (reason: string) => SetMetadata(NOT_REPLAYABLE, reason);
