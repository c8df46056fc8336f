import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Counseling services: per-school settings, counselors' weekly availability and exceptions,
 * appointments (requests, held offers, sessions), session notes, calendar-feed tokens.
 *
 * "Never double-booked" is two exclusion constraints on the half-open time range of the sessions
 * that hold time (scheduled, and slots offered to a waiting request): one per counselor, one per
 * student. They need btree_gist for the `uuid WITH =` part. Session notes and cancellation
 * reasons are encrypted by the application. Drafted by `npm run cli -- schema:diff`, reviewed.
 */
export class Counseling1795825000000 implements MigrationInterface {
  name = 'Counseling1795825000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('CREATE EXTENSION IF NOT EXISTS btree_gist');
    await queryRunner.query(`CREATE TABLE "appointments" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "school_id" uuid NOT NULL, "student_id" uuid NOT NULL, "counselor_id" uuid, "status" text NOT NULL, "starts_at" TIMESTAMP(3) WITH TIME ZONE, "ends_at" TIMESTAMP(3) WITH TIME ZONE, "mode" text, "place" text, "requested_by" uuid NOT NULL, "requested_at" TIMESTAMP(3) WITH TIME ZONE, "requested_counselor_id" uuid, "request_reason" text, "preferred_from" TIMESTAMP(3) WITH TIME ZONE, "preferred_to" TIMESTAMP(3) WITH TIME ZONE, "offer_expires_at" TIMESTAMP(3) WITH TIME ZONE, "case_id" uuid, "rescheduled_from" uuid, "rescheduled_to" uuid, "cancelled_by" uuid, "cancelled_at" TIMESTAMP(3) WITH TIME ZONE, "cancellation_reason" text, "outcome_recorded_at" TIMESTAMP(3) WITH TIME ZONE, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', CONSTRAINT "appointments_window_check" CHECK (preferred_to IS NULL OR preferred_to > preferred_from), CONSTRAINT "appointments_timed_check" CHECK (status IN ('requested', 'declined', 'cancelled') OR (starts_at IS NOT NULL AND counselor_id IS NOT NULL AND mode IS NOT NULL)), CONSTRAINT "appointments_length_check" CHECK (ends_at - starts_at <= interval '4 hours'), CONSTRAINT "appointments_span_check" CHECK ((starts_at IS NULL AND ends_at IS NULL) OR ends_at > starts_at), CONSTRAINT "appointments_reason_check" CHECK (request_reason IS NULL OR request_reason IN ('academic_pressure', 'peer_relationships', 'family_matters', 'emotional_wellbeing', 'adjustment_to_school', 'behaviour_in_class', 'follow_up_of_concern', 'other')), CONSTRAINT "appointments_mode_check" CHECK (mode IS NULL OR mode IN ('room', 'phone', 'video')), CONSTRAINT "appointments_status_check" CHECK (status IN ('requested', 'offered', 'scheduled', 'completed', 'cancelled', 'no_show', 'rescheduled', 'declined')), CONSTRAINT "PK_4a437a9a27e948726b8bb3e36ad" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "appointments_offer_expiry_idx" ON "appointments"("offer_expires_at") WHERE status = 'offered'`);
    await queryRunner.query(`CREATE INDEX "appointments_student_idx" ON "appointments"("student_id", "created_at")`);
    await queryRunner.query(`CREATE INDEX "appointments_school_starts_idx" ON "appointments"("school_id", "starts_at")`);
    await queryRunner.query(`CREATE INDEX "appointments_counselor_starts_idx" ON "appointments"("counselor_id", "starts_at")`);
    await queryRunner.query(`CREATE INDEX "appointments_waiting_idx" ON "appointments"("school_id", "created_at", "id") WHERE status = 'requested'`);
    await queryRunner.query(`CREATE INDEX "appointments_requester_created_idx" ON "appointments"("requested_by", "created_at", "id")`);
    await queryRunner.query(`CREATE INDEX "appointments_counselor_created_idx" ON "appointments"("counselor_id", "created_at", "id")`);
    await queryRunner.query(`CREATE TABLE "counselor_availability_exceptions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "school_id" uuid NOT NULL, "counselor_id" uuid NOT NULL, "kind" text NOT NULL, "starts_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "ends_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "mode" text, "place" text, "created_by" uuid NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "counselor_availability_exceptions_mode_check" CHECK ((kind = 'leave' AND mode IS NULL) OR (kind = 'extra' AND mode IN ('room', 'phone', 'video'))), CONSTRAINT "counselor_availability_exceptions_span_check" CHECK (ends_at > starts_at), CONSTRAINT "counselor_availability_exceptions_kind_check" CHECK (kind IN ('leave', 'extra')), CONSTRAINT "PK_20c7854a6fc3a49686d0ee7cac9" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "counselor_availability_exceptions_counselor_idx" ON "counselor_availability_exceptions"("counselor_id", "starts_at", "id")`);
    await queryRunner.query(`CREATE TABLE "counselor_availability_rules" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "school_id" uuid NOT NULL, "counselor_id" uuid NOT NULL, "weekday" smallint NOT NULL, "start_minute" smallint NOT NULL, "end_minute" smallint NOT NULL, "mode" text NOT NULL, "place" text, "created_by" uuid NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "counselor_availability_rules_mode_check" CHECK (mode IN ('room', 'phone', 'video')), CONSTRAINT "counselor_availability_rules_minutes_check" CHECK (start_minute >= 0 AND end_minute <= 1440 AND start_minute < end_minute), CONSTRAINT "counselor_availability_rules_weekday_check" CHECK (weekday BETWEEN 1 AND 7), CONSTRAINT "PK_adf458bac6b71a0f4f7b9aa77c0" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "counselor_availability_rules_counselor_idx" ON "counselor_availability_rules"("counselor_id", "weekday", "start_minute", "id")`);
    await queryRunner.query(`CREATE TABLE "counselor_calendar_feeds" ("counselor_id" uuid NOT NULL, "school_id" uuid NOT NULL, "token_hash" bytea NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_ea699e13685c0c9e741d1ff61dd" PRIMARY KEY ("counselor_id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "counselor_calendar_feeds_token_key" ON "counselor_calendar_feeds"("token_hash")`);
    await queryRunner.query(`CREATE TABLE "counseling_settings" ("school_id" uuid NOT NULL, "remote_only_during_holidays" boolean NOT NULL DEFAULT false, "offer_hold_hours" smallint NOT NULL DEFAULT '24', "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', CONSTRAINT "counseling_settings_offer_hold_check" CHECK (offer_hold_hours BETWEEN 1 AND 168), CONSTRAINT "PK_42c7ae4c784d455a38402b6f0b1" PRIMARY KEY ("school_id"))`);
    await queryRunner.query(`CREATE TABLE "session_notes" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "school_id" uuid NOT NULL, "appointment_id" uuid NOT NULL, "author_id" uuid NOT NULL, "body" text NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_c0c90f57f8af96a8b1252f86ef0" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "session_notes_appointment_idx" ON "session_notes"("appointment_id", "created_at", "id")`);
    await queryRunner.query(`ALTER TABLE "appointments" ADD CONSTRAINT "appointments_school_fk" FOREIGN KEY ("school_id") REFERENCES "schools"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "appointments" ADD CONSTRAINT "appointments_student_fk" FOREIGN KEY ("student_id") REFERENCES "students"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "appointments" ADD CONSTRAINT "appointments_counselor_fk" FOREIGN KEY ("counselor_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "appointments" ADD CONSTRAINT "appointments_requested_by_fk" FOREIGN KEY ("requested_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "appointments" ADD CONSTRAINT "appointments_requested_counselor_fk" FOREIGN KEY ("requested_counselor_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "appointments" ADD CONSTRAINT "appointments_case_fk" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "appointments" ADD CONSTRAINT "appointments_rescheduled_from_fk" FOREIGN KEY ("rescheduled_from") REFERENCES "appointments"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "appointments" ADD CONSTRAINT "appointments_rescheduled_to_fk" FOREIGN KEY ("rescheduled_to") REFERENCES "appointments"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "appointments" ADD CONSTRAINT "appointments_cancelled_by_fk" FOREIGN KEY ("cancelled_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "counselor_availability_exceptions" ADD CONSTRAINT "counselor_availability_exceptions_school_fk" FOREIGN KEY ("school_id") REFERENCES "schools"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "counselor_availability_exceptions" ADD CONSTRAINT "counselor_availability_exceptions_counselor_fk" FOREIGN KEY ("counselor_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "counselor_availability_rules" ADD CONSTRAINT "counselor_availability_rules_school_fk" FOREIGN KEY ("school_id") REFERENCES "schools"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "counselor_availability_rules" ADD CONSTRAINT "counselor_availability_rules_counselor_fk" FOREIGN KEY ("counselor_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "counselor_calendar_feeds" ADD CONSTRAINT "counselor_calendar_feeds_counselor_fk" FOREIGN KEY ("counselor_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "counselor_calendar_feeds" ADD CONSTRAINT "counselor_calendar_feeds_school_fk" FOREIGN KEY ("school_id") REFERENCES "schools"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "counseling_settings" ADD CONSTRAINT "counseling_settings_school_fk" FOREIGN KEY ("school_id") REFERENCES "schools"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "session_notes" ADD CONSTRAINT "session_notes_school_fk" FOREIGN KEY ("school_id") REFERENCES "schools"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "session_notes" ADD CONSTRAINT "session_notes_appointment_fk" FOREIGN KEY ("appointment_id") REFERENCES "appointments"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "session_notes" ADD CONSTRAINT "session_notes_author_fk" FOREIGN KEY ("author_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(
      `ALTER TABLE "appointments" ADD CONSTRAINT "appointments_counselor_no_overlap"
         EXCLUDE USING gist (counselor_id WITH =, tstzrange(starts_at, ends_at, '[)') WITH &&) WHERE (status IN ('scheduled', 'offered'))`,
    );
    await queryRunner.query(
      `ALTER TABLE "appointments" ADD CONSTRAINT "appointments_student_no_overlap"
         EXCLUDE USING gist (student_id WITH =, tstzrange(starts_at, ends_at, '[)') WITH &&) WHERE (status IN ('scheduled', 'offered'))`,
    );
    await queryRunner.query(`GRANT SELECT, INSERT, UPDATE ON "appointments", "counseling_settings" TO campus_care_app`);
    // Availability rules and exceptions are schedules, not records of care: they are removed, not closed.
    await queryRunner.query(`GRANT SELECT, INSERT, DELETE ON "counselor_availability_rules", "counselor_availability_exceptions" TO campus_care_app`);
    // Notes are never edited: a correction is another note.
    await queryRunner.query(`GRANT SELECT, INSERT ON "session_notes" TO campus_care_app`);
    await queryRunner.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON "counselor_calendar_feeds" TO campus_care_app`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`REVOKE ALL ON "counseling_settings", "counselor_availability_rules", "counselor_availability_exceptions", "appointments", "session_notes", "counselor_calendar_feeds" FROM campus_care_app`);
    await queryRunner.query(`ALTER TABLE "appointments" DROP CONSTRAINT "appointments_student_no_overlap"`);
    await queryRunner.query(`ALTER TABLE "appointments" DROP CONSTRAINT "appointments_counselor_no_overlap"`);
    await queryRunner.query(`ALTER TABLE "session_notes" DROP CONSTRAINT "session_notes_author_fk"`);
    await queryRunner.query(`ALTER TABLE "session_notes" DROP CONSTRAINT "session_notes_appointment_fk"`);
    await queryRunner.query(`ALTER TABLE "session_notes" DROP CONSTRAINT "session_notes_school_fk"`);
    await queryRunner.query(`ALTER TABLE "counseling_settings" DROP CONSTRAINT "counseling_settings_school_fk"`);
    await queryRunner.query(`ALTER TABLE "counselor_calendar_feeds" DROP CONSTRAINT "counselor_calendar_feeds_school_fk"`);
    await queryRunner.query(`ALTER TABLE "counselor_calendar_feeds" DROP CONSTRAINT "counselor_calendar_feeds_counselor_fk"`);
    await queryRunner.query(`ALTER TABLE "counselor_availability_rules" DROP CONSTRAINT "counselor_availability_rules_counselor_fk"`);
    await queryRunner.query(`ALTER TABLE "counselor_availability_rules" DROP CONSTRAINT "counselor_availability_rules_school_fk"`);
    await queryRunner.query(`ALTER TABLE "counselor_availability_exceptions" DROP CONSTRAINT "counselor_availability_exceptions_counselor_fk"`);
    await queryRunner.query(`ALTER TABLE "counselor_availability_exceptions" DROP CONSTRAINT "counselor_availability_exceptions_school_fk"`);
    await queryRunner.query(`ALTER TABLE "appointments" DROP CONSTRAINT "appointments_cancelled_by_fk"`);
    await queryRunner.query(`ALTER TABLE "appointments" DROP CONSTRAINT "appointments_rescheduled_to_fk"`);
    await queryRunner.query(`ALTER TABLE "appointments" DROP CONSTRAINT "appointments_rescheduled_from_fk"`);
    await queryRunner.query(`ALTER TABLE "appointments" DROP CONSTRAINT "appointments_case_fk"`);
    await queryRunner.query(`ALTER TABLE "appointments" DROP CONSTRAINT "appointments_requested_counselor_fk"`);
    await queryRunner.query(`ALTER TABLE "appointments" DROP CONSTRAINT "appointments_requested_by_fk"`);
    await queryRunner.query(`ALTER TABLE "appointments" DROP CONSTRAINT "appointments_counselor_fk"`);
    await queryRunner.query(`ALTER TABLE "appointments" DROP CONSTRAINT "appointments_student_fk"`);
    await queryRunner.query(`ALTER TABLE "appointments" DROP CONSTRAINT "appointments_school_fk"`);
    await queryRunner.query(`DROP INDEX "public"."session_notes_appointment_idx"`);
    await queryRunner.query(`DROP TABLE "session_notes"`);
    await queryRunner.query(`DROP TABLE "counseling_settings"`);
    await queryRunner.query(`DROP INDEX "public"."counselor_calendar_feeds_token_key"`);
    await queryRunner.query(`DROP TABLE "counselor_calendar_feeds"`);
    await queryRunner.query(`DROP INDEX "public"."counselor_availability_rules_counselor_idx"`);
    await queryRunner.query(`DROP TABLE "counselor_availability_rules"`);
    await queryRunner.query(`DROP INDEX "public"."counselor_availability_exceptions_counselor_idx"`);
    await queryRunner.query(`DROP TABLE "counselor_availability_exceptions"`);
    await queryRunner.query(`DROP INDEX "public"."appointments_counselor_created_idx"`);
    await queryRunner.query(`DROP INDEX "public"."appointments_requester_created_idx"`);
    await queryRunner.query(`DROP INDEX "public"."appointments_waiting_idx"`);
    await queryRunner.query(`DROP INDEX "public"."appointments_counselor_starts_idx"`);
    await queryRunner.query(`DROP INDEX "public"."appointments_school_starts_idx"`);
    await queryRunner.query(`DROP INDEX "public"."appointments_student_idx"`);
    await queryRunner.query(`DROP INDEX "public"."appointments_offer_expiry_idx"`);
    await queryRunner.query(`DROP TABLE "appointments"`);
    // btree_gist stays: the extension is database-wide and CREATE EXTENSION IF NOT EXISTS does not
    // record whether this migration installed it or found it, so it may serve other schemas or a
    // later constraint (a duty roster's no-overlap rule); an unused extension is harmless.
  }
}
