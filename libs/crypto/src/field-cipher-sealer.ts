import { ResponseSealer } from '#core';
import type { FieldCipher } from './field-cipher.js';

const binding = (rowId: string) => ({ table: 'idempotency_keys', column: 'response_body', rowId });

/** Idempotent replays' stored answers, encrypted like any clinical field. */
export class FieldCipherSealer extends ResponseSealer {
  constructor(private readonly cipher: FieldCipher) {
    super();
  }

  seal(json: string, rowId: string): string {
    return this.cipher.encrypt(json, binding(rowId));
  }

  unseal(sealed: string, rowId: string): string {
    return this.cipher.decrypt(sealed, binding(rowId));
  }
}
