/**
 * Seals the answers kept for idempotent replays: an answer can hold clinical text (a task title,
 * what was agreed with a guardian), so it is encrypted at rest like the record it repeats.
 * The crypto module provides it; core only knows the shape.
 */
export abstract class ResponseSealer {
  abstract seal(json: string, rowId: string): string;
  abstract unseal(sealed: string, rowId: string): string;
}
