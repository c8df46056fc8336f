import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reaching people (issue 17, part 2): the people paged for an alert, at each level, with the
 * SHA-256 of their one-time acknowledgement link. Drafted by `schema:diff`, reviewed.
 */
export class AlertPages1795827200000 implements MigrationInterface {
  name = 'AlertPages1795827200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "alert_pages" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "school_id" uuid NOT NULL, "alert_id" uuid NOT NULL, "recipient_id" uuid NOT NULL, "level" smallint NOT NULL, "token_hash" text NOT NULL, "expires_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "used_at" TIMESTAMP(3) WITH TIME ZONE, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_1bc5c33c79d0770ef70af79b121" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "alert_pages_token_hash_key" ON "alert_pages"  ("token_hash") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "alert_pages_alert_recipient_level_key" ON "alert_pages"  ("alert_id", "recipient_id", "level") `);
    await queryRunner.query(`ALTER TABLE "alert_pages" ADD CONSTRAINT "alert_pages_school_fk" FOREIGN KEY ("school_id") REFERENCES "schools"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "alert_pages" ADD CONSTRAINT "alert_pages_alert_fk" FOREIGN KEY ("alert_id") REFERENCES "alerts"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "alert_pages" ADD CONSTRAINT "alert_pages_recipient_fk" FOREIGN KEY ("recipient_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`GRANT SELECT, INSERT, UPDATE ON "alert_pages" TO campus_care_app`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`REVOKE ALL ON "alert_pages" FROM campus_care_app`);
    await queryRunner.query(`ALTER TABLE "alert_pages" DROP CONSTRAINT "alert_pages_recipient_fk"`);
    await queryRunner.query(`ALTER TABLE "alert_pages" DROP CONSTRAINT "alert_pages_alert_fk"`);
    await queryRunner.query(`ALTER TABLE "alert_pages" DROP CONSTRAINT "alert_pages_school_fk"`);
    await queryRunner.query(`DROP INDEX "public"."alert_pages_alert_recipient_level_key"`);
    await queryRunner.query(`DROP INDEX "public"."alert_pages_token_hash_key"`);
    await queryRunner.query(`DROP TABLE "alert_pages"`);
  }
}
