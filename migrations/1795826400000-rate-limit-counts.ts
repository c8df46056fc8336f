import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Rate-limit counts shared by every server instance (one row per limit, client and window).
 * UNLOGGED: no WAL for a write on every limited request; a crash empties it, which only restarts
 * the windows.
 */
export class RateLimitCounts1795826400000 implements MigrationInterface {
  name = 'RateLimitCounts1795826400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE UNLOGGED TABLE "rate_limit_counts" ("name" text NOT NULL, "client_key" text NOT NULL, "window_start" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "hits" integer NOT NULL, "expires_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, CONSTRAINT "rate_limit_counts_pkey" PRIMARY KEY ("name", "client_key", "window_start"))`);
    await queryRunner.query(`CREATE INDEX "rate_limit_counts_expires_idx" ON "rate_limit_counts" ("expires_at")`);
    await queryRunner.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON "rate_limit_counts" TO campus_care_app`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`REVOKE ALL ON "rate_limit_counts" FROM campus_care_app`);
    await queryRunner.query(`DROP INDEX "public"."rate_limit_counts_expires_idx"`);
    await queryRunner.query(`DROP TABLE "rate_limit_counts"`);
  }
}
