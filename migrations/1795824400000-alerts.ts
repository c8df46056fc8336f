import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Alerts that escalate (alerts, alert_escalations, per-school deadlines), and the role
 * `counseling_lead` (head of counseling), who receives the first escalation step.
 * Tables as drafted by `npm run cli -- schema:diff`; TypeORM does not compare CHECK
 * expressions, so the role check change is hand-written.
 */
export class Alerts1795824400000 implements MigrationInterface {
  name = 'Alerts1795824400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "users" DROP CONSTRAINT "users_role_check"`);
    await queryRunner.query(
      `ALTER TABLE "users" ADD CONSTRAINT "users_role_check" CHECK (role IN ('admin', 'counseling_lead', 'counselor', 'class_teacher', 'duty_officer'))`,
    );
    await queryRunner.query(`CREATE TABLE "alerts" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "school_id" uuid NOT NULL, "student_id" uuid NOT NULL, "severity" text NOT NULL, "source_type" text NOT NULL, "source_id" uuid, "reason_code" text NOT NULL, "status" text NOT NULL DEFAULT 'open', "raised_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "ack_due_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "escalation_level" smallint NOT NULL DEFAULT '0', "next_escalation_at" TIMESTAMP(3) WITH TIME ZONE, "acknowledged_at" TIMESTAMP(3) WITH TIME ZONE, "acknowledged_by" uuid, "acknowledgement_note" text, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', CONSTRAINT "alerts_level_check" CHECK (escalation_level BETWEEN 0 AND 2), CONSTRAINT "alerts_source_check" CHECK (source_type IN ('screening_response', 'concern_flag', 'appointment_no_show', 'manual')), CONSTRAINT "alerts_status_check" CHECK (status IN ('open', 'acknowledged')), CONSTRAINT "alerts_severity_check" CHECK (severity IN ('critical', 'high')), CONSTRAINT "PK_60f895662df096bfcdfab7f4b96" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "alerts_student_idx" ON "alerts" ("student_id", "raised_at")`);
    await queryRunner.query(`CREATE INDEX "alerts_escalation_due_idx" ON "alerts" ("next_escalation_at") WHERE status = 'open' AND next_escalation_at IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX "alerts_school_status_raised_idx" ON "alerts" ("school_id", "status", "raised_at", "id")`);
    await queryRunner.query(`CREATE UNIQUE INDEX "alerts_source_key" ON "alerts" ("source_type", "source_id") WHERE source_id IS NOT NULL`);
    await queryRunner.query(`CREATE TABLE "alert_deadlines" ("school_id" uuid NOT NULL, "severity" text NOT NULL, "ack_minutes" integer NOT NULL, CONSTRAINT "alert_deadlines_severity_check" CHECK (severity IN ('critical', 'high')), CONSTRAINT "alert_deadlines_minutes_check" CHECK (ack_minutes BETWEEN 5 AND 10080), CONSTRAINT "PK_222c416060540d3d379d2ecd4f1" PRIMARY KEY ("school_id", "severity"))`);
    await queryRunner.query(`CREATE TABLE "alert_escalations" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "school_id" uuid NOT NULL, "alert_id" uuid NOT NULL, "level" smallint NOT NULL, "escalated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "notified_user_ids" uuid array NOT NULL DEFAULT '{}', CONSTRAINT "PK_84761490c47dbcf9324a57242a9" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "alert_escalations_alert_level_key" ON "alert_escalations" ("alert_id", "level")`);
    await queryRunner.query(`ALTER TABLE "alerts" ADD CONSTRAINT "alerts_school_fk" FOREIGN KEY ("school_id") REFERENCES "schools"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "alerts" ADD CONSTRAINT "alerts_student_fk" FOREIGN KEY ("student_id") REFERENCES "students"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "alert_deadlines" ADD CONSTRAINT "alert_deadlines_school_fk" FOREIGN KEY ("school_id") REFERENCES "schools"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "alert_escalations" ADD CONSTRAINT "alert_escalations_school_fk" FOREIGN KEY ("school_id") REFERENCES "schools"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "alert_escalations" ADD CONSTRAINT "alert_escalations_alert_fk" FOREIGN KEY ("alert_id") REFERENCES "alerts"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON "alerts", "alert_escalations", "alert_deadlines" TO campus_care_app`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`REVOKE ALL ON "alerts", "alert_escalations", "alert_deadlines" FROM campus_care_app`);
    await queryRunner.query(`ALTER TABLE "alert_escalations" DROP CONSTRAINT "alert_escalations_alert_fk"`);
    await queryRunner.query(`ALTER TABLE "alert_escalations" DROP CONSTRAINT "alert_escalations_school_fk"`);
    await queryRunner.query(`ALTER TABLE "alert_deadlines" DROP CONSTRAINT "alert_deadlines_school_fk"`);
    await queryRunner.query(`ALTER TABLE "alerts" DROP CONSTRAINT "alerts_student_fk"`);
    await queryRunner.query(`ALTER TABLE "alerts" DROP CONSTRAINT "alerts_school_fk"`);
    await queryRunner.query(`DROP INDEX "public"."alert_escalations_alert_level_key"`);
    await queryRunner.query(`DROP TABLE "alert_escalations"`);
    await queryRunner.query(`DROP TABLE "alert_deadlines"`);
    await queryRunner.query(`DROP INDEX "public"."alerts_source_key"`);
    await queryRunner.query(`DROP INDEX "public"."alerts_school_status_raised_idx"`);
    await queryRunner.query(`DROP INDEX "public"."alerts_escalation_due_idx"`);
    await queryRunner.query(`DROP INDEX "public"."alerts_student_idx"`);
    await queryRunner.query(`DROP TABLE "alerts"`);
    // Reverting fails while a counseling_lead exists: reassign those users first (their role has no older equivalent).
    await queryRunner.query(`ALTER TABLE "users" DROP CONSTRAINT "users_role_check"`);
    await queryRunner.query(
      `ALTER TABLE "users" ADD CONSTRAINT "users_role_check" CHECK (role IN ('admin', 'counselor', 'class_teacher', 'duty_officer'))`,
    );
  }
}
