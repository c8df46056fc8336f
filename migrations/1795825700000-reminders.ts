import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Holiday windows, parts 2 to 4: reminder rules as data (the defaults are inserted per school by
 * the application, idempotently), the reminders the sweep creates (one per rule, holiday, period,
 * subject and recipient: the unique key that makes concurrent sweeps create each once), the
 * delivery outbox, and the holiday safety plans one of the default rules asks for. Completion notes
 * and plans are encrypted by the application. Drafted by `schema:diff`, reviewed.
 */
export class Reminders1795825700000 implements MigrationInterface {
  name = 'Reminders1795825700000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "holiday_safety_plans" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "school_id" uuid NOT NULL, "holiday_id" uuid NOT NULL, "student_id" uuid NOT NULL, "plan" text NOT NULL, "recorded_by" uuid NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', CONSTRAINT "holiday_safety_plans_holiday_student_key" UNIQUE ("holiday_id", "student_id"), CONSTRAINT "PK_5ce1222cd7f299f45b584c23dcb" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "holiday_safety_plans_student_idx" ON "holiday_safety_plans"("student_id") `);
    await queryRunner.query(`CREATE TABLE "reminder_deliveries" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "school_id" uuid NOT NULL, "reminder_id" uuid NOT NULL, "recipient_id" uuid NOT NULL, "event" text NOT NULL, "attempts" integer NOT NULL DEFAULT '0', "next_attempt_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "delivered_at" TIMESTAMP(3) WITH TIME ZONE, "last_error" text, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "reminder_deliveries_event_check" CHECK (event IN ('created', 'escalated')), CONSTRAINT "PK_27a51a312a6045e6390716e6de0" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "reminder_deliveries_reminder_idx" ON "reminder_deliveries"("reminder_id") `);
    await queryRunner.query(`CREATE INDEX "reminder_deliveries_pending_idx" ON "reminder_deliveries"("next_attempt_at", "id") WHERE delivered_at IS NULL`);
    await queryRunner.query(`CREATE TABLE "reminder_rules" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "school_id" uuid NOT NULL, "code" text NOT NULL, "window_kind" text NOT NULL, "subjects" text NOT NULL, "recipients" text NOT NULL, "done_when" text NOT NULL, "due_after_days" smallint, "repeat_every_days" smallint, "escalate_after_hours" integer NOT NULL DEFAULT '24', "enabled" boolean NOT NULL DEFAULT true, "title_zh" text NOT NULL, "title_en" text NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', CONSTRAINT "reminder_rules_school_code_key" UNIQUE ("school_id", "code"), CONSTRAINT "reminder_rules_escalate_check" CHECK (escalate_after_hours BETWEEN 0 AND 720), CONSTRAINT "reminder_rules_repeat_check" CHECK (repeat_every_days IS NULL OR repeat_every_days BETWEEN 1 AND 60), CONSTRAINT "reminder_rules_due_check" CHECK (due_after_days IS NULL OR due_after_days BETWEEN 0 AND 120), CONSTRAINT "reminder_rules_done_when_check" CHECK (done_when IN ('education_topics_confirmed', 'holiday_safety_plan_recorded', 'roster_covers_holiday', 'holiday_categories_registered', 'contact_logged', 'return_assessment_planned', 'screening_campaign_opened', 'observation_logged')), CONSTRAINT "reminder_rules_recipients_check" CHECK (recipients IN ('class_teachers', 'case_owner', 'administrators', 'counselors')), CONSTRAINT "reminder_rules_subjects_check" CHECK (subjects IN ('class', 'high_risk_student', 'open_case', 'flagged_student', 'school')), CONSTRAINT "reminder_rules_window_check" CHECK (window_kind IN ('pre_holiday', 'holiday', 'pre_return', 'post_return')), CONSTRAINT "reminder_rules_code_check" CHECK (code ~ '^[a-z][a-z0-9_]{1,59}$'), CONSTRAINT "PK_b42e2f1ee2f100d8471b63a2cb7" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE TABLE "reminders" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "school_id" uuid NOT NULL, "rule_id" uuid NOT NULL, "holiday_id" uuid NOT NULL, "window_kind" text NOT NULL, "period_no" smallint NOT NULL, "window_from" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "window_to" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "period_from" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "due_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "escalate_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "subject_type" text NOT NULL, "subject_id" uuid NOT NULL, "student_id" uuid, "recipient_id" uuid NOT NULL, "status" text NOT NULL DEFAULT 'open', "acknowledged_at" TIMESTAMP(3) WITH TIME ZONE, "snoozed_until" TIMESTAMP(3) WITH TIME ZONE, "completed_at" TIMESTAMP(3) WITH TIME ZONE, "completed_by" uuid, "completion_note" text, "escalated_at" TIMESTAMP(3) WITH TIME ZONE, "escalated_to" uuid array NOT NULL DEFAULT '{}', "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', CONSTRAINT "reminders_occurrence_key" UNIQUE ("rule_id", "holiday_id", "period_no", "subject_id", "recipient_id"), CONSTRAINT "reminders_period_check" CHECK (period_no >= 0 AND period_from < due_at AND window_from < window_to), CONSTRAINT "reminders_done_check" CHECK ((status = 'done') = (completed_at IS NOT NULL)), CONSTRAINT "reminders_snooze_check" CHECK ((status = 'snoozed') = (snoozed_until IS NOT NULL)), CONSTRAINT "reminders_window_check" CHECK (window_kind IN ('pre_holiday', 'holiday', 'pre_return', 'post_return')), CONSTRAINT "reminders_subject_type_check" CHECK (subject_type IN ('class', 'student', 'case', 'school')), CONSTRAINT "reminders_status_check" CHECK (status IN ('open', 'acknowledged', 'snoozed', 'done')), CONSTRAINT "PK_38715fec7f634b72c6cf7ea4893" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "reminders_school_escalated_idx" ON "reminders"("school_id", "escalated_at", "id") WHERE escalated_at IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX "reminders_escalation_due_idx" ON "reminders"("escalate_at") WHERE status <> 'done' AND escalated_at IS NULL`);
    await queryRunner.query(`CREATE INDEX "reminders_rule_open_idx" ON "reminders"("rule_id", "holiday_id") WHERE status <> 'done'`);
    await queryRunner.query(`CREATE INDEX "reminders_school_status_due_idx" ON "reminders"("school_id", "status", "due_at", "id") `);
    await queryRunner.query(`CREATE INDEX "reminders_recipient_status_due_idx" ON "reminders"("recipient_id", "status", "due_at", "id") `);
    await queryRunner.query(`ALTER TABLE "holiday_safety_plans" ADD CONSTRAINT "holiday_safety_plans_school_fk" FOREIGN KEY ("school_id") REFERENCES "schools"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "holiday_safety_plans" ADD CONSTRAINT "holiday_safety_plans_holiday_fk" FOREIGN KEY ("holiday_id") REFERENCES "school_holidays"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "holiday_safety_plans" ADD CONSTRAINT "holiday_safety_plans_student_fk" FOREIGN KEY ("student_id") REFERENCES "students"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "holiday_safety_plans" ADD CONSTRAINT "holiday_safety_plans_recorded_by_fk" FOREIGN KEY ("recorded_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "reminder_deliveries" ADD CONSTRAINT "reminder_deliveries_school_fk" FOREIGN KEY ("school_id") REFERENCES "schools"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "reminder_deliveries" ADD CONSTRAINT "reminder_deliveries_reminder_fk" FOREIGN KEY ("reminder_id") REFERENCES "reminders"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "reminder_deliveries" ADD CONSTRAINT "reminder_deliveries_recipient_fk" FOREIGN KEY ("recipient_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "reminder_rules" ADD CONSTRAINT "reminder_rules_school_fk" FOREIGN KEY ("school_id") REFERENCES "schools"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "reminders" ADD CONSTRAINT "reminders_school_fk" FOREIGN KEY ("school_id") REFERENCES "schools"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "reminders" ADD CONSTRAINT "reminders_rule_fk" FOREIGN KEY ("rule_id") REFERENCES "reminder_rules"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "reminders" ADD CONSTRAINT "reminders_holiday_fk" FOREIGN KEY ("holiday_id") REFERENCES "school_holidays"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "reminders" ADD CONSTRAINT "reminders_recipient_fk" FOREIGN KEY ("recipient_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    // Rules and reminders change state but are never deleted; deliveries are marked, not removed.
    await queryRunner.query(`GRANT SELECT, INSERT, UPDATE ON "reminder_rules", "reminders", "reminder_deliveries", "holiday_safety_plans" TO campus_care_app`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`REVOKE ALL ON "reminder_rules", "reminders", "reminder_deliveries", "holiday_safety_plans" FROM campus_care_app`);
    await queryRunner.query(`ALTER TABLE "reminders" DROP CONSTRAINT "reminders_recipient_fk"`);
    await queryRunner.query(`ALTER TABLE "reminders" DROP CONSTRAINT "reminders_holiday_fk"`);
    await queryRunner.query(`ALTER TABLE "reminders" DROP CONSTRAINT "reminders_rule_fk"`);
    await queryRunner.query(`ALTER TABLE "reminders" DROP CONSTRAINT "reminders_school_fk"`);
    await queryRunner.query(`ALTER TABLE "reminder_rules" DROP CONSTRAINT "reminder_rules_school_fk"`);
    await queryRunner.query(`ALTER TABLE "reminder_deliveries" DROP CONSTRAINT "reminder_deliveries_recipient_fk"`);
    await queryRunner.query(`ALTER TABLE "reminder_deliveries" DROP CONSTRAINT "reminder_deliveries_reminder_fk"`);
    await queryRunner.query(`ALTER TABLE "reminder_deliveries" DROP CONSTRAINT "reminder_deliveries_school_fk"`);
    await queryRunner.query(`ALTER TABLE "holiday_safety_plans" DROP CONSTRAINT "holiday_safety_plans_recorded_by_fk"`);
    await queryRunner.query(`ALTER TABLE "holiday_safety_plans" DROP CONSTRAINT "holiday_safety_plans_student_fk"`);
    await queryRunner.query(`ALTER TABLE "holiday_safety_plans" DROP CONSTRAINT "holiday_safety_plans_holiday_fk"`);
    await queryRunner.query(`ALTER TABLE "holiday_safety_plans" DROP CONSTRAINT "holiday_safety_plans_school_fk"`);
    await queryRunner.query(`DROP INDEX "public"."reminders_recipient_status_due_idx"`);
    await queryRunner.query(`DROP INDEX "public"."reminders_school_status_due_idx"`);
    await queryRunner.query(`DROP INDEX "public"."reminders_rule_open_idx"`);
    await queryRunner.query(`DROP INDEX "public"."reminders_escalation_due_idx"`);
    await queryRunner.query(`DROP INDEX "public"."reminders_school_escalated_idx"`);
    await queryRunner.query(`DROP TABLE "reminders"`);
    await queryRunner.query(`DROP TABLE "reminder_rules"`);
    await queryRunner.query(`DROP INDEX "public"."reminder_deliveries_pending_idx"`);
    await queryRunner.query(`DROP INDEX "public"."reminder_deliveries_reminder_idx"`);
    await queryRunner.query(`DROP TABLE "reminder_deliveries"`);
    await queryRunner.query(`DROP INDEX "public"."holiday_safety_plans_student_idx"`);
    await queryRunner.query(`DROP TABLE "holiday_safety_plans"`);
  }
}
