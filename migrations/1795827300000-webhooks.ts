import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reaching people (issue 17, part 1, the third channel): a school's webhook endpoints, with the
 * events each subscribes to, its signing secret (encrypted by the application) and the count of
 * messages given up on that switches it off. An endpoint is configuration, not a record of care:
 * the application role may delete one. Drafted by `schema:diff`, reviewed.
 */
export class Webhooks1795827300000 implements MigrationInterface {
  name = 'Webhooks1795827300000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "webhook_endpoints" ("id" uuid NOT NULL, "school_id" uuid NOT NULL, "url" text NOT NULL, "description" text, "events" text array NOT NULL, "secret" text NOT NULL, "enabled" boolean NOT NULL DEFAULT true, "consecutive_failures" integer NOT NULL DEFAULT '0', "disabled_at" TIMESTAMP(3) WITH TIME ZONE, "disabled_reason" text, "created_by" uuid NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', CONSTRAINT "webhook_endpoints_failures_check" CHECK (consecutive_failures >= 0), CONSTRAINT "webhook_endpoints_disabled_reason_check" CHECK (disabled_reason IN ('delivery_failures', 'administrator')), CONSTRAINT "webhook_endpoints_disabled_check" CHECK (enabled = (disabled_at IS NULL) AND (disabled_at IS NULL) = (disabled_reason IS NULL)), CONSTRAINT "webhook_endpoints_events_check" CHECK (cardinality(events) >= 1 AND events <@ ARRAY['alert.raised', 'alert.escalated', 'alert.acknowledged', 'audit.anchor', 'webhook.test']::text[]), CONSTRAINT "PK_054c4cfb95223732f5939d2d546" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "webhook_endpoints_school_created_idx" ON "webhook_endpoints"  ("school_id", "created_at", "id") `);
    await queryRunner.query(`ALTER TABLE "webhook_endpoints" ADD CONSTRAINT "webhook_endpoints_school_fk" FOREIGN KEY ("school_id") REFERENCES "schools"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "webhook_endpoints" ADD CONSTRAINT "webhook_endpoints_created_by_fk" FOREIGN KEY ("created_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON "webhook_endpoints" TO campus_care_app`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`REVOKE ALL ON "webhook_endpoints" FROM campus_care_app`);
    await queryRunner.query(`ALTER TABLE "webhook_endpoints" DROP CONSTRAINT "webhook_endpoints_created_by_fk"`);
    await queryRunner.query(`ALTER TABLE "webhook_endpoints" DROP CONSTRAINT "webhook_endpoints_school_fk"`);
    await queryRunner.query(`DROP INDEX "public"."webhook_endpoints_school_created_idx"`);
    await queryRunner.query(`DROP TABLE "webhook_endpoints"`);
  }
}
