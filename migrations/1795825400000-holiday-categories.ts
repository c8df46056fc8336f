import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Holiday windows, part 6: students' holiday categories, one per student and holiday. Checks keep
 * an internship with its employer and place, "other" with a description, and the guardian's
 * confirmation with its time. Employer, place and description are encrypted by the application.
 * Drafted by `schema:diff`, reviewed.
 */
export class HolidayCategories1795825400000 implements MigrationInterface {
  name = 'HolidayCategories1795825400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "holiday_categories" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "school_id" uuid NOT NULL, "holiday_id" uuid NOT NULL, "student_id" uuid NOT NULL, "whereabouts" text NOT NULL, "employer" text, "place" text, "description" text, "disaster_affected" boolean NOT NULL DEFAULT false, "contact_phone" text NOT NULL, "guardian_confirmed" boolean NOT NULL DEFAULT false, "guardian_confirmed_at" TIMESTAMP(3) WITH TIME ZONE, "updated_by" uuid NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', CONSTRAINT "holiday_categories_holiday_student_key" UNIQUE ("holiday_id", "student_id"), CONSTRAINT "holiday_categories_confirmed_check" CHECK (guardian_confirmed = (guardian_confirmed_at IS NOT NULL)), CONSTRAINT "holiday_categories_other_check" CHECK (whereabouts <> 'other' OR description IS NOT NULL), CONSTRAINT "holiday_categories_internship_check" CHECK (whereabouts <> 'internship' OR (employer IS NOT NULL AND place IS NOT NULL)), CONSTRAINT "holiday_categories_whereabouts_check" CHECK (whereabouts IN ('at_home', 'on_campus', 'internship', 'international_staying', 'other')), CONSTRAINT "PK_ee2fe1e4dfd6c5592da78cac902" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "holiday_categories_student_idx" ON "holiday_categories" ("student_id")`);
    await queryRunner.query(`CREATE INDEX "holiday_categories_school_holiday_idx" ON "holiday_categories" ("school_id", "holiday_id", "whereabouts")`);
    await queryRunner.query(`ALTER TABLE "holiday_categories" ADD CONSTRAINT "holiday_categories_school_fk" FOREIGN KEY ("school_id") REFERENCES "schools"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "holiday_categories" ADD CONSTRAINT "holiday_categories_holiday_fk" FOREIGN KEY ("holiday_id") REFERENCES "school_holidays"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "holiday_categories" ADD CONSTRAINT "holiday_categories_student_fk" FOREIGN KEY ("student_id") REFERENCES "students"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "holiday_categories" ADD CONSTRAINT "holiday_categories_updated_by_fk" FOREIGN KEY ("updated_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    // Registrations are replaced, not deleted: no DELETE for the application.
    await queryRunner.query(`GRANT SELECT, INSERT, UPDATE ON "holiday_categories" TO campus_care_app`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`REVOKE ALL ON "holiday_categories" FROM campus_care_app`);
    await queryRunner.query(`ALTER TABLE "holiday_categories" DROP CONSTRAINT "holiday_categories_updated_by_fk"`);
    await queryRunner.query(`ALTER TABLE "holiday_categories" DROP CONSTRAINT "holiday_categories_student_fk"`);
    await queryRunner.query(`ALTER TABLE "holiday_categories" DROP CONSTRAINT "holiday_categories_holiday_fk"`);
    await queryRunner.query(`ALTER TABLE "holiday_categories" DROP CONSTRAINT "holiday_categories_school_fk"`);
    await queryRunner.query(`DROP INDEX "public"."holiday_categories_school_holiday_idx"`);
    await queryRunner.query(`DROP INDEX "public"."holiday_categories_student_idx"`);
    await queryRunner.query(`DROP TABLE "holiday_categories"`);
  }
}
