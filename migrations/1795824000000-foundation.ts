import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Extensions the schema relies on: pgcrypto for gen_random_uuid() and digest() (audit hashes),
 * citext for case-insensitive user names.
 */
export class Foundation1795824000000 implements MigrationInterface {
  name = 'Foundation1795824000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('CREATE EXTENSION IF NOT EXISTS pgcrypto');
    await queryRunner.query('CREATE EXTENSION IF NOT EXISTS citext');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP EXTENSION IF EXISTS citext');
    await queryRunner.query('DROP EXTENSION IF EXISTS pgcrypto');
  }
}
