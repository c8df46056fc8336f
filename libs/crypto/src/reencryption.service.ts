import { Injectable } from '@nestjs/common';
import type { DataSource, EntityManager } from 'typeorm';
import { type EncryptedColumn, EncryptedColumns } from './encrypted-columns.js';
import { FieldCipher, FieldDecryptionError } from './field-cipher.js';
import { readValues, type Replacement, replaceUnchangedValues, type ResolvedColumn, resolveColumn } from './reencryption-sql.js';

export const DEFAULT_REENCRYPTION_BATCH_SIZE = 500;

export interface ReencryptionOptions {
  /** Rows read and written per transaction. */
  batchSize?: number;
}

/** What happened to one column's values. */
export interface ColumnReencryptionResult {
  table: string;
  column: string;
  /** Non-null values read. */
  examined: number;
  /** Values moved from an older key to the active one. */
  reencrypted: number;
  /** Values edited by someone else between the read and the write; left as that edit wrote them. */
  changedConcurrently: number;
  /** Rows whose value does not decrypt (unknown key, altered, malformed); left untouched. */
  undecryptableRowIds: string[];
}

/**
 * Moves every registered encrypted column onto the active key after a key rotation. Safe to run
 * while the server serves and to run again: it commits batch by batch and never overwrites an edit.
 */
@Injectable()
export class ReencryptionService {
  constructor(
    private readonly cipher: FieldCipher,
    private readonly columns: EncryptedColumns,
  ) {}

  async reencryptAll(dataSource: DataSource, options: ReencryptionOptions = {}): Promise<ColumnReencryptionResult[]> {
    const batchSize = options.batchSize ?? DEFAULT_REENCRYPTION_BATCH_SIZE;
    if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError('batchSize must be a positive integer');
    const results: ColumnReencryptionResult[] = [];
    for (const entry of this.columns.all()) results.push(await this.reencryptColumn(dataSource, entry, batchSize));
    return results;
  }

  private async reencryptColumn(dataSource: DataSource, entry: EncryptedColumn, batchSize: number): Promise<ColumnReencryptionResult> {
    const target = await resolveColumn(dataSource.manager, entry);
    const result: ColumnReencryptionResult = {
      table: entry.table,
      column: entry.column,
      examined: 0,
      reencrypted: 0,
      changedConcurrently: 0,
      undecryptableRowIds: [],
    };
    let afterId: string | undefined;
    for (;;) {
      const lastId = await dataSource.transaction((manager) => this.reencryptBatch(manager, target, afterId, batchSize, result));
      if (lastId === undefined) return result;
      afterId = lastId;
    }
  }

  /** One batch in one transaction; returns the last id read, or undefined when the column is done. */
  private async reencryptBatch(
    manager: EntityManager,
    target: ResolvedColumn,
    afterId: string | undefined,
    batchSize: number,
    result: ColumnReencryptionResult,
  ): Promise<string | undefined> {
    const rows = await readValues(manager, target, afterId, batchSize);
    const replacements: Replacement[] = [];
    for (const { id, value } of rows) {
      const binding = { table: target.table, column: target.column, rowId: id };
      try {
        if (!this.cipher.needsReencryption(value)) continue;
        replacements.push({ id, oldValue: value, newValue: this.cipher.encrypt(this.cipher.decrypt(value, binding), binding) });
      } catch (error) {
        if (!(error instanceof FieldDecryptionError)) throw error;
        result.undecryptableRowIds.push(id);
      }
    }
    const written = await replaceUnchangedValues(manager, target, replacements);
    result.examined += rows.length;
    result.reencrypted += written.size;
    result.changedConcurrently += replacements.length - written.size;
    return rows.length < batchSize ? undefined : rows[rows.length - 1].id;
  }
}
