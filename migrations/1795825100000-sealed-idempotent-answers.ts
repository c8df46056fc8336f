import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Stored idempotent answers are encrypted from now on (they can repeat clinical text), so the
 * column holds ciphertext, not JSON. Answers kept so far are dropped rather than left readable:
 * at worst a retry within the day of the upgrade creates its record again.
 */
export class SealedIdempotentAnswers1795825100000 implements MigrationInterface {
  name = 'SealedIdempotentAnswers1795825100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM "idempotency_keys"`);
    await queryRunner.query(`ALTER TABLE "idempotency_keys" ALTER COLUMN "response_body" TYPE text USING NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM "idempotency_keys"`);
    await queryRunner.query(`ALTER TABLE "idempotency_keys" ALTER COLUMN "response_body" TYPE jsonb USING NULL`);
  }
}
