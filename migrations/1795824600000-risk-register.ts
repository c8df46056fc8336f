import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The risk register: each student's current level and the history of its changes. */
export class RiskRegister1795824600000 implements MigrationInterface {
  name = 'RiskRegister1795824600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "risk_level_changes" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "school_id" uuid NOT NULL, "student_id" uuid NOT NULL, "previous_level" text, "level" text NOT NULL, "source" text NOT NULL, "source_detail" text, "reason" text, "changed_by" uuid, "changed_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, CONSTRAINT "risk_level_changes_source_check" CHECK (source IN ('signals', 'assessment', 'assessment_expired')), CONSTRAINT "PK_0b647b74331efa5856bfd21fb1d" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "risk_level_changes_student_idx" ON "risk_level_changes" ("student_id", "changed_at", "id")`);
    await queryRunner.query(`CREATE TABLE "student_risk" ("student_id" uuid NOT NULL, "school_id" uuid NOT NULL, "level" text NOT NULL, "level_rank" smallint NOT NULL, "derived_level" text NOT NULL, "derived_from" text, "assessed_level" text, "assessment_reason" text, "assessment_expires_at" TIMESTAMP(3) WITH TIME ZONE, "assessed_by" uuid, "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "version" integer NOT NULL DEFAULT '1', CONSTRAINT "student_risk_assessed_level_check" CHECK (assessed_level IS NULL OR assessed_level IN ('none', 'low', 'moderate', 'high', 'critical')), CONSTRAINT "student_risk_derived_level_check" CHECK (derived_level IN ('none', 'low', 'moderate', 'high', 'critical')), CONSTRAINT "student_risk_level_check" CHECK (level IN ('none', 'low', 'moderate', 'high', 'critical')), CONSTRAINT "PK_39312302a82a48f6fc24edd53a5" PRIMARY KEY ("student_id"))`);
    await queryRunner.query(`CREATE INDEX "student_risk_school_level_idx" ON "student_risk" ("school_id", "level_rank", "student_id")`);
    await queryRunner.query(`ALTER TABLE "risk_level_changes" ADD CONSTRAINT "risk_level_changes_school_fk" FOREIGN KEY ("school_id") REFERENCES "schools"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "risk_level_changes" ADD CONSTRAINT "risk_level_changes_student_fk" FOREIGN KEY ("student_id") REFERENCES "students"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "student_risk" ADD CONSTRAINT "student_risk_student_fk" FOREIGN KEY ("student_id") REFERENCES "students"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "student_risk" ADD CONSTRAINT "student_risk_school_fk" FOREIGN KEY ("school_id") REFERENCES "schools"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`GRANT SELECT, INSERT, UPDATE ON "student_risk", "risk_level_changes" TO campus_care_app`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`REVOKE ALL ON "student_risk", "risk_level_changes" FROM campus_care_app`);
    await queryRunner.query(`ALTER TABLE "student_risk" DROP CONSTRAINT "student_risk_school_fk"`);
    await queryRunner.query(`ALTER TABLE "student_risk" DROP CONSTRAINT "student_risk_student_fk"`);
    await queryRunner.query(`ALTER TABLE "risk_level_changes" DROP CONSTRAINT "risk_level_changes_student_fk"`);
    await queryRunner.query(`ALTER TABLE "risk_level_changes" DROP CONSTRAINT "risk_level_changes_school_fk"`);
    await queryRunner.query(`DROP INDEX "public"."student_risk_school_level_idx"`);
    await queryRunner.query(`DROP TABLE "student_risk"`);
    await queryRunner.query(`DROP INDEX "public"."risk_level_changes_student_idx"`);
    await queryRunner.query(`DROP TABLE "risk_level_changes"`);
  }
}
