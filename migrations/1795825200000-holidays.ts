import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Holiday windows, part 1 and 5: term calendars (terms, holidays, key-window lengths per school)
 * and the holiday duty roster. A school's terms, and its holidays, never overlap: exclusion
 * constraints on inclusive date ranges (btree_gist, created by the counseling migration, serves
 * the `uuid WITH =` part). Duty shifts keep their instants, fixed in the school's zone when
 * written; handover notes are encrypted by the application. Drafted by `schema:diff`, reviewed.
 */
export class Holidays1795825200000 implements MigrationInterface {
  name = 'Holidays1795825200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('CREATE EXTENSION IF NOT EXISTS btree_gist');
    await queryRunner.query(`CREATE TABLE "duty_shifts" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "school_id" uuid NOT NULL, "duty_date" date NOT NULL, "shift" text NOT NULL, "officer_id" uuid NOT NULL, "phone" text NOT NULL, "starts_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "ends_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "last_confirmed_reachable_at" TIMESTAMP(3) WITH TIME ZONE, "handover_notes" text, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', CONSTRAINT "duty_shifts_school_date_shift_key" UNIQUE ("school_id", "duty_date", "shift"), CONSTRAINT "duty_shifts_span_check" CHECK (ends_at > starts_at), CONSTRAINT "duty_shifts_shift_check" CHECK (shift IN ('day', 'night')), CONSTRAINT "PK_abbef013ddbf7e4e4be50c72f22" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "duty_shifts_officer_starts_idx" ON "duty_shifts"("officer_id", "starts_at")`);
    await queryRunner.query(`CREATE INDEX "duty_shifts_school_starts_idx" ON "duty_shifts"("school_id", "starts_at")`);
    await queryRunner.query(`CREATE TABLE "school_holidays" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "school_id" uuid NOT NULL, "kind" text NOT NULL, "name" text NOT NULL, "starts_on" date NOT NULL, "ends_on" date NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', CONSTRAINT "school_holidays_kind_check" CHECK (kind IN ('winter', 'summer', 'other')), CONSTRAINT "school_holidays_dates_check" CHECK (ends_on >= starts_on), CONSTRAINT "school_holidays_no_overlap" EXCLUDE USING gist (school_id WITH =, daterange(starts_on, ends_on, '[]'::text) WITH &&), CONSTRAINT "PK_457ec3ebf4a4e85aacc98b12c7a" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "school_holidays_school_idx" ON "school_holidays"("school_id", "starts_on", "id")`);
    await queryRunner.query(`CREATE TABLE "school_terms" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "school_id" uuid NOT NULL, "name" text NOT NULL, "starts_on" date NOT NULL, "ends_on" date NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', CONSTRAINT "school_terms_dates_check" CHECK (ends_on >= starts_on), CONSTRAINT "school_terms_no_overlap" EXCLUDE USING gist (school_id WITH =, daterange(starts_on, ends_on, '[]'::text) WITH &&), CONSTRAINT "PK_30927ed0b5b84457381a5a66edf" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "school_terms_school_idx" ON "school_terms"("school_id", "starts_on", "id")`);
    await queryRunner.query(`CREATE TABLE "school_window_settings" ("school_id" uuid NOT NULL, "pre_holiday_days" smallint NOT NULL DEFAULT '14', "pre_return_days" smallint NOT NULL DEFAULT '7', "post_return_days" smallint NOT NULL DEFAULT '28', "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', CONSTRAINT "school_window_settings_days_check" CHECK (pre_holiday_days BETWEEN 0 AND 90 AND pre_return_days BETWEEN 0 AND 90 AND post_return_days BETWEEN 0 AND 90), CONSTRAINT "PK_a4579547b5152370542243d0877" PRIMARY KEY ("school_id"))`);
    await queryRunner.query(`ALTER TABLE "duty_shifts" ADD CONSTRAINT "duty_shifts_school_fk" FOREIGN KEY ("school_id") REFERENCES "schools"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "duty_shifts" ADD CONSTRAINT "duty_shifts_officer_fk" FOREIGN KEY ("officer_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "school_holidays" ADD CONSTRAINT "school_holidays_school_fk" FOREIGN KEY ("school_id") REFERENCES "schools"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "school_terms" ADD CONSTRAINT "school_terms_school_fk" FOREIGN KEY ("school_id") REFERENCES "schools"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "school_window_settings" ADD CONSTRAINT "school_window_settings_school_fk" FOREIGN KEY ("school_id") REFERENCES "schools"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    // Calendars and rosters are corrected, not deleted: no DELETE for the application.
    await queryRunner.query(`GRANT SELECT, INSERT, UPDATE ON "school_terms", "school_holidays", "school_window_settings", "duty_shifts" TO campus_care_app`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`REVOKE ALL ON "school_terms", "school_holidays", "school_window_settings", "duty_shifts" FROM campus_care_app`);
    await queryRunner.query(`ALTER TABLE "school_window_settings" DROP CONSTRAINT "school_window_settings_school_fk"`);
    await queryRunner.query(`ALTER TABLE "school_terms" DROP CONSTRAINT "school_terms_school_fk"`);
    await queryRunner.query(`ALTER TABLE "school_holidays" DROP CONSTRAINT "school_holidays_school_fk"`);
    await queryRunner.query(`ALTER TABLE "duty_shifts" DROP CONSTRAINT "duty_shifts_officer_fk"`);
    await queryRunner.query(`ALTER TABLE "duty_shifts" DROP CONSTRAINT "duty_shifts_school_fk"`);
    await queryRunner.query(`DROP TABLE "school_window_settings"`);
    await queryRunner.query(`DROP INDEX "public"."school_terms_school_idx"`);
    await queryRunner.query(`DROP TABLE "school_terms"`);
    await queryRunner.query(`DROP INDEX "public"."school_holidays_school_idx"`);
    await queryRunner.query(`DROP TABLE "school_holidays"`);
    await queryRunner.query(`DROP INDEX "public"."duty_shifts_school_starts_idx"`);
    await queryRunner.query(`DROP INDEX "public"."duty_shifts_officer_starts_idx"`);
    await queryRunner.query(`DROP TABLE "duty_shifts"`);
  }
}
