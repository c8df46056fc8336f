import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Stored first answers of create requests sent with an Idempotency-Key (kept a day). */
export class IdempotencyKeys1795824200000 implements MigrationInterface {
  name = 'IdempotencyKeys1795824200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "idempotency_keys" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "school_id" uuid NOT NULL, "user_id" uuid NOT NULL, "key" text NOT NULL, "request_hash" bytea NOT NULL, "status_code" integer, "response_body" jsonb, "location" text, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "expires_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, CONSTRAINT "PK_8ad20779ad0411107a56e53d0f6" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "idempotency_keys_expires_idx" ON "idempotency_keys" ("expires_at")`);
    await queryRunner.query(`CREATE UNIQUE INDEX "idempotency_keys_user_key_key" ON "idempotency_keys" ("user_id", "key")`);
    await queryRunner.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON "idempotency_keys" TO campus_care_app`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`REVOKE ALL ON "idempotency_keys" FROM campus_care_app`);
    await queryRunner.query(`DROP INDEX "public"."idempotency_keys_user_key_key"`);
    await queryRunner.query(`DROP INDEX "public"."idempotency_keys_expires_idx"`);
    await queryRunner.query(`DROP TABLE "idempotency_keys"`);
  }
}
