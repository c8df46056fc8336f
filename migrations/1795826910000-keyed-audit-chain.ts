import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit chain becomes keyed: new entries are HMAC-SHA256 under a key derived from
 * AUDIT_ANCHOR_KEY, which the database never holds. Entries written before keep their SHA-256
 * hashes (`sha256`, so earlier anchors still match them); at its next start the application
 * appends a keyed entry to each such chain (the partial index finds them), after which verification
 * refuses unkeyed entries there. No default is left on the column: an instance still running the
 * unkeyed code cannot append, rather than append entries that no longer verify (stop old
 * instances before upgrading). Adding the column rewrites no row, so the append-only trigger is untouched.
 */
export class KeyedAuditChain1795826910000 implements MigrationInterface {
  name = 'KeyedAuditChain1795826910000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "audit_events" ADD "hash_alg" text NOT NULL DEFAULT 'sha256'`);
    await queryRunner.query(`ALTER TABLE "audit_events" ALTER COLUMN "hash_alg" DROP DEFAULT`);
    await queryRunner.query(`ALTER TABLE "audit_events" ADD CONSTRAINT "audit_events_hash_alg_check" CHECK (hash_alg IN ('sha256', 'hmac-sha256'))`);
    await queryRunner.query(`CREATE INDEX "audit_events_unkeyed_idx" ON "audit_events" ("school_id") WHERE hash_alg = 'sha256'`);
  }

  /** Keyed entries written meanwhile do not verify under the unkeyed code this returns to. */
  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."audit_events_unkeyed_idx"`);
    await queryRunner.query(`ALTER TABLE "audit_events" DROP CONSTRAINT "audit_events_hash_alg_check"`);
    await queryRunner.query(`ALTER TABLE "audit_events" DROP COLUMN "hash_alg"`);
  }
}
