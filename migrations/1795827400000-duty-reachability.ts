import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reaching people (issue 17, point 4): the reachability check of each officer of a holiday's duty
 * roster, one per holiday and officer, with the SHA-256 of its one-tap link once the test message
 * went out. Drafted by `schema:diff`, reviewed.
 */
export class DutyReachability1795827400000 implements MigrationInterface {
  name = 'DutyReachability1795827400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "duty_reachability_checks" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "school_id" uuid NOT NULL, "holiday_id" uuid NOT NULL, "officer_id" uuid NOT NULL, "token_hash" text, "sent_at" TIMESTAMP(3) WITH TIME ZONE, "channels" text array NOT NULL DEFAULT '{}', "confirmed_at" TIMESTAMP(3) WITH TIME ZONE, "admins_told_at" TIMESTAMP(3) WITH TIME ZONE, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "duty_reachability_checks_channels_check" CHECK (channels <@ ARRAY['email', 'sms']::text[]), CONSTRAINT "duty_reachability_checks_sent_check" CHECK ((sent_at IS NULL) = (token_hash IS NULL) AND (sent_at IS NULL) = (cardinality(channels) = 0)), CONSTRAINT "PK_ac4b8b09fc46f4e58d8d6d0ccf2" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "duty_reachability_checks_untold_idx" ON "duty_reachability_checks"  ("holiday_id") WHERE confirmed_at IS NULL AND admins_told_at IS NULL`);
    await queryRunner.query(`CREATE INDEX "duty_reachability_checks_unsent_idx" ON "duty_reachability_checks"  ("created_at") WHERE sent_at IS NULL`);
    await queryRunner.query(`CREATE UNIQUE INDEX "duty_reachability_checks_token_hash_key" ON "duty_reachability_checks"  ("token_hash") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "duty_reachability_checks_holiday_officer_key" ON "duty_reachability_checks"  ("holiday_id", "officer_id") `);
    await queryRunner.query(`ALTER TABLE "duty_reachability_checks" ADD CONSTRAINT "duty_reachability_checks_school_fk" FOREIGN KEY ("school_id") REFERENCES "schools"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "duty_reachability_checks" ADD CONSTRAINT "duty_reachability_checks_holiday_fk" FOREIGN KEY ("holiday_id") REFERENCES "school_holidays"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "duty_reachability_checks" ADD CONSTRAINT "duty_reachability_checks_officer_fk" FOREIGN KEY ("officer_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`GRANT SELECT, INSERT, UPDATE ON "duty_reachability_checks" TO campus_care_app`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`REVOKE ALL ON "duty_reachability_checks" FROM campus_care_app`);
    await queryRunner.query(`ALTER TABLE "duty_reachability_checks" DROP CONSTRAINT "duty_reachability_checks_officer_fk"`);
    await queryRunner.query(`ALTER TABLE "duty_reachability_checks" DROP CONSTRAINT "duty_reachability_checks_holiday_fk"`);
    await queryRunner.query(`ALTER TABLE "duty_reachability_checks" DROP CONSTRAINT "duty_reachability_checks_school_fk"`);
    await queryRunner.query(`DROP INDEX "public"."duty_reachability_checks_holiday_officer_key"`);
    await queryRunner.query(`DROP INDEX "public"."duty_reachability_checks_token_hash_key"`);
    await queryRunner.query(`DROP INDEX "public"."duty_reachability_checks_unsent_idx"`);
    await queryRunner.query(`DROP INDEX "public"."duty_reachability_checks_untold_idx"`);
    await queryRunner.query(`DROP TABLE "duty_reachability_checks"`);
  }
}
