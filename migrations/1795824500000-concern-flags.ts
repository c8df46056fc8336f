import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Concern flags raised by class teachers (observation and triage reason encrypted by the app). */
export class ConcernFlags1795824500000 implements MigrationInterface {
  name = 'ConcernFlags1795824500000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "concern_flags" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "school_id" uuid NOT NULL, "student_id" uuid NOT NULL, "raised_by" uuid NOT NULL, "category" text NOT NULL, "severity" text NOT NULL, "observed_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "observation" text NOT NULL, "status" text NOT NULL DEFAULT 'new', "triaged_by" uuid, "triaged_at" TIMESTAMP(3) WITH TIME ZONE, "triage_reason" text, "alert_id" uuid, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', CONSTRAINT "concern_flags_status_check" CHECK (status IN ('new', 'under_review', 'monitoring', 'case_opened', 'dismissed', 'closed')), CONSTRAINT "concern_flags_severity_check" CHECK (severity IN ('low', 'medium', 'high', 'urgent')), CONSTRAINT "concern_flags_category_check" CHECK (category IN ('low_mood_or_withdrawal', 'self_harm_or_suicide_talk', 'academic_decline', 'bullying_victim', 'bullying_perpetrator', 'family_crisis', 'sleep_or_health', 'other')), CONSTRAINT "PK_fc3a165bc7e58a2ae6f9fb912ba" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "concern_flags_student_created_idx" ON "concern_flags" ("student_id", "created_at")`);
    await queryRunner.query(`CREATE INDEX "concern_flags_raised_by_created_idx" ON "concern_flags" ("raised_by", "created_at", "id")`);
    await queryRunner.query(`CREATE INDEX "concern_flags_school_status_created_idx" ON "concern_flags" ("school_id", "status", "created_at", "id")`);
    await queryRunner.query(`ALTER TABLE "concern_flags" ADD CONSTRAINT "concern_flags_school_fk" FOREIGN KEY ("school_id") REFERENCES "schools"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "concern_flags" ADD CONSTRAINT "concern_flags_student_fk" FOREIGN KEY ("student_id") REFERENCES "students"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "concern_flags" ADD CONSTRAINT "concern_flags_raised_by_fk" FOREIGN KEY ("raised_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`GRANT SELECT, INSERT, UPDATE ON "concern_flags" TO campus_care_app`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`REVOKE ALL ON "concern_flags" FROM campus_care_app`);
    await queryRunner.query(`ALTER TABLE "concern_flags" DROP CONSTRAINT "concern_flags_raised_by_fk"`);
    await queryRunner.query(`ALTER TABLE "concern_flags" DROP CONSTRAINT "concern_flags_student_fk"`);
    await queryRunner.query(`ALTER TABLE "concern_flags" DROP CONSTRAINT "concern_flags_school_fk"`);
    await queryRunner.query(`DROP INDEX "public"."concern_flags_school_status_created_idx"`);
    await queryRunner.query(`DROP INDEX "public"."concern_flags_raised_by_created_idx"`);
    await queryRunner.query(`DROP INDEX "public"."concern_flags_student_created_idx"`);
    await queryRunner.query(`DROP TABLE "concern_flags"`);
  }
}
