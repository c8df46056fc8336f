import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Holiday windows, part 7: temporary hardship aid. One application per student and holiday while
 * it is open (submitted or approved; a partial unique index), amounts in fen, checks that keep a
 * rejection with its reason and a payment with its amount, time, reference and payer. Every step
 * is a row of hardship_aid_transitions. Circumstances and the rejection reason are encrypted by
 * the application. Drafted by `schema:diff`, reviewed.
 */
export class HardshipAid1795825500000 implements MigrationInterface {
  name = 'HardshipAid1795825500000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "hardship_aid_applications" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "school_id" uuid NOT NULL, "holiday_id" uuid NOT NULL, "student_id" uuid NOT NULL, "status" text NOT NULL, "amount_requested_fen" integer NOT NULL, "circumstances" text NOT NULL, "applied_by" uuid NOT NULL, "reviewed_by" uuid, "reviewed_at" TIMESTAMP(3) WITH TIME ZONE, "rejection_reason" text, "amount_paid_fen" integer, "paid_at" TIMESTAMP(3) WITH TIME ZONE, "payment_reference" text, "paid_by" uuid, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', CONSTRAINT "hardship_aid_applications_amount_paid_check" CHECK (amount_paid_fen IS NULL OR amount_paid_fen > 0), CONSTRAINT "hardship_aid_applications_paid_check" CHECK ((status = 'paid') = (amount_paid_fen IS NOT NULL AND paid_at IS NOT NULL AND payment_reference IS NOT NULL AND paid_by IS NOT NULL)), CONSTRAINT "hardship_aid_applications_rejected_check" CHECK ((status = 'rejected') = (rejection_reason IS NOT NULL)), CONSTRAINT "hardship_aid_applications_amount_check" CHECK (amount_requested_fen > 0), CONSTRAINT "hardship_aid_applications_status_check" CHECK (status IN ('submitted', 'approved', 'rejected', 'paid')), CONSTRAINT "PK_5d70017251c0da94fcbedaae4e9" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "hardship_aid_applications_student_idx" ON "hardship_aid_applications" ("student_id")`);
    await queryRunner.query(`CREATE INDEX "hardship_aid_applications_school_holiday_idx" ON "hardship_aid_applications" ("school_id", "holiday_id", "status")`);
    await queryRunner.query(`CREATE UNIQUE INDEX "hardship_aid_applications_open_key" ON "hardship_aid_applications" ("holiday_id", "student_id") WHERE status IN ('submitted', 'approved')`);
    await queryRunner.query(`CREATE TABLE "hardship_aid_transitions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "application_id" uuid NOT NULL, "from_status" text, "to_status" text NOT NULL, "actor_id" uuid NOT NULL, "at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, CONSTRAINT "hardship_aid_transitions_from_check" CHECK (from_status IS NULL OR from_status IN ('submitted', 'approved', 'rejected', 'paid')), CONSTRAINT "hardship_aid_transitions_to_check" CHECK (to_status IN ('submitted', 'approved', 'rejected', 'paid')), CONSTRAINT "PK_6d6bec435935d92ff415aa8bb95" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "hardship_aid_transitions_application_idx" ON "hardship_aid_transitions" ("application_id", "at")`);
    await queryRunner.query(`ALTER TABLE "hardship_aid_applications" ADD CONSTRAINT "hardship_aid_applications_school_fk" FOREIGN KEY ("school_id") REFERENCES "schools"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "hardship_aid_applications" ADD CONSTRAINT "hardship_aid_applications_holiday_fk" FOREIGN KEY ("holiday_id") REFERENCES "school_holidays"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "hardship_aid_applications" ADD CONSTRAINT "hardship_aid_applications_student_fk" FOREIGN KEY ("student_id") REFERENCES "students"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "hardship_aid_applications" ADD CONSTRAINT "hardship_aid_applications_applied_by_fk" FOREIGN KEY ("applied_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "hardship_aid_applications" ADD CONSTRAINT "hardship_aid_applications_reviewed_by_fk" FOREIGN KEY ("reviewed_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "hardship_aid_applications" ADD CONSTRAINT "hardship_aid_applications_paid_by_fk" FOREIGN KEY ("paid_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "hardship_aid_transitions" ADD CONSTRAINT "hardship_aid_transitions_application_fk" FOREIGN KEY ("application_id") REFERENCES "hardship_aid_applications"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "hardship_aid_transitions" ADD CONSTRAINT "hardship_aid_transitions_actor_fk" FOREIGN KEY ("actor_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    // Applications change state but are never deleted; their history is append-only.
    await queryRunner.query(`GRANT SELECT, INSERT, UPDATE ON "hardship_aid_applications" TO campus_care_app`);
    await queryRunner.query(`GRANT SELECT, INSERT ON "hardship_aid_transitions" TO campus_care_app`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`REVOKE ALL ON "hardship_aid_transitions" FROM campus_care_app`);
    await queryRunner.query(`REVOKE ALL ON "hardship_aid_applications" FROM campus_care_app`);
    await queryRunner.query(`ALTER TABLE "hardship_aid_transitions" DROP CONSTRAINT "hardship_aid_transitions_actor_fk"`);
    await queryRunner.query(`ALTER TABLE "hardship_aid_transitions" DROP CONSTRAINT "hardship_aid_transitions_application_fk"`);
    await queryRunner.query(`ALTER TABLE "hardship_aid_applications" DROP CONSTRAINT "hardship_aid_applications_paid_by_fk"`);
    await queryRunner.query(`ALTER TABLE "hardship_aid_applications" DROP CONSTRAINT "hardship_aid_applications_reviewed_by_fk"`);
    await queryRunner.query(`ALTER TABLE "hardship_aid_applications" DROP CONSTRAINT "hardship_aid_applications_applied_by_fk"`);
    await queryRunner.query(`ALTER TABLE "hardship_aid_applications" DROP CONSTRAINT "hardship_aid_applications_student_fk"`);
    await queryRunner.query(`ALTER TABLE "hardship_aid_applications" DROP CONSTRAINT "hardship_aid_applications_holiday_fk"`);
    await queryRunner.query(`ALTER TABLE "hardship_aid_applications" DROP CONSTRAINT "hardship_aid_applications_school_fk"`);
    await queryRunner.query(`DROP INDEX "public"."hardship_aid_transitions_application_idx"`);
    await queryRunner.query(`DROP TABLE "hardship_aid_transitions"`);
    await queryRunner.query(`DROP INDEX "public"."hardship_aid_applications_open_key"`);
    await queryRunner.query(`DROP INDEX "public"."hardship_aid_applications_school_holiday_idx"`);
    await queryRunner.query(`DROP INDEX "public"."hardship_aid_applications_student_idx"`);
    await queryRunner.query(`DROP TABLE "hardship_aid_applications"`);
  }
}
