import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Organisation (schools, grades, classes, students, guardians, class-teacher assignments),
 * identity (users, refresh tokens, break-glass grants), notifications and the audit trail.
 * Tables and indexes as drafted by `npm run cli -- schema:diff` from the entities; the audit
 * trail's sequence, append-only triggers and grants are hand-written (TypeORM does not model them).
 * The role `campus_care_app` is what a production login role should be a member of.
 */
export class IdentityAndOrganisation1795824100000 implements MigrationInterface {
  name = 'IdentityAndOrganisation1795824100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "audit_events" ("seq" bigint NOT NULL, "occurred_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "school_id" uuid, "actor_id" uuid, "actor_role" text, "action" text NOT NULL, "entity_type" text, "entity_id" uuid, "student_id" uuid, "outcome" text NOT NULL, "severity" text NOT NULL DEFAULT 'normal', "client_ip" text, "request_id" text, "reason" text, "changed_fields" text array, "break_glass_grant_id" uuid, "prev_hash" bytea, "hash" bytea NOT NULL, CONSTRAINT "audit_events_severity_check" CHECK (severity IN ('normal', 'high')), CONSTRAINT "audit_events_outcome_check" CHECK (outcome IN ('success', 'failure', 'denied', 'not_found')), CONSTRAINT "PK_6e299f5706e715265416fefe53e" PRIMARY KEY ("seq"))`);
    await queryRunner.query(`CREATE INDEX "audit_events_school_time_idx" ON "audit_events"  ("school_id", "occurred_at") `);
    await queryRunner.query(`CREATE INDEX "audit_events_school_entity_idx" ON "audit_events"  ("school_id", "entity_type", "entity_id", "seq") `);
    await queryRunner.query(`CREATE INDEX "audit_events_school_action_idx" ON "audit_events"  ("school_id", "action", "seq") `);
    await queryRunner.query(`CREATE INDEX "audit_events_school_actor_idx" ON "audit_events"  ("school_id", "actor_id", "seq") `);
    await queryRunner.query(`CREATE INDEX "audit_events_school_student_idx" ON "audit_events"  ("school_id", "student_id", "seq") `);
    await queryRunner.query(`CREATE INDEX "audit_events_school_seq_idx" ON "audit_events"  ("school_id", "seq") `);
    await queryRunner.query(`CREATE TABLE "break_glass_grants" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "school_id" uuid NOT NULL, "user_id" uuid NOT NULL, "student_id" uuid NOT NULL, "reason" text NOT NULL, "expires_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_b02d16f7854de523ef0f7ba9799" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "break_glass_grants_school_created_idx" ON "break_glass_grants"  ("school_id", "created_at", "id") `);
    await queryRunner.query(`CREATE INDEX "break_glass_grants_user_student_idx" ON "break_glass_grants"  ("user_id", "student_id", "expires_at") `);
    await queryRunner.query(`CREATE TABLE "refresh_tokens" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "school_id" uuid NOT NULL, "user_id" uuid NOT NULL, "family_id" uuid NOT NULL, "token_hash" bytea NOT NULL, "expires_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "used_at" TIMESTAMP(3) WITH TIME ZONE, "revoked_at" TIMESTAMP(3) WITH TIME ZONE, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_7d8bee0204106019488c4c50ffa" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "refresh_tokens_hash_key" ON "refresh_tokens"  ("token_hash") `);
    await queryRunner.query(`CREATE INDEX "refresh_tokens_user_idx" ON "refresh_tokens"  ("user_id") `);
    await queryRunner.query(`CREATE INDEX "refresh_tokens_family_idx" ON "refresh_tokens"  ("family_id") `);
    await queryRunner.query(`CREATE TABLE "users" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "school_id" uuid NOT NULL, "username" citext NOT NULL, "display_name" text NOT NULL, "role" text NOT NULL, "active" boolean NOT NULL DEFAULT true, "phone" text, "password_hash" text NOT NULL, "password_changed_at" TIMESTAMP(3) WITH TIME ZONE, "failed_login_count" integer NOT NULL DEFAULT '0', "failed_login_window_started_at" TIMESTAMP(3) WITH TIME ZONE, "locked_until" TIMESTAMP(3) WITH TIME ZONE, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', CONSTRAINT "users_role_check" CHECK (role IN ('admin', 'counselor', 'class_teacher', 'duty_officer')), CONSTRAINT "PK_a3ffb1c0c8416b9fc6f907b7433" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "users_username_key" ON "users"  ("username") `);
    await queryRunner.query(`CREATE INDEX "users_school_created_idx" ON "users"  ("school_id", "created_at", "id") `);
    await queryRunner.query(`CREATE TABLE "notifications" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "school_id" uuid NOT NULL, "recipient_id" uuid NOT NULL, "kind" text NOT NULL, "title" text NOT NULL, "entity_type" text, "entity_id" uuid, "read_at" TIMESTAMP(3) WITH TIME ZONE, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_6a72c3c0f683f6462415e653c3a" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "notifications_recipient_created_idx" ON "notifications"  ("recipient_id", "created_at", "id") `);
    await queryRunner.query(`CREATE TABLE "class_teacher_assignments" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "school_id" uuid NOT NULL, "class_id" uuid NOT NULL, "user_id" uuid NOT NULL, "started_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "ended_at" TIMESTAMP(3) WITH TIME ZONE, "assigned_by" uuid, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_a22876304f47e21e52c252ec2ad" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "class_teacher_assignments_class_history_idx" ON "class_teacher_assignments"  ("class_id", "started_at", "id") `);
    await queryRunner.query(`CREATE INDEX "class_teacher_assignments_user_current_idx" ON "class_teacher_assignments"  ("user_id", "class_id") WHERE ended_at IS NULL`);
    await queryRunner.query(`CREATE UNIQUE INDEX "class_teacher_assignments_current_key" ON "class_teacher_assignments"  ("class_id", "user_id") WHERE ended_at IS NULL`);
    await queryRunner.query(`CREATE TABLE "grades" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "school_id" uuid NOT NULL, "name" text NOT NULL, "sort_order" integer NOT NULL DEFAULT '0', "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', CONSTRAINT "grades_school_name_key" UNIQUE ("school_id", "name"), CONSTRAINT "PK_4740fb6f5df2505a48649f1687b" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "grades_school_order_idx" ON "grades"  ("school_id", "sort_order", "id") `);
    await queryRunner.query(`CREATE TABLE "guardians" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "school_id" uuid NOT NULL, "student_id" uuid NOT NULL, "name" text NOT NULL, "relation" text NOT NULL, "phone" text NOT NULL, "is_primary" boolean NOT NULL DEFAULT false, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', CONSTRAINT "guardians_relation_check" CHECK (relation IN ('mother', 'father', 'grandparent', 'sibling', 'guardian', 'other')), CONSTRAINT "PK_3dcf02f3dc96a2c017106f280be" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "guardians_student_idx" ON "guardians"  ("student_id", "created_at", "id") `);
    await queryRunner.query(`CREATE TABLE "classes" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "school_id" uuid NOT NULL, "grade_id" uuid NOT NULL, "name" text NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', CONSTRAINT "classes_grade_name_key" UNIQUE ("school_id", "grade_id", "name"), CONSTRAINT "PK_e207aa15404e9b2ce35910f9f7f" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "classes_school_grade_idx" ON "classes"  ("school_id", "grade_id", "name") `);
    await queryRunner.query(`CREATE TABLE "schools" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" text NOT NULL, "code" text NOT NULL, "timezone" text NOT NULL DEFAULT 'Asia/Shanghai', "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', CONSTRAINT "UQ_35e8277da52a915513e3ece8cf9" UNIQUE ("code"), CONSTRAINT "PK_95b932e47ac129dd8e23a0db548" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE TABLE "students" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "school_id" uuid NOT NULL, "student_number" text NOT NULL, "name" text NOT NULL, "gender" text NOT NULL DEFAULT 'unspecified', "date_of_birth" date, "class_id" uuid NOT NULL, "status" text NOT NULL DEFAULT 'enrolled', "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', CONSTRAINT "students_school_number_key" UNIQUE ("school_id", "student_number"), CONSTRAINT "students_gender_check" CHECK (gender IN ('female', 'male', 'other', 'unspecified')), CONSTRAINT "students_status_check" CHECK (status IN ('enrolled', 'suspended', 'graduated', 'withdrawn', 'transferred')), CONSTRAINT "PK_7d7f07271ad4ce999880713f05e" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "students_class_number_idx" ON "students"  ("class_id", "student_number") `);
    await queryRunner.query(`ALTER TABLE "break_glass_grants" ADD CONSTRAINT "break_glass_grants_school_fk" FOREIGN KEY ("school_id") REFERENCES "schools"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "break_glass_grants" ADD CONSTRAINT "break_glass_grants_user_fk" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "break_glass_grants" ADD CONSTRAINT "break_glass_grants_student_fk" FOREIGN KEY ("student_id") REFERENCES "students"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "refresh_tokens" ADD CONSTRAINT "refresh_tokens_school_fk" FOREIGN KEY ("school_id") REFERENCES "schools"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "refresh_tokens" ADD CONSTRAINT "refresh_tokens_user_fk" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "users" ADD CONSTRAINT "users_school_fk" FOREIGN KEY ("school_id") REFERENCES "schools"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "notifications" ADD CONSTRAINT "notifications_school_fk" FOREIGN KEY ("school_id") REFERENCES "schools"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "notifications" ADD CONSTRAINT "notifications_recipient_fk" FOREIGN KEY ("recipient_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "class_teacher_assignments" ADD CONSTRAINT "class_teacher_assignments_school_fk" FOREIGN KEY ("school_id") REFERENCES "schools"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "class_teacher_assignments" ADD CONSTRAINT "class_teacher_assignments_class_fk" FOREIGN KEY ("class_id") REFERENCES "classes"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "class_teacher_assignments" ADD CONSTRAINT "class_teacher_assignments_user_fk" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "grades" ADD CONSTRAINT "grades_school_fk" FOREIGN KEY ("school_id") REFERENCES "schools"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "guardians" ADD CONSTRAINT "guardians_school_fk" FOREIGN KEY ("school_id") REFERENCES "schools"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "guardians" ADD CONSTRAINT "guardians_student_fk" FOREIGN KEY ("student_id") REFERENCES "students"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "classes" ADD CONSTRAINT "classes_school_fk" FOREIGN KEY ("school_id") REFERENCES "schools"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "classes" ADD CONSTRAINT "classes_grade_fk" FOREIGN KEY ("grade_id") REFERENCES "grades"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "students" ADD CONSTRAINT "students_school_fk" FOREIGN KEY ("school_id") REFERENCES "schools"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "students" ADD CONSTRAINT "students_class_fk" FOREIGN KEY ("class_id") REFERENCES "classes"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);

    // The audit trail is append-only: refused for everyone by trigger (owners and superusers
    // included), and the application role gets no UPDATE/DELETE/TRUNCATE grant at all.
    await queryRunner.query(`CREATE SEQUENCE "audit_events_seq" AS bigint`);
    await queryRunner.query(`CREATE FUNCTION audit_events_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_events is append-only' USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await queryRunner.query(`CREATE TRIGGER audit_events_no_update_or_delete BEFORE UPDATE OR DELETE ON "audit_events"
      FOR EACH ROW EXECUTE FUNCTION audit_events_refuse_change()`);
    await queryRunner.query(`CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON "audit_events"
      FOR EACH STATEMENT EXECUTE FUNCTION audit_events_refuse_change()`);
    await queryRunner.query(`DO $$ BEGIN
        IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'campus_care_app') THEN CREATE ROLE campus_care_app NOLOGIN; END IF;
      END $$`);
    await queryRunner.query(`REVOKE ALL ON "audit_events" FROM PUBLIC`);
    await queryRunner.query(`GRANT SELECT, INSERT ON "audit_events" TO campus_care_app`);
    await queryRunner.query(`GRANT USAGE ON SEQUENCE "audit_events_seq" TO campus_care_app`);
    await queryRunner.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON "schools", "grades", "classes", "students", "guardians",
      "class_teacher_assignments", "users", "refresh_tokens", "break_glass_grants", "notifications" TO campus_care_app`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`REVOKE ALL ON "schools", "grades", "classes", "students", "guardians",
      "class_teacher_assignments", "users", "refresh_tokens", "break_glass_grants", "notifications", "audit_events" FROM campus_care_app`);
    await queryRunner.query(`REVOKE ALL ON SEQUENCE "audit_events_seq" FROM campus_care_app`);
    await queryRunner.query(`DROP TRIGGER audit_events_no_truncate ON "audit_events"`);
    await queryRunner.query(`DROP TRIGGER audit_events_no_update_or_delete ON "audit_events"`);
    await queryRunner.query(`DROP FUNCTION audit_events_refuse_change()`);
    await queryRunner.query(`DROP SEQUENCE "audit_events_seq"`);
    await queryRunner.query(`ALTER TABLE "students" DROP CONSTRAINT "students_class_fk"`);
    await queryRunner.query(`ALTER TABLE "students" DROP CONSTRAINT "students_school_fk"`);
    await queryRunner.query(`ALTER TABLE "classes" DROP CONSTRAINT "classes_grade_fk"`);
    await queryRunner.query(`ALTER TABLE "classes" DROP CONSTRAINT "classes_school_fk"`);
    await queryRunner.query(`ALTER TABLE "guardians" DROP CONSTRAINT "guardians_student_fk"`);
    await queryRunner.query(`ALTER TABLE "guardians" DROP CONSTRAINT "guardians_school_fk"`);
    await queryRunner.query(`ALTER TABLE "grades" DROP CONSTRAINT "grades_school_fk"`);
    await queryRunner.query(`ALTER TABLE "class_teacher_assignments" DROP CONSTRAINT "class_teacher_assignments_user_fk"`);
    await queryRunner.query(`ALTER TABLE "class_teacher_assignments" DROP CONSTRAINT "class_teacher_assignments_class_fk"`);
    await queryRunner.query(`ALTER TABLE "class_teacher_assignments" DROP CONSTRAINT "class_teacher_assignments_school_fk"`);
    await queryRunner.query(`ALTER TABLE "notifications" DROP CONSTRAINT "notifications_recipient_fk"`);
    await queryRunner.query(`ALTER TABLE "notifications" DROP CONSTRAINT "notifications_school_fk"`);
    await queryRunner.query(`ALTER TABLE "users" DROP CONSTRAINT "users_school_fk"`);
    await queryRunner.query(`ALTER TABLE "refresh_tokens" DROP CONSTRAINT "refresh_tokens_user_fk"`);
    await queryRunner.query(`ALTER TABLE "refresh_tokens" DROP CONSTRAINT "refresh_tokens_school_fk"`);
    await queryRunner.query(`ALTER TABLE "break_glass_grants" DROP CONSTRAINT "break_glass_grants_student_fk"`);
    await queryRunner.query(`ALTER TABLE "break_glass_grants" DROP CONSTRAINT "break_glass_grants_user_fk"`);
    await queryRunner.query(`ALTER TABLE "break_glass_grants" DROP CONSTRAINT "break_glass_grants_school_fk"`);
    await queryRunner.query(`DROP INDEX "public"."students_class_number_idx"`);
    await queryRunner.query(`DROP TABLE "students"`);
    await queryRunner.query(`DROP TABLE "schools"`);
    await queryRunner.query(`DROP INDEX "public"."classes_school_grade_idx"`);
    await queryRunner.query(`DROP TABLE "classes"`);
    await queryRunner.query(`DROP INDEX "public"."guardians_student_idx"`);
    await queryRunner.query(`DROP TABLE "guardians"`);
    await queryRunner.query(`DROP INDEX "public"."grades_school_order_idx"`);
    await queryRunner.query(`DROP TABLE "grades"`);
    await queryRunner.query(`DROP INDEX "public"."class_teacher_assignments_current_key"`);
    await queryRunner.query(`DROP INDEX "public"."class_teacher_assignments_user_current_idx"`);
    await queryRunner.query(`DROP INDEX "public"."class_teacher_assignments_class_history_idx"`);
    await queryRunner.query(`DROP TABLE "class_teacher_assignments"`);
    await queryRunner.query(`DROP INDEX "public"."notifications_recipient_created_idx"`);
    await queryRunner.query(`DROP TABLE "notifications"`);
    await queryRunner.query(`DROP INDEX "public"."users_school_created_idx"`);
    await queryRunner.query(`DROP INDEX "public"."users_username_key"`);
    await queryRunner.query(`DROP TABLE "users"`);
    await queryRunner.query(`DROP INDEX "public"."refresh_tokens_family_idx"`);
    await queryRunner.query(`DROP INDEX "public"."refresh_tokens_user_idx"`);
    await queryRunner.query(`DROP INDEX "public"."refresh_tokens_hash_key"`);
    await queryRunner.query(`DROP TABLE "refresh_tokens"`);
    await queryRunner.query(`DROP INDEX "public"."break_glass_grants_user_student_idx"`);
    await queryRunner.query(`DROP INDEX "public"."break_glass_grants_school_created_idx"`);
    await queryRunner.query(`DROP TABLE "break_glass_grants"`);
    await queryRunner.query(`DROP INDEX "public"."audit_events_school_seq_idx"`);
    await queryRunner.query(`DROP INDEX "public"."audit_events_school_student_idx"`);
    await queryRunner.query(`DROP INDEX "public"."audit_events_school_actor_idx"`);
    await queryRunner.query(`DROP INDEX "public"."audit_events_school_action_idx"`);
    await queryRunner.query(`DROP INDEX "public"."audit_events_school_entity_idx"`);
    await queryRunner.query(`DROP INDEX "public"."audit_events_school_time_idx"`);
    await queryRunner.query(`DROP TABLE "audit_events"`);
  }
}
