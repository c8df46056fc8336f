import { Column, CreateDateColumn, UpdateDateColumn } from 'typeorm';

/**
 * Timestamps keep milliseconds only (precision 3): a JS Date cannot carry PostgreSQL's
 * microseconds, and keyset cursors built from a Date must compare equal to the stored value.
 */
export const TimestampColumn = (options: { nullable?: boolean } = {}) =>
  Column({ type: 'timestamptz', precision: 3, nullable: options.nullable ?? false });

export const CreatedAtColumn = () => CreateDateColumn({ type: 'timestamptz', precision: 3 });

export const UpdatedAtColumn = () => UpdateDateColumn({ type: 'timestamptz', precision: 3 });

/** The version people's edits are based on; bumped by conditional updates (`WHERE version = $n`). */
export const VersionNumberColumn = () => Column({ type: 'int', default: 1 });
